package com.example.intune.statusimport.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One quota of the simulated Graph: at most {@code limit} requests per window, counted the {@link QuotaKind} way.
 * Refused requests count too, as in Graph, so a client that hammers stays throttled. Not thread-safe: the
 * {@link FaultPlan} that owns it calls it under its lock.
 */
final class Quota {

	private final QuotaKind kind;

	private final int limit;

	private final long window;

	private boolean open;

	private long windowStart;

	private int inWindow;

	/** The arrival times still inside the sliding window, oldest first. */
	private final Deque<Long> arrivals = new ArrayDeque<>();

	/** @param limit requests accepted per window; 0 for no quota */
	Quota(QuotaKind kind, int limit, Duration window) {
		this.kind = kind;
		this.limit = limit;
		this.window = window.toNanos();
	}

	/**
	 * Counts a request that arrives at {@code now} (in {@link System#nanoTime()}).
	 * @return 0 when it is accepted, else the nanoseconds until a request would be accepted again
	 */
	long admit(long now) {
		if (this.limit <= 0) {
			return 0;
		}
		return this.kind == QuotaKind.FIXED ? admitFixed(now) : admitSliding(now);
	}

	private long admitFixed(long now) {
		if (!this.open || now - this.windowStart >= this.window) {
			this.open = true;
			this.windowStart = now;
			this.inWindow = 0;
		}
		this.inWindow++;
		return this.inWindow > this.limit ? this.windowStart + this.window - now : 0;
	}

	private long admitSliding(long now) {
		while (!this.arrivals.isEmpty() && now - this.arrivals.peekFirst() >= this.window) {
			this.arrivals.pollFirst();
		}
		this.arrivals.addLast(now);
		int over = this.arrivals.size() - this.limit;
		if (over <= 0) {
			return 0;
		}
		// one more passes once limit - 1 remain: when the arrival at index `over` (this one counted) has left
		long leaving = this.arrivals.stream().skip(over).findFirst().orElseThrow();
		return leaving + this.window - now;
	}

}
