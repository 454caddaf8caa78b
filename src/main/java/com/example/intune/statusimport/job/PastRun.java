package com.example.intune.statusimport.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.example.intune.statusimport.report.FailureMessages;

/**
 * One run as the job store holds it: a job execution, so that a resumed run is a run of its own that names the one it
 * resumed. The counts are those of the whole run (the runs it resumed included), as its summary showed them.
 *
 * @param id the job execution's id, which {@code runs show ID} takes
 * @param resumed the id of the run this one resumed, or {@code null}
 * @param start when it started
 * @param end when it ended, or {@code null} for a run that is still going or died
 * @param status Spring Batch's status ({@code COMPLETED}, {@code FAILED}, {@code STOPPED}, {@code STARTED})
 * @param exitCode the exit code the command returned, or {@code null} when the job store does not hold one (a run
 * that died, or one from a version that did not record it)
 * @param exitMeaning what the exit code said, or Spring Batch's exit status when there is none
 * @param input the input file
 * @param graphUrl the Graph it wrote to
 * @param kind {@code import}, {@code dry run} or {@code plan}
 * @param read rows read
 * @param applied rows applied (a dry run: valid; a plan: to update)
 * @param unchanged rows Graph already held
 * @param failed rows that failed
 * @param failedByCategory the failures by category label, only those with any
 * @param topMessages the most frequent kinds of failure message, most frequent first
 * @param report the failure report (a plan's plan), or {@code null}
 * @param summaryJson the summary JSON, or {@code null}
 * @param rollback the rollback files
 * @param problem what stopped it, as printed, or {@code null}
 * @param summaryText the summary lines it printed at its end, or {@code null} for a run that did not get there
 */
public record PastRun(long id, Long resumed, Instant start, Instant end, String status, Integer exitCode,
		String exitMeaning, String input, String graphUrl, String kind, long read, long applied, long unchanged,
		long failed, Map<String, Long> failedByCategory, List<FailureMessages.Entry> topMessages, String report,
		String summaryJson, List<String> rollback, String problem, String summaryText) {

	/** How long it ran, or {@code null} while it has no end. */
	public Duration duration() {
		return this.start == null || this.end == null ? null : Duration.between(this.start, this.end);
	}

	/** Whether the job store holds it as never ended: still running, or left by a crash (the same command resumes). */
	public boolean unfinished() {
		return this.end == null;
	}

}
