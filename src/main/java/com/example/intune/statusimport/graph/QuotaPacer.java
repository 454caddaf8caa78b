package com.example.intune.statusimport.graph;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Keeps one kind of request, writes or reads, within Graph's quota for it, and learns the quota Graph really
 * enforces from its answers.
 * <p>
 * It logs its own sends, retries and throttled ones included since Graph counts them too, and lets a request go only
 * while fewer than the budget were sent in the window before it, plus a small margin against latency jitter. A run
 * may therefore start with a burst of the whole budget, as a client that sends as fast as it can does, and the next
 * burst comes once the window Graph opened with the first one is over: that fills a fixed window (one that starts
 * with the first request) and a sliding one alike, without ever sending into a full one.
 * <p>
 * A 429 tells when Graph's window ends (its Retry-After), and so which of our sends Graph counted with it:
 * <ul>
 * <li>the whole budget, or nothing just before it (the request came after a quiet period): the request crossed the
 * window's edge a little early. The throttle gate holds the requests until the window is over; the budget stays, and
 * the margin grows by what Graph said was left (it shrinks back by half a window later);
 * <li>fewer: someone else uses the quota too (another app of the tenant). The budget becomes what Graph took from us
 * in that window, never less than a tenth of the rate;
 * <li>after two windows without such a 429 in which requests waited for the lower budget, it climbs back by one
 * request, then two, four..., never above the rate; a climb that meets that 429 again waits twice as long (up to
 * sixteen windows) before the next.
 * </ul>
 */
public final class QuotaPacer {

	private static final int BASE_PATIENCE_WINDOWS = 2;

	private static final int MAX_PATIENCE_WINDOWS = 16;

	private final int maxBudget;

	private final int minBudget;

	private final long windowNanos;

	private final long baseMarginNanos;

	private final long maxMarginNanos;

	private final LongSupplier nanoTime;

	private final Consumer<Duration> sleeper;

	/** When our requests left, one entry per request, oldest first; never older than the last few windows. */
	private final ArrayDeque<Long> sent = new ArrayDeque<>();

	private int budget;

	private long marginNanos;

	private long marginSetNanos;

	private long marginGrownNanos;

	private int patienceWindows = BASE_PATIENCE_WINDOWS;

	private int step = 1;

	private boolean climbed;

	/** Whether a request waited for the budget since it last changed: only then is a higher budget worth a try. */
	private boolean waitedForBudget;

	private long budgetSetNanos;

	/**
	 * @param rate the quota, such as Intune's 100 writes per 20 s
	 * @param nanoTime the clock ({@code System::nanoTime}, or a fake in tests)
	 * @param sleeper how to wait (the run's stop signal, or a fake clock's advance in tests)
	 */
	public QuotaPacer(RateLimit rate, LongSupplier nanoTime, Consumer<Duration> sleeper) {
		this(rate, rate.window().dividedBy(400), nanoTime, sleeper);
	}

	/** @param margin how much later than a window after a request the request that replaces it leaves */
	QuotaPacer(RateLimit rate, Duration margin, LongSupplier nanoTime, Consumer<Duration> sleeper) {
		this.maxBudget = rate.requests();
		this.minBudget = Math.max(1, rate.requests() / 10);
		this.windowNanos = rate.window().toNanos();
		this.baseMarginNanos = margin.toNanos();
		this.maxMarginNanos = Math.max(this.baseMarginNanos, this.windowNanos / 40);
		this.nanoTime = nanoTime;
		this.sleeper = sleeper;
		this.budget = this.maxBudget;
		this.marginNanos = this.baseMarginNanos;
		long now = nanoTime.getAsLong();
		this.budgetSetNanos = now;
		this.marginSetNanos = now;
		this.marginGrownNanos = now - this.windowNanos;
	}

	/**
	 * Waits until {@code requests} sent together (a {@code $batch} counts each one) fit into the quota, and logs them
	 * as sent then.
	 * @return when they were logged, to give back to {@link #cancel} or {@link #throttled}
	 */
	public long acquire(int requests) {
		long slot;
		long now;
		synchronized (this) {
			now = this.nanoTime.getAsLong();
			relax(now);
			slot = Math.max(now, this.sent.isEmpty() ? now : this.sent.peekLast());
			// the window before the slot may hold at most budget - requests others
			int mustHaveLeft = this.sent.size() - Math.max(0, this.budget - requests);
			if (mustHaveLeft > 0) {
				long free = nth(mustHaveLeft - 1) + this.windowNanos + this.marginNanos;
				slot = Math.max(slot, free);
				this.waitedForBudget |= free > now;
			}
			for (int i = 0; i < requests; i++) {
				this.sent.addLast(slot);
			}
		}
		if (slot > now) {
			this.sleeper.accept(Duration.ofNanos(slot - now));
		}
		return slot;
	}

	/** Takes back requests logged at {@code slot} that did not leave after all (Graph asked to wait meanwhile). */
	public synchronized void cancel(long slot, int requests) {
		for (int i = 0; i < requests; i++) {
			this.sent.removeLastOccurrence(slot);
		}
	}

	/**
	 * Graph answered 429 to a request that left at {@code slot}.
	 * @param acceptedTogether how many requests sent in the same {@code $batch} Graph did not throttle
	 * @param retryAfter what Graph said was left of its window, if it said
	 */
	public synchronized void throttled(long slot, int acceptedTogether, Optional<Duration> retryAfter) {
		long now = this.nanoTime.getAsLong();
		long left = retryAfter.map(Duration::toNanos).orElse(0L);
		// Graph's window ends `left` after it received the request, some time between sending and answering; and when
		// the request was early by `left`, the first of Graph's window may have arrived as late as we were early
		long windowStart = slot + left - this.windowNanos - Math.max(now - slot, 0) - this.marginNanos
				- Math.min(left, this.maxMarginNanos);
		int before = acceptedTogether;
		boolean quiet = true;
		for (long at : this.sent) {
			if (at >= slot) {
				break;
			}
			if (at >= windowStart) {
				before++;
			}
			if (slot - at < this.windowNanos / 10) {
				quiet = false;
			}
		}
		if (before >= this.budget) {
			// our whole budget was in Graph's window: if it was nearly over, this one came early by what was left (the
			// others sent with it came early by as much: once per window); else it is one of a storm already counted
			if (left <= this.maxMarginNanos && now - this.marginGrownNanos >= this.windowNanos / 2) {
				this.marginNanos = Math.min(this.maxMarginNanos, this.marginNanos + left);
				this.marginGrownNanos = now;
				this.marginSetNanos = now;
			}
			return;
		}
		if (quiet) {
			// nothing of ours just before it: Graph's window was full of others' requests, which says nothing yet
			// about how many of ours it takes
			return;
		}
		int learned = Math.max(this.minBudget, before);
		if (learned < this.budget) {
			this.budget = learned;
			this.patienceWindows = this.climbed ? Math.min(MAX_PATIENCE_WINDOWS, this.patienceWindows * 2)
					: BASE_PATIENCE_WINDOWS;
			this.climbed = false;
			this.step = 1;
			this.waitedForBudget = false;
			this.budgetSetNanos = now;
		}
	}

	/** Requests allowed per window now: lower than the rate after Graph throttled us below it. */
	public synchronized int budget() {
		return this.budget;
	}

	/** The budget in requests per second. */
	public synchronized double ratePerSecond() {
		return this.budget / (this.windowNanos / 1e9);
	}

	public double maxRatePerSecond() {
		return this.maxBudget / (this.windowNanos / 1e9);
	}

	/** How much later than a window after a request the request that replaces it leaves. */
	synchronized Duration margin() {
		return Duration.ofNanos(this.marginNanos);
	}

	/** Forgets what no window can count any more, climbs back after patience, and lets a grown margin shrink. */
	private void relax(long now) {
		long keep = 3 * this.windowNanos + this.maxMarginNanos;
		while (!this.sent.isEmpty() && now - this.sent.peekFirst() > keep) {
			this.sent.pollFirst();
		}
		if (this.budget < this.maxBudget && this.waitedForBudget
				&& now - this.budgetSetNanos >= this.patienceWindows * this.windowNanos) {
			this.budget = Math.min(this.maxBudget, this.budget + this.step);
			this.step = Math.min(this.maxBudget, this.step * 2);
			this.climbed = true;
			this.waitedForBudget = false;
			this.budgetSetNanos = now;
		}
		if (this.marginNanos > this.baseMarginNanos && now - this.marginSetNanos >= this.windowNanos / 2) {
			this.marginNanos = this.baseMarginNanos + (this.marginNanos - this.baseMarginNanos) / 2;
			this.marginSetNanos = now;
		}
	}

	private long nth(int index) {
		Iterator<Long> entries = this.sent.iterator();
		for (int i = 0; i < index; i++) {
			entries.next();
		}
		return entries.next();
	}

}
