package com.example.intune.statusimport.job;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.example.intune.statusimport.graph.GraphClient;
import com.example.intune.statusimport.runlog.RunLog;

/**
 * Shows how the run is going: on a terminal a bar redrawn in place every second, fitted to the window's width as it is
 * at each redraw; elsewhere (a scheduler's log) one plain line per interval, starting with its time ({@link RunLog}).
 * Both say rows done of the total (row by row, the chunk under way included, with what is committed when that is
 * less), rows per second, the time left at that pace, failures, unchanged rows skipped, what Graph is listed for
 * before the first rows move, and when and why the job is waiting on Graph. With {@code --log-file} and the bar, the
 * file gets a plain line per interval.
 */
final class ProgressReporter implements AutoCloseable {

	private static final int BAR_WIDTH = 24;

	private static final long REDRAW_MILLIS = 1000;

	private final ScheduledExecutorService timer;

	private final RunLog log;

	private final boolean bar;

	private ProgressReporter(ScheduledExecutorService timer, RunLog log, boolean bar) {
		this.timer = timer;
		this.log = log;
		this.bar = bar;
	}

	static ProgressReporter start(ChunkCounts counts, GraphClient graph, LiveComparison live, ImportSettings settings,
			RunLog log) {
		boolean bar = settings.output().progressBar();
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "progress");
			thread.setDaemon(true);
			return thread;
		});
		long startedAt = System.nanoTime();
		long interval = Math.max(100, settings.output().progressInterval().toMillis());
		long[] lastLogged = { startedAt };
		timer.scheduleAtFixedRate(() -> {
			long now = System.nanoTime();
			ProgressLine line = line(counts, graph, live.pagesRead(), settings, (now - startedAt) / 1e9);
			if (!bar) {
				log.timedLine("progress: " + line);
				return;
			}
			log.redraw(line.fit(log.lineWidth()));
			if (log.hasFile() && now - lastLogged[0] >= TimeUnit.MILLISECONDS.toNanos(interval)) {
				lastLogged[0] = now;
				log.toFileOnly("progress: " + line);
			}
		}, bar ? REDRAW_MILLIS : interval, bar ? REDRAW_MILLIS : interval, TimeUnit.MILLISECONDS);
		return new ProgressReporter(timer, log, bar);
	}

	static ProgressLine line(ChunkCounts counts, GraphClient graph, long pagesRead, ImportSettings settings,
			double seconds) {
		// committed first, then the chunk under way: a chunk that commits in between is never counted twice
		RunCounters counters = counts.committed();
		long total = Math.max(settings.input().expectedRows(), counters.rows());
		long done = counters.rows() + counts.doneInChunk();
		done = total > 0 ? Math.min(done, total) : done;
		long doneThisRun = done - counts.atOpen().rows();
		double rate = doneThisRun / Math.max(seconds, 0.001);
		ProgressLine line = new ProgressLine();
		if (total > 0) {
			int filled = (int) (BAR_WIDTH * done / total);
			line.add("[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] ", 3);
		}
		String rows = String.format("%,d of %,d rows (%.1f%%)", done, total, total == 0 ? 100.0 : 100.0 * done / total);
		if (doneThisRun == 0 && pagesRead > 0) {
			// listing a configuration comes before the first row can move: say so rather than "0 rows" for minutes
			String reading = String.format("reading Graph: %,d %s", pagesRead, pagesRead == 1 ? "page" : "pages");
			rows = done == 0 ? reading : reading + "; " + rows;
		}
		line.add(rows, ProgressLine.KEEP);
		if (done > counters.rows()) {
			// what a crash now would keep: the rows of the chunk under way are sent again by the resumed run
			line.add(String.format(", %,d committed", counters.rows()), 4);
		}
		line.add(String.format(", %,.1f rows/s", rate), 6);
		if (rate > 0 && total > done) {
			line.add(", ETA " + duration(Duration.ofSeconds((long) ((total - done) / rate))), 2);
		}
		String doneWord = settings.run().plan() ? "to update" : settings.dryRun() ? "valid" : "applied";
		line.add(String.format(", %s %,d", doneWord, settings.run().writes() ? counters.applied() : counters.valid()),
				7);
		line.add(String.format(", unchanged %,d", counters.unchanged()), 8);
		line.add(String.format(", failed %,d", counters.failed()), 1);
		if (!settings.dryRun()) {
			Duration waiting = graph.throttleWaitLeft();
			if (!waiting.isZero()) {
				line.add(String.format(", waiting %.1f s because Graph throttled", waiting.toMillis() / 1000.0), 1);
			}
			double max = settings.graph().rate().perSecond();
			if (graph.pace() < max * 0.999) {
				line.add(String.format(", pace lowered to %.2f/s of %.2f/s after 429s", graph.pace(), max), 5);
			}
			String trouble = graph.trouble();
			if (trouble != null) {
				line.add(", " + trouble, ProgressLine.KEEP);
			}
		}
		return line;
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
			this.log.endRedraws();
		}
	}

}
