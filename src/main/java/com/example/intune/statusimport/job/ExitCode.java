package com.example.intune.statusimport.job;

/** The exit codes of the program, which schedulers depend on. Documented in the README. */
public enum ExitCode {

	ALL_APPLIED(0, "every row was applied (with --dry-run: every row is valid)"),
	SOME_FAILED(1, "the run finished; some rows failed and are in the report"),
	FAILURE_LIMIT(2, "the run stopped because failures passed --max-failures; run the same command to resume"),
	FATAL(3, "the run could not start or could not go on; the message says why"),
	INTERRUPTED(4, "the run was interrupted; run the same command to resume"),
	INTERNAL_ERROR(5, "an unexpected internal error");

	private final int code;

	private final String meaning;

	ExitCode(int code, String meaning) {
		this.code = code;
		this.meaning = meaning;
	}

	public int code() {
		return this.code;
	}

	public String meaning() {
		return this.meaning;
	}

	/** The meaning as a summary shows it, where a dry run changes what 0 and 1 say. */
	public String meaning(boolean dryRun) {
		if (dryRun && this == ALL_APPLIED) {
			return "every row is valid; nothing was sent";
		}
		if (dryRun && this == SOME_FAILED) {
			return "some rows are not valid and are in the report; nothing was sent";
		}
		return this.meaning;
	}

}
