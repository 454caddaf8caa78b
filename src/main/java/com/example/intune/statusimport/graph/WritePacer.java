package com.example.intune.statusimport.graph;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Spaces writes evenly at the allowed rate: every PATCH counts, retries included, since Graph counts them too. Each
 * caller reserves the next free slot under a lock and then waits for it, so any number of workers together never go
 * faster than the rate, and never in a burst that a fixed quota window would punish.
 * <p>
 * When Graph throttles anyway (another app may share the tenant's quota), the pace drops by a fifth, down to a tenth
 * of the allowed rate; after a quiet quota window it climbs back a tenth at a time, never above the allowed rate.
 */
public final class WritePacer {

	private static final double DECREASE = 0.8;

	private static final double INCREASE = 0.1;

	private final double maxRatePerSecond;

	private final long quietNanos;

	private final LongSupplier nanoTime;

	private final Consumer<Duration> sleeper;

	private double ratePerSecond;

	private long nextSlotNanos;

	private long lastThrottledNanos;

	private long lastRaisedNanos;

	private boolean everThrottled;

	/**
	 * @param writes writes allowed per window
	 * @param window the window, such as 20 s for Intune's 100 writes per 20 s
	 * @param nanoTime the clock ({@code System::nanoTime}, or a fake in tests)
	 * @param sleeper how to wait (the run's stop signal, or a fake clock's advance in tests)
	 */
	public WritePacer(int writes, Duration window, LongSupplier nanoTime, Consumer<Duration> sleeper) {
		this.maxRatePerSecond = writes / (window.toNanos() / 1e9);
		this.ratePerSecond = this.maxRatePerSecond;
		this.quietNanos = window.toNanos();
		this.nanoTime = nanoTime;
		this.sleeper = sleeper;
		this.nextSlotNanos = nanoTime.getAsLong();
	}

	/** Waits for the next write slot. */
	public void acquire() {
		acquire(1);
	}

	/** Waits for slots for {@code writes} writes sent together (a {@code $batch}): each one counts. */
	public void acquire(int writes) {
		long wait;
		synchronized (this) {
			long now = this.nanoTime.getAsLong();
			climbBackIfQuiet(now);
			long slot = Math.max(this.nextSlotNanos, now);
			this.nextSlotNanos = slot + (long) (writes * 1e9 / this.ratePerSecond);
			wait = slot - now;
		}
		if (wait > 0) {
			this.sleeper.accept(Duration.ofNanos(wait));
		}
	}

	/** Graph answered 429: slow down, since the quota is smaller than we were told or shared with another app. */
	public synchronized void throttled() {
		long now = this.nanoTime.getAsLong();
		// one storm of 429s for requests sent together counts once
		if (!this.everThrottled || now - this.lastThrottledNanos > (long) (1e9 / this.ratePerSecond)) {
			this.ratePerSecond = Math.max(this.maxRatePerSecond / 10, this.ratePerSecond * DECREASE);
		}
		this.everThrottled = true;
		this.lastThrottledNanos = now;
		this.lastRaisedNanos = now;
	}

	/** The pace now, in writes per second. */
	public synchronized double ratePerSecond() {
		return this.ratePerSecond;
	}

	public double maxRatePerSecond() {
		return this.maxRatePerSecond;
	}

	private void climbBackIfQuiet(long now) {
		if (this.ratePerSecond < this.maxRatePerSecond && now - this.lastThrottledNanos >= this.quietNanos
				&& now - this.lastRaisedNanos >= this.quietNanos) {
			this.ratePerSecond = Math.min(this.maxRatePerSecond, this.ratePerSecond + this.maxRatePerSecond * INCREASE);
			this.lastRaisedNanos = now;
		}
	}

}
