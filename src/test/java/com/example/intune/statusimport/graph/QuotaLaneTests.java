package com.example.intune.statusimport.graph;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A lane's pacer and gate together, on the real clock. */
class QuotaLaneTests {

	private final QuotaLane lane = new QuotaLane(new RateLimit(2, Duration.ofSeconds(1)), new StopSignal(),
			new GraphStats());

	private static long millisSince(long start) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
	}

	@Test
	void aRequestWhoseSlotCameWhileGraphAskedToWaitWaitsItOutAndGivesTheSlotBack() throws Exception {
		long start = System.nanoTime();
		this.lane.admit(2);
		CompletableFuture<Long> third = CompletableFuture.supplyAsync(() -> {
			this.lane.admit(1);
			return millisSince(start);
		});
		Thread.sleep(100);
		// Graph asks every request to wait until 1.1 s, after the third one's slot at 1 s
		this.lane.holdFor(Duration.ofSeconds(1));

		long thirdLeft = third.get(5, TimeUnit.SECONDS);
		this.lane.admit(1);
		long fourthLeft = millisSince(start);

		assertThat(thirdLeft).isGreaterThanOrEqualTo(1_100);
		// had the slot at 1 s stayed logged, the fourth would have waited for it to leave the window, at 2 s
		assertThat(fourthLeft).isLessThan(1_700);
	}

	@Test
	void aHeldGateDelaysEvenARequestThatHasRoomInTheQuota() {
		long start = System.nanoTime();
		this.lane.holdFor(Duration.ofMillis(400));

		this.lane.admit(1);

		assertThat(millisSince(start)).isGreaterThanOrEqualTo(400);
		assertThat(this.lane.waitLeft()).isZero();
	}

}
