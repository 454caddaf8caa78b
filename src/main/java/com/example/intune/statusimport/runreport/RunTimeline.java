package com.example.intune.statusimport.runreport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened when during the run: rows applied, 429 answers (writes and reads) and seconds waited on throttling,
 * per second of the run. Memory is bounded whatever the run's length: past {@value #MAX_POINTS} buckets, neighbours
 * are merged and each bucket covers twice as long (a ten-hour run ends with buckets of a minute or so), totals kept.
 * <p>
 * Fed with the run's running totals ({@link Totals}) by one thread ({@link TimelineSampler}), read by another.
 */
public final class RunTimeline {

	/** Enough for a chart as wide as a page, few enough to keep for any run. */
	public static final int MAX_POINTS = 600;

	/**
	 * The run's totals at one moment, as they are counted where they happen.
	 *
	 * @param applied writes Graph accepted
	 * @param writesThrottled writes answered 429
	 * @param readsThrottled reads answered 429
	 * @param throttleWait time requests waited because Graph throttled, summed over the requests that waited
	 */
	public record Totals(long applied, long writesThrottled, long readsThrottled, Duration throttleWait) {

		public static final Totals NONE = new Totals(0, 0, 0, Duration.ZERO);

	}

	/**
	 * One bucket of the timeline.
	 *
	 * @param startSecond when it starts, in seconds since the run started
	 * @param seconds how long it covers
	 * @param applied rows applied in it
	 * @param writesThrottled writes answered 429 in it
	 * @param readsThrottled reads answered 429 in it
	 * @param waitSeconds seconds waited on throttling in it, summed over the requests that waited
	 */
	public record Point(long startSecond, long seconds, long applied, long writesThrottled, long readsThrottled,
			double waitSeconds) {

		/** Rows applied per second over the bucket. */
		public double appliedPerSecond() {
			return (double) this.applied / this.seconds;
		}

		public long throttled() {
			return this.writesThrottled + this.readsThrottled;
		}

	}

	private final long[] applied = new long[MAX_POINTS];

	private final long[] writesThrottled = new long[MAX_POINTS];

	private final long[] readsThrottled = new long[MAX_POINTS];

	private final long[] waitNanos = new long[MAX_POINTS];

	private long bucketSeconds = 1;

	/** How many buckets hold the run so far. */
	private int used;

	private Totals last = Totals.NONE;

	/**
	 * Takes the run's totals at {@code elapsed} since it started: what grew since the last call counts for the
	 * second it falls in.
	 */
	public synchronized void record(Duration elapsed, Totals totals) {
		long second = Math.max(0, elapsed.toSeconds());
		while (second / this.bucketSeconds >= MAX_POINTS) {
			coarsen();
		}
		int index = (int) (second / this.bucketSeconds);
		this.applied[index] += totals.applied() - this.last.applied();
		this.writesThrottled[index] += totals.writesThrottled() - this.last.writesThrottled();
		this.readsThrottled[index] += totals.readsThrottled() - this.last.readsThrottled();
		this.waitNanos[index] += totals.throttleWait().minus(this.last.throttleWait()).toNanos();
		this.used = Math.max(this.used, index + 1);
		this.last = totals;
	}

	/** Each bucket twice as long: bucket i holds what buckets 2i and 2i+1 held. */
	private void coarsen() {
		for (long[] series : List.of(this.applied, this.writesThrottled, this.readsThrottled, this.waitNanos)) {
			for (int i = 0; i < MAX_POINTS / 2; i++) {
				series[i] = series[2 * i] + series[2 * i + 1];
			}
			java.util.Arrays.fill(series, MAX_POINTS / 2, MAX_POINTS, 0);
		}
		this.bucketSeconds *= 2;
		this.used = (this.used + 1) / 2;
	}

	/** The buckets from the run's start to the last one recorded, the last one possibly cut at the run's end. */
	public synchronized List<Point> points(Duration elapsed) {
		List<Point> points = new ArrayList<>(this.used);
		long endSecond = Math.max((elapsed.toMillis() + 999) / 1000, (this.used - 1) * this.bucketSeconds + 1);
		for (int i = 0; i < this.used; i++) {
			long start = i * this.bucketSeconds;
			long seconds = Math.max(1, Math.min(this.bucketSeconds, endSecond - start));
			points.add(new Point(start, seconds, this.applied[i], this.writesThrottled[i], this.readsThrottled[i],
					this.waitNanos[i] / 1e9));
		}
		return points;
	}

	/** How many seconds each bucket covers now. */
	public synchronized long bucketSeconds() {
		return this.bucketSeconds;
	}

}
