package com.example.intune.statusimport.runreport;

import java.time.Instant;
import java.util.List;

import com.example.intune.statusimport.report.FailureMessages;

/**
 * What the HTML run report shows of a run besides its timeline, worded by the job that knows what each figure
 * means. Every text may come from the input or from Graph: the page escapes all of it.
 *
 * @param heading what the run was: an import, a dry run or a plan, of which file, into which Graph
 * @param note what the reader should know first (a dry run sends nothing), or {@code null}
 * @param started when the run started
 * @param ended when it ended
 * @param figures the run's figures, in the order the summary prints them
 * @param failedByCategory rows failed per category, only the categories with failures
 * @param topMessages the most frequent kinds of failure message, most frequent first
 * @param exitCode the exit code the run ends with
 * @param exitMeaning what that exit code means
 * @param problem what stopped the run, or {@code null} when it ran to its end
 */
public record RunFigures(String heading, String note, Instant started, Instant ended, List<Figure> figures,
		List<Figure> failedByCategory, List<FailureMessages.Entry> topMessages, int exitCode, String exitMeaning,
		String problem) {

	public RunFigures {
		figures = List.copyOf(figures);
		failedByCategory = List.copyOf(failedByCategory);
		topMessages = List.copyOf(topMessages);
	}

	/**
	 * One line of figures.
	 *
	 * @param label what it counts
	 * @param value the figure, as printed
	 */
	public record Figure(String label, String value) {
	}

}
