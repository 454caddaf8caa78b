package com.example.intune.statusimport.graph;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When Graph asked any request to wait, no request starts until the wait is over. */
class ThrottleGateTests {

	private final StopSignal stop = new StopSignal();

	private final GraphStats stats = new GraphStats();

	private final ThrottleGate gate = new ThrottleGate(this.stop, this.stats);

	@Test
	void anOpenGateLetsRequestsThroughAtOnce() {
		assertThat(this.gate.waitLeft()).isZero();
		this.gate.awaitOpen();
		assertThat(this.stats.throttleWait()).isZero();
	}

	@Test
	void aClosedGateHoldsRequestsForTheWholeWaitAndCountsIt() {
		long start = System.nanoTime();
		this.gate.holdFor(Duration.ofMillis(500));
		this.gate.awaitOpen();

		assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
		assertThat(this.gate.waitLeft()).isZero();
		// the time this request was held, which the run's summary reports as waiting for Graph
		assertThat(this.stats.throttleWait()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500));
	}

	@Test
	void aLongWaitIsCountedAsItPassesNotAllAtItsEnd() throws Exception {
		this.gate.holdFor(Duration.ofMillis(2500));
		Thread waiting = new Thread(this.gate::awaitOpen);
		waiting.start();
		Thread.sleep(1600);

		// the run's timeline reads the figure every second: a wait of minutes must show where it is spent
		assertThat(this.stats.throttleWait()).as("counted while the request still waits")
			.isGreaterThanOrEqualTo(Duration.ofMillis(900));
		assertThat(waiting.isAlive()).isTrue();
		waiting.join(5000);
		assertThat(this.stats.throttleWait()).isLessThanOrEqualTo(Duration.ofMillis(2500));
	}

	@Test
	void aShorterWaitDoesNotReopenTheGateEarly() {
		this.gate.holdFor(Duration.ofSeconds(30));
		this.gate.holdFor(Duration.ofMillis(1));
		assertThat(this.gate.waitLeft()).isGreaterThan(Duration.ofSeconds(29))
			.isLessThanOrEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void aLongerWaitKeepsTheGateClosedLonger() {
		this.gate.holdFor(Duration.ofSeconds(1));
		this.gate.holdFor(Duration.ofSeconds(30));
		assertThat(this.gate.waitLeft()).isGreaterThan(Duration.ofSeconds(29));
	}

}
