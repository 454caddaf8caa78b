package com.example.intune.statusimport.job;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.example.intune.statusimport.graph.GraphClient;

/**
 * Shows how the run is going: on a terminal a bar redrawn every second; elsewhere (a scheduler's log) one plain line
 * per interval, starting with its ISO time in UTC. Both say rows done of the total, rows per second, the time left at the current pace, failures,
 * unchanged rows skipped, and when and why the job is waiting on Graph.
 */
final class ProgressReporter implements AutoCloseable {

	private static final int BAR_WIDTH = 24;

	private final ScheduledExecutorService timer;

	private final PrintStream out;

	private final boolean bar;

	private ProgressReporter(ScheduledExecutorService timer, PrintStream out, boolean bar) {
		this.timer = timer;
		this.out = out;
		this.bar = bar;
	}

	static ProgressReporter start(ChunkCounts counts, GraphClient graph, ImportSettings settings, PrintStream out) {
		boolean bar = settings.output().progressBar();
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "progress");
			thread.setDaemon(true);
			return thread;
		});
		long startedAt = System.nanoTime();
		long millis = bar ? 1000 : Math.max(100, settings.output().progressInterval().toMillis());
		timer.scheduleAtFixedRate(() -> {
			String line = line(counts, graph, settings, (System.nanoTime() - startedAt) / 1e9);
			if (bar) {
				out.print("\r" + line + "\u001b[K");
				out.flush();
			}
			else {
				// a scheduler's log keeps lines, not times: each says when it was written, in UTC
				out.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " progress: " + line);
			}
		}, millis, millis, TimeUnit.MILLISECONDS);
		return new ProgressReporter(timer, out, bar);
	}

	static String line(ChunkCounts counts, GraphClient graph, ImportSettings settings, double seconds) {
		RunCounters counters = counts.committed();
		long rowsThisRun = counts.rowsThisRun();
		double rate = rowsThisRun / Math.max(seconds, 0.001);
		long total = Math.max(settings.input().expectedRows(), counters.rows());
		StringBuilder line = new StringBuilder();
		if (total > 0) {
			int filled = (int) (BAR_WIDTH * counters.rows() / total);
			line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
		}
		line.append(String.format("%,d of %,d rows (%.1f%%), %,.1f rows/s", counters.rows(), total,
				total == 0 ? 100.0 : 100.0 * counters.rows() / total, rate));
		if (rate > 0 && total > counters.rows()) {
			line.append(", ETA ").append(duration(Duration.ofSeconds((long) ((total - counters.rows()) / rate))));
		}
		String done = settings.run().plan() ? "to update" : settings.dryRun() ? "valid" : "applied";
		line.append(String.format(", %s %,d, unchanged %,d, failed %,d", done,
				settings.run().writes() ? counters.applied() : counters.valid(), counters.unchanged(),
				counters.failed()));
		if (!settings.dryRun()) {
			Duration waiting = graph.throttleWaitLeft();
			if (!waiting.isZero()) {
				line.append(String.format(", waiting %.1f s because Graph throttled", waiting.toMillis() / 1000.0));
			}
			double max = settings.graph().rate().perSecond();
			if (graph.pace() < max * 0.999) {
				line.append(String.format(", pace lowered to %.2f/s of %.2f/s after 429s", graph.pace(), max));
			}
		}
		return line.toString();
	}

	static String duration(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds >= 3600) {
			return String.format("%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
		}
		if (seconds >= 60) {
			return String.format("%dm %02ds", seconds / 60, seconds % 60);
		}
		return seconds + "s";
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
		try {
			this.timer.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.bar) {
			this.out.println();
		}
	}

}
