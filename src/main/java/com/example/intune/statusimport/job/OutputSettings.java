package com.example.intune.statusimport.job;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where a run reports to. Files not given on the command line are named for the run ({@link RunFileNames}); a
 * resumed run takes up the names its first start chose ({@link RunFiles}).
 *
 * @param reportPath the failure report
 * @param summaryJson where to write the end-of-run figures as JSON, or {@code null}
 * @param progressInterval how often a progress line is printed
 * @param progressBar a live bar (for a terminal) rather than a plain line per interval (for a log)
 * @param rollbackPath the rollback file ({@code --rollback}), or the default name for it; {@code null} for none
 * @param rollbackGiven whether {@code rollbackPath} was given: a file there then stops the run, and a resumed run
 * continues there rather than in the file it started
 * @param runFiles how the run's own files are named beside the input, or {@code null} when the run keeps none (a
 * plan, a run that names every file itself)
 * @param reportGiven whether {@code reportPath} was given ({@code --report}, {@code --plan}) rather than named for
 * the run
 * @param summaryGiven whether {@code summaryJson} was given ({@code --summary-json})
 * @param keepRuns how many runs' files ({@code --keep-runs}) are kept beside the input
 * @param htmlReport where to write the run report as an HTML page ({@code --html-report}), or {@code null}
 */
public record OutputSettings(Path reportPath, Path summaryJson, Duration progressInterval, boolean progressBar,
		Path rollbackPath, boolean rollbackGiven, RunFileNames runFiles, boolean reportGiven, boolean summaryGiven,
		int keepRuns, Path htmlReport) {

	public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(10);

	/** A month of nightly runs. */
	public static final int DEFAULT_KEEP_RUNS = 30;

	/** Every file given, as a plan or a test names them: nothing named for the run, nothing removed. */
	public OutputSettings(Path reportPath, Path summaryJson, Duration progressInterval, boolean progressBar) {
		this(reportPath, summaryJson, progressInterval, progressBar, null, false, null, true, true, DEFAULT_KEEP_RUNS,
				null);
	}

	/** The same, with the report and the figures where the run's first start put them. */
	OutputSettings resumedAt(Path report, Path summary) {
		return new OutputSettings(this.reportGiven || report == null ? this.reportPath : report,
				this.summaryGiven || summary == null ? this.summaryJson : summary, this.progressInterval,
				this.progressBar, this.rollbackPath, this.rollbackGiven, this.runFiles, this.reportGiven,
				this.summaryGiven, this.keepRuns, this.htmlReport);
	}

	/** The same, with the HTML run report written to {@code path} ({@code null} for none). */
	public OutputSettings withHtmlReport(Path path) {
		return new OutputSettings(this.reportPath, this.summaryJson, this.progressInterval, this.progressBar,
				this.rollbackPath, this.rollbackGiven, this.runFiles, this.reportGiven, this.summaryGiven,
				this.keepRuns, path);
	}

}
