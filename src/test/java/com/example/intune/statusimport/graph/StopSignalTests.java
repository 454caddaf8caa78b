package com.example.intune.statusimport.graph;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every wait of the run ends early, with {@link RunStoppedException}, once a stop is requested. */
class StopSignalTests {

	private final StopSignal stop = new StopSignal();

	@Test
	void withoutAStopASleepLastsAtLeastItsDuration() {
		long start = System.nanoTime();
		this.stop.sleep(Duration.ofMillis(120));
		assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(120));
		assertThat(this.stop.isRequested()).isFalse();
		assertThatCode(this.stop::check).doesNotThrowAnyException();
	}

	@Test
	void aSleepOfNothingReturnsAtOnce() {
		assertThatCode(() -> this.stop.sleep(Duration.ZERO)).doesNotThrowAnyException();
	}

	@Test
	void aRequestedStopEndsALongSleepAtOnce() throws Exception {
		CompletableFuture<Throwable> ended = new CompletableFuture<>();
		Thread sleeper = new Thread(() -> {
			try {
				this.stop.sleep(Duration.ofHours(1));
				ended.complete(null);
			}
			catch (RuntimeException ex) {
				ended.complete(ex);
			}
		});
		sleeper.start();
		// the stop must wake a sleep under way, not only prevent one: wait until the sleeper is inside its wait
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (sleeper.getState() != Thread.State.TIMED_WAITING) {
			assertThat(System.nanoTime() - deadline).as("the sleeper started waiting within 5 s").isNegative();
			Thread.onSpinWait();
		}

		this.stop.request();

		assertThat(ended.get(5, TimeUnit.SECONDS)).isInstanceOf(RunStoppedException.class);
		assertThat(this.stop.isRequested()).isTrue();
		assertThatThrownBy(this.stop::check).isInstanceOf(RunStoppedException.class);
		assertThatThrownBy(() -> this.stop.sleep(Duration.ZERO)).isInstanceOf(RunStoppedException.class);
	}

	@Test
	void anInterruptedSleepStopsTheRunAndKeepsTheInterrupt() {
		Thread.currentThread().interrupt();
		try {
			assertThatThrownBy(() -> this.stop.sleep(Duration.ofHours(1))).isInstanceOf(RunStoppedException.class);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

}
