package com.example.intune.statusimport.graph;

import java.time.Duration;

/**
 * When Graph tells any request to wait, no new request starts until that wait is over: throttled requests still
 * count against the quota, so one worker pausing while others keep sending only makes it worse.
 */
public final class ThrottleGate {

	private static final long MAX_SLICE_NANOS = 1_000_000_000L;

	private final StopSignal stop;

	private final GraphStats stats;

	private long openAtNanos = System.nanoTime();

	public ThrottleGate(StopSignal stop, GraphStats stats) {
		this.stop = stop;
		this.stats = stats;
	}

	/** Closes the gate for at least {@code wait} from now. */
	public synchronized void holdFor(Duration wait) {
		long until = System.nanoTime() + wait.toNanos();
		if (until - this.openAtNanos > 0) {
			this.openAtNanos = until;
		}
	}

	/** How much longer the gate stays closed. */
	public synchronized Duration waitLeft() {
		long left = this.openAtNanos - System.nanoTime();
		return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
	}

	/** Returns once the gate is open. */
	public void awaitOpen() {
		while (true) {
			long left;
			synchronized (this) {
				left = this.openAtNanos - System.nanoTime();
			}
			if (left <= 0) {
				return;
			}
			// counted a second at a time, so that a timeline of the run shows a long wait where it was spent
			Duration slice = Duration.ofNanos(Math.min(left, MAX_SLICE_NANOS));
			this.stop.sleep(slice);
			this.stats.addThrottleWait(slice);
		}
	}

}
