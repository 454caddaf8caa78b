package com.example.intune.statusimport.simulator;

import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuotaTests {

	private static final long SECOND = 1_000_000_000L;

	@Nested
	class Fixed {

		private final Quota quota = new Quota(QuotaKind.FIXED, 3, Duration.ofSeconds(20));

		@Test
		void theWindowOpensWithTheFirstRequestAndAnswersTheTimeLeftInIt() {
			long start = 1000 * SECOND; // long after the quota was made: the window starts here, not then
			assertThat(this.quota.admit(start)).isZero();
			assertThat(this.quota.admit(start + 2 * SECOND)).isZero();
			assertThat(this.quota.admit(start + 5 * SECOND)).isZero();
			assertThat(this.quota.admit(start + 5 * SECOND)).isEqualTo(15 * SECOND);
			assertThat(this.quota.admit(start + 19 * SECOND)).isEqualTo(SECOND);
		}

		@Test
		void aNewWindowOpensWithTheFirstRequestAfterTheLastClosed() {
			this.quota.admit(0);
			assertThat(this.quota.admit(25 * SECOND)).isZero();
			this.quota.admit(26 * SECOND);
			this.quota.admit(27 * SECOND);
			assertThat(this.quota.admit(30 * SECOND)).as("the window opened at 25 s").isEqualTo(15 * SECOND);
			assertThat(this.quota.admit(45 * SECOND)).as("a new window at 45 s").isZero();
		}

	}

	@Nested
	class Sliding {

		private final Quota quota = new Quota(QuotaKind.SLIDING, 3, Duration.ofSeconds(20));

		@Test
		void atMostTheQuotaInAnyWindowEndingNow() {
			assertThat(this.quota.admit(0)).isZero();
			assertThat(this.quota.admit(10 * SECOND)).isZero();
			assertThat(this.quota.admit(12 * SECOND)).isZero();
			// a fixed window would say 8 s; the request at 10 s must leave before one more passes, since this one counts
			assertThat(this.quota.admit(12 * SECOND)).isEqualTo(18 * SECOND);
		}

		@Test
		void throttledRequestsCountSoARetryAtTheAnsweredTimePassesAndHammeringDoesNot() {
			this.quota.admit(0);
			this.quota.admit(10 * SECOND);
			this.quota.admit(12 * SECOND);
			long wait = this.quota.admit(12 * SECOND);
			assertThat(this.quota.admit(20 * SECOND)).as("the request at 0 s left, but the throttled ones count")
				.isPositive();
			// the one at 20 s counts too: now 12, 12, 20 and this one are in the window
			assertThat(this.quota.admit(12 * SECOND + wait)).isPositive();
			Quota patient = new Quota(QuotaKind.SLIDING, 3, Duration.ofSeconds(20));
			patient.admit(0);
			patient.admit(10 * SECOND);
			patient.admit(12 * SECOND);
			long told = patient.admit(12 * SECOND);
			assertThat(patient.admit(12 * SECOND + told)).as("a retry exactly when told").isZero();
			assertThat(patient.admit(12 * SECOND + told)).as("the two at 12 s leave first").isEqualTo(2 * SECOND);
		}

		@Test
		void aQuietWindowAcceptsAFullQuotaAgain() {
			for (int i = 0; i < 5; i++) {
				this.quota.admit(i);
			}
			long later = 40 * SECOND;
			assertThat(this.quota.admit(later)).isZero();
			assertThat(this.quota.admit(later)).isZero();
			assertThat(this.quota.admit(later)).isZero();
			assertThat(this.quota.admit(later)).isEqualTo(20 * SECOND);
		}

	}

	@Test
	void noQuotaAcceptsEverything() {
		Quota none = new Quota(QuotaKind.SLIDING, 0, Duration.ofSeconds(20));
		for (int i = 0; i < 10_000; i++) {
			assertThat(none.admit(0)).isZero();
		}
	}

}
