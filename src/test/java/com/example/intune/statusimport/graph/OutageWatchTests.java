package com.example.intune.statusimport.graph;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outage limits on a fake clock: how long transient failures may go on, and what the stop says. */
class OutageWatchTests {

	private static final long SECOND = 1_000_000_000L;

	private long now = 5 * SECOND;

	private final OutageWatch watch = new OutageWatch("https://graph.example/v1.0",
			new RetryPolicy(12, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(30),
					Duration.ofMinutes(3)),
			() -> this.now);

	@Test
	void withoutFailuresThereIsNoLimit() {
		assertThat(this.watch.timeLeft()).isGreaterThan(Duration.ofDays(300));
		this.now += 3600 * SECOND;
		assertThatCode(this.watch::check).doesNotThrowAnyException();
	}

	@Test
	void beforeGraphEverAnsweredFailuresMayGoOnForTheFirstLimitFromTheFirstFailure() {
		this.watch.failed("the connection was refused", false);
		this.now += 10 * SECOND;
		this.watch.failed("the connection was refused", false);

		assertThat(this.watch.timeLeft()).isEqualTo(Duration.ofSeconds(20));
		this.now += 20 * SECOND - 1;
		assertThatCode(this.watch::check).doesNotThrowAnyException();
		assertThat(this.watch.timeLeft()).isEqualTo(Duration.ofNanos(1));

		this.now += 1;
		assertThat(this.watch.timeLeft()).isZero();
		assertThatThrownBy(this.watch::check).isInstanceOf(GraphFatalException.class)
			.hasMessage("Graph at https://graph.example/v1.0 gave no usable answer in the first 30 s: the connection"
					+ " was refused 2 times. Check --graph-url and the network, then run the same command again to"
					+ " resume.");
	}

	@Test
	void theTimeLeftNeverGoesBelowZero() {
		this.watch.failed("503 ServiceUnavailable", true);
		this.now += 100 * SECOND;
		assertThat(this.watch.timeLeft()).isZero();
	}

	@Test
	void onceGraphHadAnsweredTheLongerLimitAppliesAndTheStopCountsEachKind() {
		this.watch.graphAnswered();
		this.watch.failed("503 ServiceUnavailable", true);
		this.watch.failed("502 BadGateway", true);
		this.watch.failed("503 ServiceUnavailable", true);
		this.now += 179 * SECOND;
		assertThatCode(this.watch::check).doesNotThrowAnyException();
		assertThat(this.watch.timeLeft()).isEqualTo(Duration.ofSeconds(1));

		this.now += SECOND;
		assertThatThrownBy(this.watch::check).isInstanceOf(GraphFatalException.class)
			.hasMessageMatching("Graph at https://graph.example/v1.0 has answered nothing but transient failures for"
					+ " 3 min \\(since \\d\\d:\\d\\d:\\d\\d UTC\\): 503 ServiceUnavailable 2 times, 502 BadGateway 1"
					+ " time\\. Run the same command again to resume once Graph is back\\.");
	}

	@Test
	void anAnswerFromGraphStartsTheCountAgain() {
		this.watch.failed("503 ServiceUnavailable", true);
		this.now += 29 * SECOND;
		this.watch.graphAnswered();
		assertThat(this.watch.timeLeft()).as("no failure since the answer").isGreaterThan(Duration.ofDays(300));

		this.now += 10 * SECOND;
		this.watch.failed("503 ServiceUnavailable", true);
		this.now += 60 * SECOND;
		assertThatCode(this.watch::check).as("the 3 min run from the failure after the answer")
			.doesNotThrowAnyException();
		assertThat(this.watch.timeLeft()).isEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void limitsOfAMinuteOrMoreAreSaidInMinutes() {
		OutageWatch minute = new OutageWatch("https://graph.example/v1.0", new RetryPolicy(12, Duration.ofSeconds(1),
				Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofMinutes(3)), () -> this.now);
		minute.failed("no answer within 60 s", false);
		this.now += 60 * SECOND;
		assertThatThrownBy(minute::check).hasMessageContaining("in the first 1 min:");
	}

	@Test
	void onlyAnHttpAnswerCountsAsGraphHavingBeenReached() {
		assertThat(this.watch.anyAnswer()).isFalse();
		this.watch.failed("the connection was refused", false);
		assertThat(this.watch.anyAnswer()).isFalse();
		this.watch.failed("503 ServiceUnavailable", true);
		this.watch.failed("the connection was refused", false);
		assertThat(this.watch.anyAnswer()).as("a later refused connection does not undo it").isTrue();
	}

	@Test
	void anAnswerOtherThanAFailureCountsAsGraphHavingBeenReached() {
		this.watch.graphAnswered();
		assertThat(this.watch.anyAnswer()).isTrue();
	}

}
