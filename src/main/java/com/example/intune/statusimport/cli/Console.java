package com.example.intune.statusimport.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;

import com.example.intune.statusimport.files.UnsafeFileException;
import com.example.intune.statusimport.job.ExitCode;
import com.example.intune.statusimport.job.RunOutcome;
import com.example.intune.statusimport.job.RunSummary;
import com.example.intune.statusimport.runlog.RunLog;

/**
 * The one place that tells the user how things ended: problems as one line with the program's name in front, the
 * summary of a run, and the stack trace of an internal error, which only a bug shows.
 */
final class Console {

	static final String PREFIX = Version.PRODUCT + ": ";

	private PrintStream out;

	private PrintStream err;

	private final PrintStream screenOut;

	private final PrintStream screenErr;

	private RunLog log;

	Console(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
		this.screenOut = out;
		this.screenErr = err;
	}

	/**
	 * From now on the command's lines go through {@code log}: timed in a scheduler's log, and copied to
	 * {@code --log-file}.
	 */
	void logTo(RunLog log) {
		this.log = log;
		this.out = log.out();
		this.err = log.err();
	}

	/** The run's log, or one that prints lines as they are when the command set none. */
	RunLog log() {
		return this.log != null ? this.log : RunLog.plain(this.out, this.err);
	}

	/** Ends the run's log, once its last message is out; a log file that could not be written is said here. */
	void closeLog() {
		if (this.log == null) {
			return;
		}
		String problem = this.log.fileProblem();
		if (problem != null) {
			problem(problem);
		}
		this.log.close();
		this.log = null;
		this.out = this.screenOut;
		this.err = this.screenErr;
	}

	PrintStream out() {
		return this.out;
	}

	PrintStream err() {
		return this.err;
	}

	/** A problem the user can fix, in one line. */
	void problem(String message) {
		this.err.println(PREFIX + message);
	}

	/**
	 * A header that stops a real run, shown before a dry run reads the rows anyway: the one run shows every problem
	 * of the file, the header's first.
	 */
	void headerProblemBeforeDryRun(String problem) {
		problem(problem + " A real run stops here; this dry run checks the rows all the same, without the columns it"
				+ " cannot use, and ends with exit code " + ExitCode.FATAL.code() + ".");
	}

	/** An option or argument that cannot be used, with where to look for the right one. */
	ExitCode optionProblem(String message, String command) {
		problem(message);
		this.err.println("Run '" + command + " --help' for the options.");
		return ExitCode.FATAL;
	}

	/** Any failure that ended a command: one line when the user can fix it, a stack trace when it is a bug. */
	ExitCode failure(Throwable failure) {
		ExitCode code = ExitCode.forFailure(failure);
		if (code == ExitCode.INTERNAL_ERROR) {
			internalError(failure);
		}
		else {
			problem(RunOutcome.describe(failure));
		}
		return code;
	}

	/**
	 * The summary of a run, its JSON, and what stopped it.
	 * @param earlySummaryJson where the JSON of a run that never started goes, or {@code null}; a run that started
	 * writes it where its settings say (a resumed run: where its first start did)
	 * @param started when the command started
	 */
	ExitCode outcome(RunOutcome outcome, Path earlySummaryJson, Instant started) {
		if (outcome.summary() != null) {
			outcome.summary().print(this.out, outcome.exitCode());
			Path summaryJson = outcome.summary().settings().output().summaryJson();
			if (summaryJson != null) {
				try {
					outcome.summary().writeJson(summaryJson, outcome.exitCode(), problemOf(outcome), Version.number());
				}
				catch (IOException | UnsafeFileException ex) {
					problem("the summary " + summaryJson + " cannot be written: " + ex.getMessage());
				}
			}
		}
		else {
			earlySummary(earlySummaryJson, started, outcome.exitCode(), problemOf(outcome));
		}
		if (outcome.problem() != null) {
			problem(outcome.problem());
		}
		if (outcome.internalError() != null) {
			internalError(outcome.internalError());
		}
		return outcome.exitCode();
	}

	private static String problemOf(RunOutcome outcome) {
		return outcome.internalError() != null ? "internal error: " + outcome.internalError() : outcome.problem();
	}

	/**
	 * The JSON of a command that ended before its run started (sign-in refused, input missing, an option, the job
	 * store held by another run), so that a scheduler never reads the previous run's figures as this one's.
	 * @param summaryJson where it goes, or {@code null} for nowhere
	 */
	void earlySummary(Path summaryJson, Instant started, ExitCode code, String problem) {
		if (summaryJson == null) {
			return;
		}
		try {
			RunSummary.writeJson(summaryJson, started, code, problem, Version.number());
		}
		catch (IOException | UnsafeFileException ex) {
			problem("the summary " + summaryJson + " cannot be written: " + ex.getMessage());
		}
	}

	private void internalError(Throwable failure) {
		this.err.println(PREFIX + "internal error, please report it with the text below: " + failure);
		failure.printStackTrace(this.err);
	}

	void flush() {
		this.out.flush();
		this.err.flush();
	}

}
