package com.example.intune.statusimport.job;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.example.intune.statusimport.graph.GraphStats;

/** Prints a progress line at a fixed interval while the job runs, from the committed counts. */
final class ProgressReporter implements AutoCloseable {

	private final ScheduledExecutorService timer;

	private ProgressReporter(ScheduledExecutorService timer) {
		this.timer = timer;
	}

	static ProgressReporter start(DeviceStatusWriter writer, GraphStats stats, PrintStream out, Duration interval,
			boolean dryRun) {
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "progress");
			thread.setDaemon(true);
			return thread;
		});
		long startedAt = System.nanoTime();
		long millis = Math.max(100, interval.toMillis());
		timer.scheduleAtFixedRate(() -> {
			RunCounters counters = writer.counters();
			long rowsThisRun = counters.rows() - writer.countersAtOpen().rows();
			double seconds = (System.nanoTime() - startedAt) / 1e9;
			double rate = rowsThisRun / Math.max(seconds, 0.001);
			if (dryRun) {
				out.printf("progress: %,d rows checked (%,d valid, %,d failed), %,.1f rows/s%n", counters.rows(),
						counters.valid(), counters.failed(), rate);
			}
			else {
				out.printf("progress: %,d rows done (%,d applied, %,d failed), %,.1f rows/s, %,d retries, %.1f s waited"
						+ " on throttling%n", counters.rows(), counters.applied(), counters.failed(), rate, stats.retries(),
						stats.throttleWait().toMillis() / 1000.0);
			}
		}, millis, millis, TimeUnit.MILLISECONDS);
		return new ProgressReporter(timer);
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
