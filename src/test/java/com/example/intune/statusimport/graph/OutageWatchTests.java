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

	/** Two requests of the run, told apart by identity as the engine's calls are. */
	private final Object first = new Object();

	private final Object second = new Object();

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
		this.watch.failed("the connection was refused", false, this.first);
		this.now += 10 * SECOND;
		this.watch.failed("the connection was refused", false, this.first);

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
		this.watch.failed("503 ServiceUnavailable", true, this.first);
		this.now += 100 * SECOND;
		assertThat(this.watch.timeLeft()).isZero();
	}

	@Test
	void onceGraphHadAnsweredTheLongerLimitAppliesAndTheStopCountsEachKind() {
		this.watch.graphAnswered();
		this.watch.failed("503 ServiceUnavailable", true, this.first);
		this.watch.failed("502 BadGateway", true, this.second);
		this.watch.failed("503 ServiceUnavailable", true, this.first);
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
		this.watch.failed("503 ServiceUnavailable", true, this.first);
		this.now += 29 * SECOND;
		this.watch.graphAnswered();
		assertThat(this.watch.timeLeft()).as("no failure since the answer").isGreaterThan(Duration.ofDays(300));

		this.now += 10 * SECOND;
		this.watch.failed("503 ServiceUnavailable", true, this.first);
		this.watch.failed("503 ServiceUnavailable", true, this.second);
		this.now += 60 * SECOND;
		assertThatCode(this.watch::check).as("the 3 min run from the failure after the answer")
			.doesNotThrowAnyException();
		assertThat(this.watch.timeLeft()).isEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void limitsOfAMinuteOrMoreAreSaidInMinutes() {
		OutageWatch minute = new OutageWatch("https://graph.example/v1.0", new RetryPolicy(12, Duration.ofSeconds(1),
				Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofMinutes(3)), () -> this.now);
		minute.failed("no answer within 60 s", false, this.first);
		this.now += 60 * SECOND;
		assertThatThrownBy(minute::check).hasMessageContaining("in the first 1 min:");
	}

	@Test
	void onlyAnHttpAnswerCountsAsGraphHavingBeenReached() {
		assertThat(this.watch.anyAnswer()).isFalse();
		this.watch.failed("the connection was refused", false, this.first);
		assertThat(this.watch.anyAnswer()).isFalse();
		this.watch.failed("503 ServiceUnavailable", true, this.first);
		this.watch.failed("the connection was refused", false, this.first);
		assertThat(this.watch.anyAnswer()).as("a later refused connection does not undo it").isTrue();
	}

	@Test
	void anAnswerOtherThanAFailureCountsAsGraphHavingBeenReached() {
		this.watch.graphAnswered();
		assertThat(this.watch.anyAnswer()).isTrue();
	}

	@Test
	void oneRequestNeverAnsweredWhileOthersWereIsNotAnOutage() {
		this.watch.graphAnswered();
		this.watch.failed("no answer within 60 s", false, this.first);
		this.now += 3600 * SECOND;
		this.watch.failed("no answer within 60 s", false, this.first);

		assertThatCode(this.watch::check).as("that status fails alone when its attempts run out")
			.doesNotThrowAnyException();
		assertThat(this.watch.timeLeft()).as("and its back-off is not cut short").isGreaterThan(Duration.ofDays(300));

		this.watch.failed("no answer within 60 s", false, this.second);
		assertThatThrownBy(this.watch::check).as("a second request failing too: the hour counts")
			.isInstanceOf(GraphFatalException.class);
	}

	@Test
	void beforeAnyUsableAnswerTheTimeCountsFromTheFirstRequestAndBoundsTheWaitForAnAnswer() {
		Duration timeout = Duration.ofSeconds(60);
		assertThat(this.watch.answerWait(timeout)).as("nothing sent yet").isEqualTo(timeout);
		this.watch.sending();
		assertThat(this.watch.answerWait(timeout)).isEqualTo(Duration.ofSeconds(30));
		this.now += 25 * SECOND;
		assertThat(this.watch.answerWait(timeout)).isEqualTo(Duration.ofSeconds(5));
		this.now += 10 * SECOND;
		assertThat(this.watch.answerWait(timeout)).as("never less than a second").isEqualTo(Duration.ofSeconds(1));

		this.watch.failed("no answer within 5 s", false, this.first);
		assertThatThrownBy(this.watch::check).as("30 s after the first request, not after the failure")
			.hasMessageContaining("gave no usable answer in the first 30 s: no answer within 5 s 1 time");

		this.watch.graphAnswered();
		this.watch.sending();
		assertThat(this.watch.answerWait(timeout)).as("once Graph answered").isEqualTo(timeout);
	}

	@Test
	void aRequestThatGaveUpNoLongerCountsSoTheNextFailureStartsTheCountAgain() {
		this.watch.graphAnswered();
		this.watch.failed("no answer within 60 s", false, this.first);
		this.now += 900 * SECOND;
		this.watch.ended(this.first);

		this.watch.failed("503 ServiceUnavailable", true, this.second);
		this.watch.failed("503 ServiceUnavailable", true, new Object());
		assertThatCode(this.watch::check).as("a blip after a status given up is not 15 minutes of outage")
			.doesNotThrowAnyException();
		assertThat(this.watch.timeLeft()).isEqualTo(Duration.ofMinutes(3));
	}

}
