package com.example.intune.statusimport.runreport;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.example.intune.statusimport.graph.GraphStats;

/**
 * Keeps the run's {@link RunTimeline}: reads the figures {@link GraphStats} counts where requests are answered,
 * every {@value #PERIOD_MILLIS} ms on a thread of its own, and once more when closed so that the timeline's totals
 * are the run's.
 */
public final class TimelineSampler implements AutoCloseable {

	/** Four reads a second: a bucket of a second is never missed when the thread is late. */
	static final long PERIOD_MILLIS = 250;

	private final ScheduledExecutorService timer;

	private final RunTimeline timeline;

	private final GraphStats stats;

	private final long startedAt;

	private TimelineSampler(ScheduledExecutorService timer, RunTimeline timeline, GraphStats stats, long startedAt) {
		this.timer = timer;
		this.timeline = timeline;
		this.stats = stats;
		this.startedAt = startedAt;
	}

	/** Starts sampling {@code stats} into {@code timeline}; the run's time starts now. */
	public static TimelineSampler start(RunTimeline timeline, GraphStats stats) {
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "timeline");
			thread.setDaemon(true);
			return thread;
		});
		TimelineSampler sampler = new TimelineSampler(timer, timeline, stats, System.nanoTime());
		timer.scheduleAtFixedRate(sampler::sample, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
		return sampler;
	}

	private void sample() {
		this.timeline.record(elapsed(), new RunTimeline.Totals(this.stats.writesAccepted(), this.stats.throttled(),
				this.stats.readThrottled(), this.stats.throttleWait()));
	}

	/** How long the run has been sampled. */
	public Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - this.startedAt);
	}

	/** Stops sampling, after a last sample that takes in everything counted until now. */
	@Override
	public void close() {
		this.timer.shutdownNow();
		try {
			this.timer.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		sample();
	}

}
