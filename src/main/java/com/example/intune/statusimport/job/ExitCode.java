package com.example.intune.statusimport.job;

import org.springframework.batch.infrastructure.item.ItemStreamException;

import com.example.intune.statusimport.files.UnsafeFileException;
import com.example.intune.statusimport.graph.GraphFatalException;
import com.example.intune.statusimport.graph.RunStoppedException;
import com.example.intune.statusimport.input.InputProblem;

/**
 * The exit codes of the program, which schedulers depend on: the one table of what each code means, and the one
 * place that decides which code a failure gets. The {@code --help} footers and the README's table are written from
 * it (a test compares them).
 */
public enum ExitCode {

	ALL_APPLIED(0, "every row was applied or Graph already held it",
			"every row was applied or Graph already held it (with --dry-run: every row is valid; for plan: no row"
					+ " would fail)"),
	SOME_FAILED(1, "the run finished; some rows failed and are in the report",
			"the run finished; some rows failed and are in the report (for plan: some rows would fail and are in"
					+ " the plan)"),
	FAILURE_LIMIT(2, "the run stopped because failures passed --max-failures; to go on, run the same command with a"
			+ " higher --max-failures",
			"the run stopped because failures passed --max-failures; the same command with a higher --max-failures"
					+ " resumes it (the failures so far count towards the limit)"),
	FATAL(3, "the run could not start or could not go on; the message says why",
			"fatal before or during the run: bad option, unreadable input, unknown columns, no credential or two,"
					+ " sign-in refused (AADSTS...), token rejected twice, Graph unreachable or failing for minutes, a"
					+ " wall of 403s or of answers that are not Graph's; the message says which"),
	INTERRUPTED(4, "the run was interrupted; run the same command to resume",
			"interrupted (Ctrl-C, SIGTERM); running the same command again resumes"),
	INTERNAL_ERROR(5, "an unexpected internal error",
			"an unexpected internal error (the message asks you to report it, with a stack trace)"),
	BUSY(6, "another run holds this job store; nothing was done, run again later",
			"another run holds this job store (or this run): nothing was read or sent; a scheduler may simply run it"
					+ " again later");

	private final int code;

	private final String meaning;

	private final String explanation;

	ExitCode(int code, String meaning, String explanation) {
		this.code = code;
		this.meaning = meaning;
		this.explanation = explanation;
	}

	public int code() {
		return this.code;
	}

	/** What the code says at the end of a run, in the summary. */
	public String meaning() {
		return this.meaning;
	}

	/** The one line of the exit code table in {@code --help} and the README. */
	public String explanation() {
		return this.explanation;
	}

	/** The meaning as a summary shows it, where a dry run or a plan changes what 0 and 1 say. */
	public String meaning(RunSettings run) {
		if (run.plan() && this == ALL_APPLIED) {
			return "no row in the plan would fail; nothing was written";
		}
		if (run.plan() && this == SOME_FAILED) {
			return "some rows would fail and are in the plan with their reason; nothing was written";
		}
		if (run.dryRun() && this == ALL_APPLIED) {
			return "every row is valid; nothing was sent";
		}
		if (run.dryRun() && this == SOME_FAILED) {
			return "some rows are not valid and are in the report; nothing was sent";
		}
		return this.meaning;
	}

	/**
	 * The code for a run that ended in {@code failure}: interrupted when the run was asked to stop, fatal for what
	 * the user can fix (the input, an option, the credential, the job store, Graph refusing the app), an internal
	 * error for anything else.
	 */
	public static ExitCode forFailure(Throwable failure) {
		boolean fatal = false;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RunStoppedException) {
				return INTERRUPTED;
			}
			fatal |= isUsersToFix(cause);
		}
		return fatal ? FATAL : INTERNAL_ERROR;
	}

	/**
	 * The failures whose message tells the user what to fix, shown as one line: Graph refusing the app, the input,
	 * an option or the job store, and a file the job cannot read or write (the input, the report).
	 */
	public static boolean isUsersToFix(Throwable failure) {
		return failure instanceof GraphFatalException || failure instanceof InputProblem
				|| failure instanceof UsageProblem || failure instanceof UnsafeFileException
				|| failure instanceof ItemStreamException;
	}

}
