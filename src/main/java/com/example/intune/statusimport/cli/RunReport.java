package com.example.intune.statusimport.cli;

import java.io.PrintStream;
import java.util.Locale;

import com.example.intune.statusimport.job.PastRun;
import com.example.intune.statusimport.report.FailureMessages;

/** {@code runs show ID}: one run in full, from what the job store kept of it. */
final class RunReport {

	private RunReport() {
	}

	static void print(PrintStream out, PastRun run) {
		out.println("Run " + run.id() + (run.resumed() == null ? "" : ", resuming run " + run.resumed()) + ": "
				+ run.kind() + " of " + run.input() + " into " + run.graphUrl());
		out.println("  started        " + RunsCommand.time(run.start()) + " UTC");
		out.println("  ended          " + (run.end() == null ? "- (" + run.exitMeaning() + ")"
				: RunsCommand.time(run.end()) + " UTC, after " + RunsCommand.took(run.duration())));
		if (run.summaryText() != null) {
			// the lines the run printed at its end, as it printed them
			out.println();
			run.summaryText().lines().forEach(out::println);
		}
		else {
			out.printf(Locale.ROOT, "  rows read      %,d%n  applied        %,d%n  unchanged      %,d%n"
					+ "  failed         %,d%n", run.read(), run.applied(), run.unchanged(), run.failed());
			out.println("  report         " + (run.report() == null ? "-" : run.report()));
			out.println("  exit code      " + (run.exitCode() == null ? "- (" + run.exitMeaning() + ")"
					: run.exitCode() + ": " + run.exitMeaning()));
		}
		if (run.problem() != null) {
			out.println("  problem        " + run.problem());
		}
		if (!run.failedByCategory().isEmpty()) {
			out.println();
			out.println("Failures by category");
			run.failedByCategory()
				.forEach((category, count) -> out.printf(Locale.ROOT, "  %-20s %,d%n", category, count));
		}
		if (!run.topMessages().isEmpty()) {
			out.println();
			out.println("Most frequent failure messages");
			for (FailureMessages.Entry entry : run.topMessages()) {
				// the first message of its kind, as the report shows it: the shape is only what rows are counted by
				out.printf(Locale.ROOT, "  %,7d  %s%s%n", entry.count(), entry.example(),
						entry.count() > 1 ? "  (and " + (entry.count() - 1) + " more like it)" : "");
			}
		}
	}

}
