package com.example.intune.statusimport.job;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.files.PrivateFiles;
import com.example.intune.statusimport.graph.GraphStats;
import com.example.intune.statusimport.report.FailureCategory;
import com.example.intune.statusimport.report.FailureMessages;

/**
 * The figures of a run: the few lines printed at its end, and the same as JSON for a scheduler or a dashboard.
 *
 * @param settings what the run was asked to do
 * @param counters the row counts, resumed runs included
 * @param stats what talking to Graph cost in this process
 * @param rowsThisRun the rows this process committed
 * @param elapsed how long this process ran the job
 * @param rollback the rollback files the run wrote (two when a resumed run was given another {@code --rollback}),
 * none for a run that wrote none
 * @param notVerified with {@code --verify}, the statuses this process wrote whose read-back failed (not reported)
 * @param runId the job execution's id in the job store, or {@code null} when none was created
 * @param startTime when this process started the run
 */
public record RunSummary(ImportSettings settings, RunCounters counters, GraphStats stats, long rowsThisRun,
		Duration elapsed, List<Path> rollback, long notVerified, Long runId, Instant startTime) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** How many kinds of failure message the summary names: enough to see what to fix first. */
	static final int TOP_MESSAGES = 10;

	/** The most frequent kinds of failure message of the whole run (resumed runs included), most frequent first. */
	public List<FailureMessages.Entry> topMessages(int limit) {
		return this.counters.topMessages(limit);
	}

	/**
	 * What a run that never started writes where its figures would go, so that a scheduler never reads the last
	 * run's {@code "exitCode" : 0}: the exit code, its meaning and the one-line problem, and no figures.
	 */
	public static void writeJson(Path file, Instant startTime, ExitCode exitCode, String problem, String version)
			throws IOException {
		write(file, outcome(null, startTime, exitCode, exitCode.meaning(), problem, version));
	}

	/**
	 * The same figures for a scheduler or a dashboard.
	 * @param problem what stopped the run, as printed, or {@code null}
	 */
	public void writeJson(Path file, ExitCode exitCode, String problem, String version) throws IOException {
		ObjectNode root = outcome(this.runId, this.startTime, exitCode, exitCode.meaning(this.settings.run()),
				problem, version);
		root.put("input", this.settings.input().path().toString());
		root.put("graphUrl", this.settings.graph().graphUrl());
		root.put("dryRun", this.settings.dryRun());
		root.put("plan", this.settings.run().plan());
		root.put("compare", this.settings.run().compare().optionValue());
		root.put("headerProblem", this.settings.input().headerProblem());
		root.put("rows", this.counters.rows());
		root.put("applied", this.counters.applied());
		root.put("valid", this.counters.valid());
		root.put("unchanged", this.counters.unchanged());
		if (this.settings.run().plan()) {
			root.put("updates", this.counters.valid());
			root.put("applySeconds", applySeconds());
		}
		root.put("failed", this.counters.failed());
		ObjectNode failed = root.putObject("failedByCategory");
		for (FailureCategory category : FailureCategory.values()) {
			failed.put(category.label(), this.counters.failed(category));
		}
		tools.jackson.databind.node.ArrayNode messages = root.putArray("topMessages");
		for (FailureMessages.Entry entry : this.counters.topMessages(TOP_MESSAGES)) {
			messages.addObject()
				.put("category", entry.category() == null ? null : entry.category().label())
				.put("count", entry.count())
				.put("message", entry.shape())
				.put("example", entry.example());
		}
		root.put("rowsThisRun", this.rowsThisRun);
		root.put("elapsedSeconds", this.elapsed.toMillis() / 1000.0);
		root.put("rowsPerSecond", this.rowsThisRun / Math.max(this.elapsed.toMillis() / 1000.0, 0.001));
		root.put("requests", this.stats.requests());
		root.put("retries", this.stats.retries());
		root.put("throttled", this.stats.throttled());
		root.put("writes", this.stats.requests() - this.stats.reads());
		root.put("reads", this.stats.reads());
		root.put("readThrottled", this.stats.readThrottled());
		root.put("notVerified", this.notVerified);
		root.put("throttleWaitSeconds", this.stats.throttleWait().toMillis() / 1000.0);
		ObjectNode connectionErrors = root.putObject("connectionErrors");
		this.stats.connectionErrors().forEach(connectionErrors::put);
		// a plan's file is where an import's report would be
		root.put("report", this.settings.output().reportPath().toAbsolutePath().toString());
		// the last is the file the run wrote to last; "rollbackFiles" names every one
		root.put("rollback", this.rollback.isEmpty() ? null
				: this.rollback.get(this.rollback.size() - 1).toAbsolutePath().toString());
		this.rollback.forEach(each -> root.withArray("rollbackFiles").add(each.toAbsolutePath().toString()));
		write(file, root);
	}

	/** The fields every summary starts with, a run that never started included. */
	private static ObjectNode outcome(Long runId, Instant startTime, ExitCode exitCode, String meaning, String problem,
			String version) {
		ObjectNode root = JSON.createObjectNode();
		root.put("runId", runId);
		root.put("startTime", startTime.truncatedTo(ChronoUnit.MILLIS).toString());
		root.put("endTime", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
		root.put("version", version);
		root.put("exitCode", exitCode.code());
		root.put("exitMeaning", meaning);
		root.put("problem", problem);
		return root;
	}

	/** Owner-only, whole or not at all, never through a link. */
	private static void write(Path file, ObjectNode root) throws IOException {
		PrivateFiles.writeWhole(file, (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
			.getBytes(StandardCharsets.UTF_8), "the summary");
	}

	private String heading() {
		return subject(this.settings) + (this.settings.run().plan() ? " (nothing was written)"
				: this.settings.dryRun() ? " (nothing was sent)" : "");
	}

	/** What the run was, as its summary and its HTML page name it: "Import of FILE into URL". */
	static String subject(ImportSettings settings) {
		if (settings.run().plan()) {
			return "Plan of " + settings.input().path() + " against " + settings.graph().graphUrl();
		}
		return settings.dryRun() ? "Dry run of " + settings.input().path()
				: "Import of " + settings.input().path() + " into " + settings.graph().graphUrl();
	}

	private String unchangedMeaning() {
		String verb = this.settings.run().writes() ? "not sent" : "would not be sent";
		return switch (this.settings.run().compare()) {
			case LIVE -> this.settings.dryRun() ? "a dry run does not read Graph: see the plan command"
					: verb + ": Graph already holds these values";
			case RECORDED -> verb + ": Graph already confirmed these values to this job store";
			case NONE -> "--compare none sends every valid row";
		};
	}

	/** A duration as a person reads it: {@code 5 h 33 min}, {@code 3 min 20 s}, {@code 12 s}. */
	static String spoken(double seconds) {
		long whole = (long) Math.ceil(seconds);
		if (whole < 60) {
			return whole + " s";
		}
		if (whole < 3600) {
			return whole / 60 + " min " + whole % 60 + " s";
		}
		return whole / 3600 + " h " + (whole % 3600) / 60 + " min";
	}

	/** How long an import of the plan's updates takes at the write rate, retries aside. */
	private double applySeconds() {
		return this.counters.valid() / this.settings.graph().rate().perSecond();
	}

	public void print(PrintStream out, ExitCode exitCode) {
		List<String> failures = new ArrayList<>();
		for (FailureCategory category : FailureCategory.values()) {
			if (this.counters.failed(category) > 0) {
				failures.add(String.format("%s %,d", category.label(), this.counters.failed(category)));
			}
		}
		double seconds = Math.max(this.elapsed.toMillis() / 1000.0, 0.001);
		out.println();
		out.println(heading());
		out.printf("  rows read      %,d%n", this.counters.rows());
		if (this.settings.run().plan()) {
			out.printf("  to update      %,d (the writes an import will send: about %s at --rate %d/%ds, retries"
					+ " aside)%n", this.counters.valid(), spoken(applySeconds()),
					this.settings.graph().rate().requests(), this.settings.graph().rate().window().toSeconds());
		}
		else if (this.settings.dryRun()) {
			out.printf("  valid          %,d%n", this.counters.valid());
		}
		else {
			out.printf("  applied        %,d%n", this.counters.applied());
		}
		out.printf("  %s%,d%s%n", this.settings.run().plan() ? "would fail     " : "failed         ",
				this.counters.failed(), failures.isEmpty() ? "" : "  (" + String.join(", ", failures) + ")");
		out.printf("  unchanged      %,d (%s)%n", this.counters.unchanged(), unchangedMeaning());
		out.printf("  duplicates     %,d%n", this.counters.failed(FailureCategory.DUPLICATE));
		if (!this.settings.dryRun()) {
			out.printf("  writes         %,d, %,d throttled%n", this.stats.requests() - this.stats.reads(),
					this.stats.throttled());
			out.printf("  reads          %,d, %,d read throttled%n", this.stats.reads(), this.stats.readThrottled());
			if (this.notVerified > 0) {
				out.printf("  not verified   %,d (written, but reading them back failed: not reported)%n",
						this.notVerified);
			}
			out.printf("  requests       %,d, of which %,d retries; %.1f s waited on throttling%n",
					this.stats.requests(), this.stats.retries(), this.stats.throttleWait().toMillis() / 1000.0);
			if (!this.stats.connectionErrors().isEmpty()) {
				// by name, so that "Graph failed" reads as a firewall, a proxy or a certificate to look at
				out.println("  no answer      " + String.join(", ", this.stats.connectionErrors()
					.entrySet()
					.stream()
					.map(kind -> String.format("%s %,d", kind.getKey(), kind.getValue()))
					.toList()) + " (tries that got no HTTP answer)");
			}
		}
		out.printf("  elapsed        %.1f s, %,.1f rows/s (%,d rows in this run)%n", seconds, this.rowsThisRun / seconds,
				this.rowsThisRun);
		out.println((this.settings.run().plan() ? "  plan           " : "  report         ")
				+ this.settings.output().reportPath().toAbsolutePath());
		if (!this.rollback.isEmpty()) {
			out.println("  rollback       " + String.join(" and ",
					this.rollback.stream().map(file -> file.toAbsolutePath().toString()).toList()) + " ("
					+ rollbackUse() + ")");
		}
		if (this.settings.input().headerProblem() != null) {
			out.println("  header         stops a real run before anything is sent (the first message above)");
		}
		out.println("  exit code      " + exitCode.code() + ": " + exitCode.meaning(this.settings.run()));
	}

	/** What the rollback file is good for: only a run that read Graph first knows what it replaced. */
	private String rollbackUse() {
		if (this.counters.applied() == 0) {
			return "no row was applied: nothing to undo";
		}
		if (this.settings.run().compare() != CompareMode.LIVE) {
			return "--compare " + this.settings.run().compare().optionValue() + " read nothing from Graph, so its rows"
					+ " say what was sent but cannot undo it";
		}
		return this.rollback.size() == 1 ? "import it to undo this run"
				: "this run's rows are in both: import each to undo it";
	}

}
