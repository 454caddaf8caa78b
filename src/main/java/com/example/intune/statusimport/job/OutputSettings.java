package com.example.intune.statusimport.job;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where a run reports to.
 *
 * @param reportPath the failure report
 * @param summaryJson where to write the end-of-run figures as JSON, or {@code null}
 * @param progressInterval how often a progress line is printed
 * @param progressBar a live bar (for a terminal) rather than a plain line per interval (for a log)
 * @param rollbackPath the rollback file ({@code --rollback}), or the default name for it; {@code null} for none
 * @param rollbackGiven whether {@code rollbackPath} was given: a file there then stops the run, and a resumed run
 * continues there rather than in the file it started
 * @param htmlReport where to write the run report as an HTML page ({@code --html-report}), or {@code null}
 */
public record OutputSettings(Path reportPath, Path summaryJson, Duration progressInterval, boolean progressBar,
		Path rollbackPath, boolean rollbackGiven, Path htmlReport) {

	public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(10);

	/** Without a rollback file. */
	public OutputSettings(Path reportPath, Path summaryJson, Duration progressInterval, boolean progressBar) {
		this(reportPath, summaryJson, progressInterval, progressBar, null, false);
	}

	/** Without an HTML run report. */
	public OutputSettings(Path reportPath, Path summaryJson, Duration progressInterval, boolean progressBar,
			Path rollbackPath, boolean rollbackGiven) {
		this(reportPath, summaryJson, progressInterval, progressBar, rollbackPath, rollbackGiven, null);
	}

	/** The same, with the HTML run report written to {@code path} ({@code null} for none). */
	public OutputSettings withHtmlReport(Path path) {
		return new OutputSettings(this.reportPath, this.summaryJson, this.progressInterval, this.progressBar,
				this.rollbackPath, this.rollbackGiven, path);
	}

}
