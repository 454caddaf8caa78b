package com.example.intune.statusimport.job;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.files.PrivateFiles;
import com.example.intune.statusimport.graph.GraphStats;
import com.example.intune.statusimport.report.FailureCategory;

/**
 * The figures of a run: the few lines printed at its end, and the same as JSON for a scheduler or a dashboard.
 *
 * @param settings what the run was asked to do
 * @param counters the row counts, resumed runs included
 * @param stats what talking to Graph cost in this process
 * @param rowsThisRun the rows this process committed
 * @param elapsed how long this process ran the job
 */
public record RunSummary(ImportSettings settings, RunCounters counters, GraphStats stats, long rowsThisRun,
		Duration elapsed) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The same figures for a scheduler or a dashboard. */
	public void writeJson(Path file, ExitCode exitCode) throws IOException {
		ObjectNode root = JSON.createObjectNode();
		root.put("input", this.settings.input().path().toString());
		root.put("graphUrl", this.settings.graph().graphUrl());
		root.put("dryRun", this.settings.dryRun());
		root.put("exitCode", exitCode.code());
		root.put("exitMeaning", exitCode.meaning(this.settings.dryRun()));
		root.put("headerProblem", this.settings.input().headerProblem());
		root.put("rows", this.counters.rows());
		root.put("applied", this.counters.applied());
		root.put("valid", this.counters.valid());
		root.put("unchanged", this.counters.unchanged());
		root.put("failed", this.counters.failed());
		ObjectNode failed = root.putObject("failedByCategory");
		for (FailureCategory category : FailureCategory.values()) {
			failed.put(category.label(), this.counters.failed(category));
		}
		root.put("rowsThisRun", this.rowsThisRun);
		root.put("elapsedSeconds", this.elapsed.toMillis() / 1000.0);
		root.put("rowsPerSecond", this.rowsThisRun / Math.max(this.elapsed.toMillis() / 1000.0, 0.001));
		root.put("requests", this.stats.requests());
		root.put("retries", this.stats.retries());
		root.put("throttled", this.stats.throttled());
		root.put("throttleWaitSeconds", this.stats.throttleWait().toMillis() / 1000.0);
		root.put("report", this.settings.output().reportPath().toAbsolutePath().toString());
		PrivateFiles.writeWhole(file, (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
			.getBytes(StandardCharsets.UTF_8), "the summary");
	}

	public void print(PrintStream out, ExitCode exitCode) {
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
		out.printf("  unchanged      %,d%s%n", this.counters.unchanged(),
				this.settings.dryRun() ? " (would not be sent: Graph already confirmed these values)"
						: " (not sent: Graph already confirmed these values)");
		out.printf("  duplicates     %,d%n", this.counters.failed(FailureCategory.DUPLICATE));
		if (!this.settings.dryRun()) {
			out.printf("  requests       %,d, of which %,d retries; %,d throttled, %.1f s waited on throttling%n",
					this.stats.requests(), this.stats.retries(), this.stats.throttled(),
					this.stats.throttleWait().toMillis() / 1000.0);
		}
		out.printf("  elapsed        %.1f s, %,.1f rows/s (%,d rows in this run)%n", seconds, this.rowsThisRun / seconds,
				this.rowsThisRun);
		out.println("  report         " + this.settings.output().reportPath().toAbsolutePath());
		if (this.settings.input().headerProblem() != null) {
			out.println("  header         stops a real run before anything is sent (the first message above)");
		}
		out.println("  exit code      " + exitCode.code() + ": " + exitCode.meaning(this.settings.dryRun()));
	}

}
