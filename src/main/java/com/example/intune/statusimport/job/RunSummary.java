package com.example.intune.statusimport.job;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.example.intune.statusimport.graph.GraphStats;
import com.example.intune.statusimport.report.FailureCategory;

/** The few lines printed at the end of a run. */
record RunSummary(ImportSettings settings, RunCounters counters, GraphStats stats, long rowsThisRun,
		Duration elapsed, ExitCode exitCode) {

	void print(PrintStream out) {
		List<String> failures = new ArrayList<>();
		for (FailureCategory category : FailureCategory.values()) {
			if (this.counters.failed(category) > 0) {
				failures.add(category.label() + " " + this.counters.failed(category));
			}
		}
		double seconds = Math.max(this.elapsed.toMillis() / 1000.0, 0.001);
		out.println();
		out.println(this.settings.dryRun() ? "Dry run of " + this.settings.input().path() + " (nothing was sent)"
				: "Import of " + this.settings.input().path() + " into " + this.settings.graph().graphUrl());
		out.printf("  rows read      %,d%n", this.counters.rows());
		if (this.settings.dryRun()) {
			out.printf("  valid          %,d%n", this.counters.valid());
		}
		else {
			out.printf("  applied        %,d%n", this.counters.applied());
		}
		out.printf("  failed         %,d%s%n", this.counters.failed(),
				failures.isEmpty() ? "" : "  (" + String.join(", ", failures) + ")");
		out.printf("  duplicates     %,d%n", this.counters.failed(FailureCategory.DUPLICATE));
		if (!this.settings.dryRun()) {
			out.printf("  requests       %,d, of which %,d retries; %,d throttled, %.1f s waited on throttling%n",
					this.stats.requests(), this.stats.retries(), this.stats.throttled(),
					this.stats.throttleWait().toMillis() / 1000.0);
		}
		out.printf("  elapsed        %.1f s, %,.1f rows/s (%,d rows in this run)%n", seconds, this.rowsThisRun / seconds,
				this.rowsThisRun);
		out.println("  report         " + this.settings.reportPath().toAbsolutePath());
		out.println("  exit code      " + this.exitCode.code() + ": " + this.exitCode.meaning(this.settings.dryRun()));
	}

}
