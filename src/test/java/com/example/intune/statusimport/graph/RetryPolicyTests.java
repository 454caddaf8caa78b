package com.example.intune.statusimport.graph;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What is retried, and how long the job waits before the next attempt. */
class RetryPolicyTests {

	private final RetryPolicy policy = new RetryPolicy(12, Duration.ofSeconds(1), Duration.ofSeconds(60));

	@Test
	void throttlingAndServerFailuresAreRetriedEverythingElseIsFinal() {
		assertThat(List.of(429, 500, 502, 503, 504)).allMatch(this.policy::isTransient);
		// 501 Not Implemented and 505 will not change on a retry; 4xx are the row's own fault
		assertThat(List.of(200, 204, 400, 401, 403, 404, 409, 412, 501, 505))
			.noneMatch(this.policy::isTransient);
	}

	@Test
	void only429IsThrottling() {
		assertThat(this.policy.isThrottling(429)).isTrue();
		assertThat(List.of(200, 500, 503, 504)).noneMatch(this.policy::isThrottling);
	}

	@Test
	void backOffGrowsWithJitterUpToTheCeiling() {
		assertThat(this.policy.delayAfter(1, Optional.empty())).isBetween(Duration.ofMillis(500),
				Duration.ofSeconds(1));
		assertThat(this.policy.delayAfter(2, Optional.empty())).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
		assertThat(this.policy.delayAfter(3, Optional.empty())).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
		assertThat(this.policy.delayAfter(11, Optional.empty())).isBetween(Duration.ofSeconds(30),
				Duration.ofSeconds(60));
	}

	@Test
	void graphsRetryAfterIsTakenAsGivenEvenBeyondTheBackOff() {
		// the engine stops the run for a Retry-After beyond the maximum; the policy itself never shortens Graph's wait
		assertThat(this.policy.delayAfter(2, Optional.of(Duration.ofSeconds(300)))).isEqualTo(Duration.ofSeconds(300));
		assertThat(this.policy.delayAfter(2, Optional.of(Duration.ZERO))).isEqualTo(Duration.ZERO);
	}

	@Test
	void aLongBaseDelayDoesNotOverflowIntoNoWaitAtAll() {
		// 1 h shifted left 30 times no longer fits a long: the wait must still be the ceiling, not zero or negative
		RetryPolicy slow = new RetryPolicy(50, Duration.ofHours(1), Duration.ofHours(2));
		assertThat(slow.delayAfter(40, Optional.empty())).isBetween(Duration.ofHours(1), Duration.ofHours(2));
	}

	@Test
	void aBaseDelayThatOverflowsToExactlyZeroStillWaitsTheLongestWait() {
		// 2^34 ns shifted left 30 times is 2^64, which wraps to exactly 0 in a long
		RetryPolicy slow = new RetryPolicy(50, Duration.ofNanos(1L << 34), Duration.ofHours(1));
		assertThat(slow.delayAfter(31, Optional.empty())).isBetween(Duration.ofMinutes(30), Duration.ofHours(1));
	}

	@Test
	void aZeroBaseDelayRetriesAtOnce() {
		// --retry-base-delay 0s asks for no back-off; it used to be taken for an overflow and wait the longest
		RetryPolicy eager = new RetryPolicy(5, Duration.ZERO, Duration.ofSeconds(60));
		assertThat(eager.delayAfter(1, Optional.empty())).isZero();
		assertThat(eager.delayAfter(4, Optional.empty())).isZero();
	}

	@Test
	void theJitterCoversTheUpperHalfOfTheCeilingAndNothingElse() {
		// with a ceiling of 2 ns the only waits allowed are 1 ns and 2 ns: both come up, and nothing else does
		RetryPolicy tiny = new RetryPolicy(5, Duration.ofNanos(2), Duration.ofNanos(2));
		Set<Duration> seen = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			seen.add(tiny.delayAfter(1, Optional.empty()));
		}
		assertThat(seen).containsExactlyInAnyOrder(Duration.ofNanos(1), Duration.ofNanos(2));
	}

	@Test
	void theShortConstructorKeepsTheDocumentedOutageLimits() {
		assertThat(this.policy.outageBeforeAnswers()).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.policy.outageAfterAnswers()).isEqualTo(Duration.ofMinutes(3));
		assertThat(RetryPolicy.DEFAULT.maxAttempts()).isEqualTo(12);
	}

	@Test
	void atLeastOneAttemptIsRequired() {
		assertThat(new RetryPolicy(1, Duration.ZERO, Duration.ZERO).maxAttempts()).isEqualTo(1);
		assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("at least 1");
	}

}
