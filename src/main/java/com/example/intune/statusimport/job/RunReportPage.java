package com.example.intune.statusimport.job;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.example.intune.statusimport.files.UnsafeFileException;
import com.example.intune.statusimport.report.FailureCategory;
import com.example.intune.statusimport.runreport.HtmlRunReport;
import com.example.intune.statusimport.runreport.RunFigures;
import com.example.intune.statusimport.runreport.RunFigures.Figure;
import com.example.intune.statusimport.runreport.RunTimeline;

/**
 * The HTML run report of one run ({@code --html-report}), written however the run ended: with its figures and
 * timeline when the job ran (to its end or not), with what stopped it when it never started. The figures say what
 * the printed summary says, in the same words.
 */
final class RunReportPage {

	private RunReportPage() {
	}

	/**
	 * Writes the page when {@code --html-report} asked for one.
	 * @return {@code outcome}, or the same with a problem added when the page cannot be written (the exit code stays
	 * the run's: the import itself is what it says)
	 */
	static RunOutcome writeIfAsked(ImportSettings settings, RunOutcome outcome, RunTimeline timeline,
			Instant started, Instant ended) {
		Path file = settings.output().htmlReport();
		if (file == null) {
			return outcome;
		}
		try {
			HtmlRunReport.write(file, figures(settings, outcome, started, ended),
					timeline.points(Duration.between(started, ended)), timeline.bucketSeconds());
			return outcome;
		}
		catch (IOException | UnsafeFileException ex) {
			String problem = "the HTML report " + file + " cannot be written: " + ex.getMessage();
			return new RunOutcome(outcome.exitCode(), outcome.problem() == null ? problem
					: outcome.problem() + " Also, " + problem, outcome.internalError(), outcome.summary());
		}
	}

	static RunFigures figures(ImportSettings settings, RunOutcome outcome, Instant started, Instant ended) {
		RunSummary summary = outcome.summary();
		ExitCode exit = outcome.exitCode();
		String problem = outcome.problem() != null ? outcome.problem()
				: outcome.internalError() == null ? null : "internal error: " + outcome.internalError();
		if (summary == null) {
			return new RunFigures(RunSummary.subject(settings), null, started, ended, List.of(), List.of(), List.of(),
					exit.code(), exit.meaning(settings.run()), problem);
		}
		RunCounters counters = summary.counters();
		List<Figure> categories = new ArrayList<>();
		for (FailureCategory category : FailureCategory.values()) {
			if (counters.failed(category) > 0) {
				categories.add(new Figure(category.label(), count(counters.failed(category))));
			}
		}
		return new RunFigures(RunSummary.subject(settings), note(settings, exit), started, ended, figureLines(summary),
				categories, summary.topMessages(RunSummary.TOP_MESSAGES), exit.code(), exit.meaning(settings.run()), problem);
	}

	/** What the chart cannot say by itself: that a run that writes nothing has no rows applied to show. */
	private static String note(ImportSettings settings, ExitCode exit) {
		boolean ended = exit == ExitCode.ALL_APPLIED || exit == ExitCode.SOME_FAILED
				|| settings.input().headerProblem() != null;
		String stopped = !ended ? " The run did not reach the end of the file: this page shows what it"
				+ " did until it stopped." : "";
		if (settings.run().plan()) {
			return "A plan writes nothing: no row was applied, so the chart's rows applied stay at zero; its reads of"
					+ " Graph and their 429 answers are charted." + stopped;
		}
		if (settings.dryRun()) {
			return "A dry run sends nothing: no row was applied and Graph was not asked, so the chart stays empty."
					+ stopped;
		}
		return stopped.isEmpty() ? null : stopped.substring(1);
	}

	private static List<Figure> figureLines(RunSummary summary) {
		ImportSettings settings = summary.settings();
		RunCounters counters = summary.counters();
		List<Figure> lines = new ArrayList<>();
		lines.add(new Figure("rows read", count(counters.rows())));
		if (settings.run().plan()) {
			lines.add(new Figure("to update", count(counters.valid()) + " (the writes an import would send)"));
			lines.add(new Figure("would fail", count(counters.failed())));
		}
		else {
			lines.add(settings.dryRun() ? new Figure("valid", count(counters.valid()))
					: new Figure("applied", count(counters.applied())));
			lines.add(new Figure("failed", count(counters.failed())));
		}
		lines.add(new Figure("unchanged", count(counters.unchanged())));
		lines.add(new Figure("duplicates", count(counters.failed(FailureCategory.DUPLICATE))));
		if (!settings.dryRun()) {
			var stats = summary.stats();
			lines.add(new Figure("writes", count(stats.requests() - stats.reads()) + ", " + count(stats.throttled())
					+ " throttled (429)"));
			lines.add(new Figure("reads", count(stats.reads()) + ", " + count(stats.readThrottled())
					+ " throttled (429)"));
			lines.add(new Figure("requests", count(stats.requests()) + ", of which " + count(stats.retries())
					+ " retries"));
			lines.add(new Figure("waited on throttling", String.format(Locale.ROOT, "%.1f s",
					stats.throttleWait().toMillis() / 1000.0)));
		}
		double seconds = Math.max(summary.elapsed().toMillis() / 1000.0, 0.001);
		lines.add(new Figure("elapsed", String.format(Locale.ROOT, "%.1f s, %,.1f rows/s (%,d rows in this run)",
				seconds, summary.rowsThisRun() / seconds, summary.rowsThisRun())));
		lines.add(new Figure(settings.run().plan() ? "plan" : "report",
				settings.output().reportPath().toAbsolutePath().toString()));
		if (!summary.rollback().isEmpty()) {
			lines.add(new Figure("rollback", String.join(" and ",
					summary.rollback().stream().map(file -> file.toAbsolutePath().toString()).toList())));
		}
		lines.add(new Figure("input", settings.input().path().toString()));
		if (!settings.dryRun()) {
			lines.add(new Figure("Graph", settings.graph().graphUrl()));
		}
		return lines;
	}

	private static String count(long value) {
		return String.format(Locale.ROOT, "%,d", value);
	}

}
