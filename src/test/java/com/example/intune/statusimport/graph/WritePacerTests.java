package com.example.intune.statusimport.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The pacer on a fake clock: sleeping advances time, so the tests run instantly and exactly. */
class WritePacerTests {

	private long now = 1_000_000_000L;

	private final List<Long> writes = new ArrayList<>();

	private final WritePacer pacer = new WritePacer(100, Duration.ofSeconds(20), () -> this.now,
			wait -> this.now += wait.toNanos());

	private void write(int count) {
		for (int i = 0; i < count; i++) {
			this.pacer.acquire();
			this.writes.add(this.now);
		}
	}

	@Test
	void writesAreSpacedEvenlyAtTheAllowedRate() {
		write(201);
		assertThat(this.writes.get(1) - this.writes.get(0)).isEqualTo(200_000_000L);
		assertThat(this.writes.get(200) - this.writes.get(0)).isEqualTo(40_000_000_000L);
	}

	@Test
	void noWindowOfTheQuotaGetsMoreThanItsWrites() {
		write(500);
		for (int i = 0; i + 100 < this.writes.size(); i++) {
			assertThat(this.writes.get(i + 100) - this.writes.get(i)).isGreaterThanOrEqualTo(20_000_000_000L);
		}
	}

	@Test
	void idleTimeIsNotSavedUpForABurst() {
		write(1);
		this.now += 60_000_000_000L;
		write(3);
		assertThat(this.writes.get(3) - this.writes.get(2)).isEqualTo(200_000_000L);
	}

	@Test
	void throttlingLowersThePaceByAFifthDownToATenth() {
		this.pacer.throttled();
		assertThat(this.pacer.ratePerSecond()).isCloseTo(4.0, within(1e-9));
		for (int i = 0; i < 30; i++) {
			this.now += 10_000_000_000L;
			this.pacer.throttled();
		}
		assertThat(this.pacer.ratePerSecond()).isCloseTo(0.5, within(1e-9));
	}

	@Test
	void aStormOfThrottlingAnswersToRequestsSentTogetherCountsOnce() {
		this.pacer.throttled();
		this.pacer.throttled();
		this.pacer.throttled();
		assertThat(this.pacer.ratePerSecond()).isCloseTo(4.0, within(1e-9));
	}

	@Test
	void afterAQuietWindowThePaceClimbsBackButNeverAboveTheAllowedRate() {
		this.pacer.throttled();
		this.now += 1_000_000_000L;
		this.pacer.throttled();
		assertThat(this.pacer.ratePerSecond()).isCloseTo(3.2, within(1e-9));
		this.now += 20_000_000_000L;
		write(1);
		assertThat(this.pacer.ratePerSecond()).isCloseTo(3.7, within(1e-9));
		this.now += 5_000_000_000L;
		write(1);
		assertThat(this.pacer.ratePerSecond()).as("one step per quiet window").isCloseTo(3.7, within(1e-9));
		for (int i = 0; i < 10; i++) {
			this.now += 20_000_000_000L;
			write(1);
		}
		assertThat(this.pacer.ratePerSecond()).isCloseTo(5.0, within(1e-9));
	}

	@Test
	void writesSentTogetherTakeASlotEach() {
		this.pacer.acquire(3);
		long before = this.now;
		write(1);
		assertThat(this.now - before).as("three slots of 200 ms").isEqualTo(600_000_000L);
		assertThat(this.pacer.maxRatePerSecond()).isCloseTo(5.0, within(1e-9));
	}

	@Test
	void throttlingAnswersWithinOneSlotOfEachOtherAreOneStorm() {
		this.pacer.throttled();
		// at 4 writes/s a slot is 250 ms: a 429 that came exactly one slot later still belongs to the same storm
		this.now += 250_000_000L;
		this.pacer.throttled();
		assertThat(this.pacer.ratePerSecond()).isCloseTo(4.0, within(1e-9));
		this.now += 250_000_001L;
		this.pacer.throttled();
		assertThat(this.pacer.ratePerSecond()).isCloseTo(3.2, within(1e-9));
	}

	@Test
	void theFirstThrottlingAnswerSlowsThePaceWhateverTheClockReads() {
		// System.nanoTime may be anywhere, zero included: the first 429 must not be mistaken for part of a storm
		long[] clock = { 0 };
		WritePacer early = new WritePacer(100, Duration.ofSeconds(20), () -> clock[0],
				wait -> clock[0] += wait.toNanos());
		early.throttled();
		assertThat(early.ratePerSecond()).isCloseTo(4.0, within(1e-9));
	}

	@Test
	void workersTogetherKeepThePace() throws Exception {
		WritePacer shared = new WritePacer(50, Duration.ofSeconds(1), System::nanoTime, wait -> {
			try {
				Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		List<Long> times = java.util.Collections.synchronizedList(new ArrayList<>());
		List<Thread> workers = new ArrayList<>();
		for (int w = 0; w < 4; w++) {
			Thread worker = new Thread(() -> {
				for (int i = 0; i < 10; i++) {
					shared.acquire();
					times.add(System.nanoTime());
				}
			});
			workers.add(worker);
			worker.start();
		}
		for (Thread worker : workers) {
			worker.join(10_000);
		}
		List<Long> sorted = times.stream().sorted().toList();
		assertThat(sorted).hasSize(40);
		// 40 writes at 50/s take at least 39 intervals of 20 ms
		assertThat(sorted.get(39) - sorted.get(0)).isGreaterThanOrEqualTo(39 * 20_000_000L - 5_000_000L);
	}

}
