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
 */
public record OutputSettings(Path reportPath, Path summaryJson, Duration progressInterval, boolean progressBar) {

	public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(10);

}
