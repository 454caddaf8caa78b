package com.example.intune.statusimport.graph;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.example.intune.statusimport.graph.MockGraph.batchAnswer;
import static com.example.intune.statusimport.graph.MockGraph.error;
import static com.example.intune.statusimport.graph.MockGraph.inner;
import static com.example.intune.statusimport.graph.MockGraph.patch;
import static com.example.intune.statusimport.graph.MockGraph.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Against MockWebServer: the quotas of writes and of reads, the waits before retries (Graph's or our own back-off),
 * and what the run's statistics say about them.
 */
class GraphClientWaitsTests {

	private final MockGraph graph = new MockGraph();

	private final GraphStats stats = new GraphStats();

	GraphClientWaitsTests() throws Exception {
	}

	@AfterEach
	void stop() {
		this.graph.close();
	}

	private GraphClient client(RetryPolicy policy, RateLimit rate) {
		return new GraphClient(this.graph.settings(policy, rate), () -> "token-1", new StopSignal(), this.stats);
	}

	private GraphClient client(RetryPolicy policy) {
		return client(policy, new RateLimit(10_000, Duration.ofSeconds(1)));
	}

	@Test
	void writesNeverPutMoreThanTheQuotaIntoAWindowAndABatchTakesASlotPerWrite() {
		GraphClient client = client(RetryPolicy.DEFAULT, new RateLimit(4, Duration.ofSeconds(1)));
		this.graph.script.add(batchAnswer(inner(1, 200, null, null), inner(2, 200, null, null),
				inner(3, 200, null, null)));

		long start = System.nanoTime();

		client.sendTogether(List.of(patch("dcs-1"), patch("dcs-2"), patch("dcs-3")));
		client.send(patch("dcs-4"));
		RequestOutcome after = client.send(patch("dcs-5"));

		assertThat(after.succeeded()).isTrue();
		assertThat(TimeUnit.NANOSECONDS.toMillis(this.graph.arrivals.get(1) - start)).as("the fourth fits at once")
			.isLessThan(900);
		// the $batch's three and the fourth filled the window: the fifth waits until the first have left it
		assertThat(TimeUnit.NANOSECONDS.toMillis(this.graph.arrivals.get(2) - start)).isGreaterThanOrEqualTo(1_000);
	}

	@Test
	void readsAreHeldToTheReadRate() {
		GraphClient client = new GraphClient(this.graph.settings(RetryPolicy.DEFAULT, RateLimit.INTUNE,
				new RateLimit(2, Duration.ofSeconds(1))), () -> "token-1", new StopSignal(), this.stats);
		long start = System.nanoTime();

		for (int i = 1; i <= 3; i++) {
			assertThat(client.send(read("dcs-" + i)).succeeded()).isTrue();
		}

		assertThat(TimeUnit.NANOSECONDS.toMillis(this.graph.arrivals.get(2) - start)).isGreaterThanOrEqualTo(1_000);
		assertThat(this.stats.reads()).isEqualTo(3);
		assertThat(this.stats.requests()).isEqualTo(3);
	}

	@Test
	void readsDoNotWaitForWriteSlots() {
		// one write per 10 s: had the reads taken write slots, the second would wait that long
		GraphClient client = client(RetryPolicy.DEFAULT, new RateLimit(1, Duration.ofSeconds(10)));
		long start = System.nanoTime();

		assertThat(client.send(read("dcs-1")).succeeded()).isTrue();
		assertThat(client.send(read("dcs-2")).succeeded()).isTrue();

		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
		assertThat(this.graph.requests).extracting(request -> request.getMethod()).containsExactly("GET", "GET");
		assertThat(this.graph.requests.get(0).getHeaders().get("Content-Type")).isNull();
		assertThat(this.graph.requests.get(0).getBody()).isNull();
	}

	@Test
	void a429IsWaitedOutAndCountedButAfterAQuietPeriodDoesNotLowerThePace() {
		GraphClient client = client(new RetryPolicy(3, Duration.ofMillis(20), Duration.ofSeconds(5)));
		this.graph.script.add(error(429, "TooManyRequests", "0.3"));
		assertThat(client.pace()).isCloseTo(10_000, within(1e-6));

		RequestOutcome outcome = client.send(patch("dcs-1"));

		assertThat(outcome.succeeded()).isTrue();
		assertThat(client.pace()).as("nothing of ours was in Graph's window").isCloseTo(10_000, within(1e-6));
		assertThat(this.stats.requests()).isEqualTo(2);
		assertThat(this.stats.retries()).isEqualTo(1);
		assertThat(this.stats.throttled()).isEqualTo(1);
		assertThat(this.stats.readThrottled()).isZero();
		assertThat(this.stats.throttleWait()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(300));
		assertThat(this.graph.millisBetweenArrivals(0, 1)).isGreaterThanOrEqualTo(300);
		assertThat(client.throttleWaitLeft()).isZero();
	}

	@Test
	void whenGraphTakesFewerWritesThanTheRateThePaceBecomesWhatItTook() {
		GraphClient client = client(new RetryPolicy(3, Duration.ofMillis(20), Duration.ofSeconds(5)),
				new RateLimit(10, Duration.ofSeconds(2)));
		for (int i = 0; i < 5; i++) {
			this.graph.script.add(MockGraph.OK);
		}
		// another app used the rest of Graph's window, which has 0.5 s left
		this.graph.script.add(error(429, "TooManyRequests", "0.5"));

		for (int i = 1; i <= 6; i++) {
			assertThat(client.send(patch("dcs-" + i)).succeeded()).isTrue();
		}

		assertThat(client.pace()).as("5 per 2 s").isCloseTo(2.5, within(1e-9));
		assertThat(this.stats.throttled()).isEqualTo(1);
	}

	@Test
	void a429ToAReadHoldsTheReadsAndLetsTheWritesGo() throws Exception {
		GraphClient client = client(new RetryPolicy(3, Duration.ofMillis(20), Duration.ofSeconds(5)));
		this.graph.script.add(error(429, "TooManyRequests", "1.5"));
		Thread reader = new Thread(() -> client.send(read("dcs-1")));
		reader.start();
		awaitArrivals(1);
		Thread.sleep(300); // the 429 is read and the reads held
		long start = System.nanoTime();

		assertThat(client.send(patch("dcs-2")).succeeded()).isTrue();
		long writeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		reader.join(5_000);

		assertThat(writeMillis).as("the write did not wait for the reads' 1.5 s").isLessThan(1_000);
		assertThat(this.graph.millisBetweenArrivals(0, 2)).as("the read did").isGreaterThanOrEqualTo(1_500);
		assertThat(this.stats.readThrottled()).isEqualTo(1);
		assertThat(this.stats.throttled()).isZero();
		assertThat(this.stats.reads()).isEqualTo(2);
		assertThat(this.stats.requests()).isEqualTo(3);
		assertThat(client.throttleWaitLeft()).as("writes are not held").isZero();
	}

	@Test
	void a429ToAWriteHoldsTheWritesAndLetsTheReadsGo() throws Exception {
		GraphClient client = client(new RetryPolicy(3, Duration.ofMillis(20), Duration.ofSeconds(5)));
		this.graph.script.add(error(429, "TooManyRequests", "1.5"));
		Thread writer = new Thread(() -> client.send(patch("dcs-1")));
		writer.start();
		awaitArrivals(1);
		while (client.throttleWaitLeft().isZero() && writer.isAlive()) {
			Thread.onSpinWait();
		}
		long start = System.nanoTime();

		assertThat(client.send(read("dcs-2")).succeeded()).isTrue();
		long readMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		writer.join(5_000);

		assertThat(readMillis).as("the read did not wait for the writes' 1.5 s").isLessThan(1_000);
		assertThat(this.graph.millisBetweenArrivals(0, 2)).as("the write did").isGreaterThanOrEqualTo(1_500);
		assertThat(this.stats.throttled()).isEqualTo(1);
		assertThat(this.stats.readThrottled()).isZero();
		assertThat(this.stats.reads()).isEqualTo(1);
	}

	private void awaitArrivals(int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (this.graph.arrivals.size() < count && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertThat(this.graph.arrivals).hasSizeGreaterThanOrEqualTo(count);
	}

	@Test
	void a429WithoutRetryAfterHoldsEveryRequestForTheBackOff() {
		GraphClient client = client(new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5)));
		this.graph.script.add(error(429, "TooManyRequests", null));

		assertThat(client.send(patch("dcs-1")).succeeded()).isTrue();

		assertThat(this.stats.throttled()).isEqualTo(1);
		assertThat(this.stats.throttleWait()).as("the back-off held the gate").isPositive();
		assertThat(this.graph.millisBetweenArrivals(0, 1)).isGreaterThanOrEqualTo(100);
	}

	@Test
	void aRetryAfterOnA503HoldsEveryRequestButIsNoThrottling() {
		GraphClient client = client(new RetryPolicy(3, Duration.ofMillis(20), Duration.ofSeconds(5)));
		this.graph.script.add(error(503, "ServiceUnavailable", "0.3"));

		assertThat(client.send(patch("dcs-1")).succeeded()).isTrue();

		assertThat(this.stats.throttled()).isZero();
		assertThat(client.pace()).as("only a 429 lowers the pace").isCloseTo(10_000, within(1e-6));
		assertThat(this.stats.throttleWait()).isPositive();
		assertThat(this.graph.millisBetweenArrivals(0, 1)).isGreaterThanOrEqualTo(300);
	}

	@Test
	void ourOwnBackOffAfterA503DelaysOnlyThatRequestAndGrowsWithEachAttempt() {
		GraphClient client = client(new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(5)));
		this.graph.script.add(error(503, "ServiceUnavailable", null));
		this.graph.script.add(error(503, "ServiceUnavailable", null));

		RequestOutcome outcome = client.send(patch("dcs-1"));

		assertThat(outcome.succeeded()).isTrue();
		assertThat(outcome.attempts()).isEqualTo(3);
		assertThat(this.stats.requests()).isEqualTo(3);
		assertThat(this.stats.retries()).isEqualTo(2);
		assertThat(this.stats.throttleWait()).as("no request but this one was held").isZero();
		// equal jitter: at least half of 100 ms after the first failure, half of 200 ms after the second
		assertThat(this.graph.millisBetweenArrivals(0, 1)).isGreaterThanOrEqualTo(50);
		assertThat(this.graph.millisBetweenArrivals(1, 2)).isGreaterThanOrEqualTo(100);
	}

	@Test
	void aRetryAfterOfExactlyTheLongestWaitIsHonoured() {
		GraphClient client = client(new RetryPolicy(3, Duration.ofMillis(20), Duration.ofSeconds(1)));
		this.graph.script.add(error(429, "TooManyRequests", "1"));

		RequestOutcome outcome = client.send(patch("dcs-1"));

		assertThat(outcome.succeeded()).isTrue();
		assertThat(this.graph.millisBetweenArrivals(0, 1)).isGreaterThanOrEqualTo(1_000);
	}

	@Test
	void theLongestRetryAfterOfABatchIsHonouredWhereverItComes() {
		GraphClient client = client(new RetryPolicy(3, Duration.ofMillis(20), Duration.ofSeconds(5)));
		this.graph.script.add(batchAnswer(inner(1, 429, "0.1", "TooManyRequests"), inner(2, 429, "0.4",
				"TooManyRequests"), inner(3, 429, null, "TooManyRequests")));
		this.graph.script.add(batchAnswer(inner(1, 200, null, null), inner(2, 200, null, null),
				inner(3, 200, null, null)));

		List<RequestOutcome> outcomes = client.sendTogether(List.of(patch("dcs-1"), patch("dcs-2"), patch("dcs-3")));

		assertThat(outcomes).extracting(RequestOutcome::succeeded).containsExactly(true, true, true);
		assertThat(this.graph.millisBetweenArrivals(0, 1)).isGreaterThanOrEqualTo(400);
		assertThat(this.stats.throttled()).as("each throttled request counts").isEqualTo(3);
		assertThat(client.pace()).as("a run's first requests throttled: Graph's window was full of others'")
			.isCloseTo(10_000, within(1e-6));
	}

	@Test
	void noWaitOutlastsTheTimeAnOutageMayGoOn() {
		// Graph asks for 4 s, but nothing usable came yet and the run may only wait 300 ms for that
		GraphClient client = client(new RetryPolicy(5, Duration.ofMillis(20), Duration.ofSeconds(5),
				Duration.ofMillis(300), Duration.ofMinutes(3)));
		this.graph.fallback = request -> error(503, "ServiceUnavailable", "4");
		long start = System.nanoTime();

		assertThatThrownBy(() -> client.send(patch("dcs-1"))).isInstanceOf(GraphFatalException.class)
			.hasMessageContaining("gave no usable answer in the first 0 s: 503 ServiceUnavailable");

		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("not the 4 s asked for")
			.isLessThan(3_000);
	}

}
