package com.example.intune.statusimport.graph;

import java.time.Duration;
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
 * with the first request) and a sliding one alike, without ever sending into a full one. What counts is when a
 * request reached Graph ({@link SendLog}): a run's first requests may take a second to leave a cold client, and a
 * window that opened that much later must not be taken for one that is over. A request that waited for its slot
 * checks it again before it leaves, since what came back meanwhile may have moved it.
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

	private final SendLog log = new SendLog();

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
	 * @return when they were logged, to give back to {@link #cancel}, {@link #cameBack} or {@link #throttled}
	 */
	public long acquire(int requests) {
		long slot = reserve(requests);
		while (true) {
			long wait = slot - this.nanoTime.getAsLong();
			if (wait > 0) {
				this.sleeper.accept(Duration.ofNanos(wait));
			}
			synchronized (this) {
				// requests that left before were logged later meanwhile, or the budget was lowered: the slot may be
				// too early now
				if (fits(slot, requests)) {
					return slot;
				}
				this.log.takeBack(slot, requests);
			}
			slot = reserve(requests);
		}
	}

	private synchronized long reserve(int requests) {
		long now = this.nanoTime.getAsLong();
		relax(now);
		long slot = Math.max(now, this.log.size() == 0 ? now : this.log.last());
		// the window before the slot may hold at most budget - requests others
		int mustHaveLeft = this.log.size() - Math.max(0, this.budget - requests);
		if (mustHaveLeft > 0) {
			long free = this.log.reached(mustHaveLeft - 1) + this.windowNanos + this.marginNanos;
			slot = Math.max(slot, free);
			this.waitedForBudget |= free > now;
		}
		this.log.leave(slot, requests);
		return slot;
	}

	/** Whether the window up to {@code slot} holds no more than the budget, with {@code requests} logged there. */
	private boolean fits(long slot, int requests) {
		int inWindow = this.log.reachedBetween(slot - this.windowNanos - this.marginNanos, slot);
		return inWindow - requests <= Math.max(0, this.budget - requests);
	}

	/** Takes back requests logged at {@code slot} that did not leave after all (Graph asked to wait meanwhile). */
	public synchronized void cancel(long slot, int requests) {
		this.log.takeBack(slot, requests);
	}

	/**
	 * The requests logged at {@code slot} came back: Graph had them by now, if at all.
	 * @param answered whether Graph answered (else the connection failed or the answer did not come in time)
	 */
	public synchronized void cameBack(long slot, int requests, boolean answered) {
		this.log.cameBack(slot, requests, Math.max(slot, this.nanoTime.getAsLong()), answered);
	}

	/**
	 * Graph answered 429 to a request that left at {@code slot}.
	 * @param acceptedTogether how many requests sent in the same {@code $batch} Graph did not throttle
	 * @param retryAfter what Graph said was left of its window, if it said
	 */
	public synchronized void throttled(long slot, int acceptedTogether, Optional<Duration> retryAfter) {
		long now = this.nanoTime.getAsLong();
		long left = retryAfter.map(Duration::toNanos).orElse(0L);
		// Graph's window ends `left` after it received the request, which was after it left; Graph counted in it ours
		// that reached it since it began, which were not back before
		long windowStart = slot + left - this.windowNanos - this.marginNanos;
		int before = acceptedTogether + this.log.leftBeforeAndReachedFrom(slot, windowStart);
		boolean quiet = !this.log.anyLeftBetween(slot - this.windowNanos / 10, slot);
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

	/** How much later than a window after a request the request that replaces it leaves. */
	synchronized Duration margin() {
		return Duration.ofNanos(this.marginNanos);
	}

	/** Forgets what no window can count any more, climbs back after patience, and lets a grown margin shrink. */
	private void relax(long now) {
		long keep = 3 * this.windowNanos + this.maxMarginNanos;
		this.log.forgetBefore(now - keep);
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

}
