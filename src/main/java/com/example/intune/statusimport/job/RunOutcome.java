package com.example.intune.statusimport.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.infrastructure.item.ItemStreamException;

/**
 * How a run ended, for the command line to print and exit with. The runner prints none of it.
 *
 * @param exitCode the exit code
 * @param problem what stopped the run, for the user, or {@code null} when it ran to its end
 * @param internalError the unexpected failure behind {@link ExitCode#INTERNAL_ERROR}, or {@code null}
 * @param summary the figures of the run, or {@code null} when it never started
 */
public record RunOutcome(ExitCode exitCode, String problem, Throwable internalError, RunSummary summary) {

	static RunOutcome fatal(String problem) {
		return new RunOutcome(ExitCode.FATAL, problem, null, null);
	}

	/** Another run holds the job store: exit 6, which a scheduler may retry, not 3, which asks for a person. */
	static RunOutcome busy(String problem) {
		return new RunOutcome(ExitCode.BUSY, problem, null, null);
	}

	static RunOutcome internalError(Throwable failure) {
		return new RunOutcome(ExitCode.INTERNAL_ERROR, null, failure, null);
	}

	/**
	 * The outcome of a job execution: every row done (with or without failures), stopped at --max-failures,
	 * interrupted, or ended by a failure, which {@link ExitCode#forFailure} classifies.
	 */
	static RunOutcome ofExecution(BatchStatus status, List<Throwable> failures, boolean stopRequested,
			boolean failureLimitReached, long maxFailures, RunSummary summary) {
		long failed = summary.counters().failed();
		if (status == BatchStatus.COMPLETED) {
			return new RunOutcome(failed == 0 ? ExitCode.ALL_APPLIED : ExitCode.SOME_FAILED, null, null, summary);
		}
		if (stopRequested || failures.stream().anyMatch(f -> ExitCode.forFailure(f) == ExitCode.INTERRUPTED)) {
			return new RunOutcome(ExitCode.INTERRUPTED, "interrupted; rows committed so far are kept. Run the same"
					+ " command to resume.", null, summary);
		}
		Optional<Throwable> fatal = failures.stream().filter(f -> ExitCode.forFailure(f) == ExitCode.FATAL).findFirst();
		if (fatal.isPresent()) {
			return new RunOutcome(ExitCode.FATAL, describe(fatal.get()), null, summary);
		}
		if (status == BatchStatus.STOPPED && failureLimitReached) {
			return new RunOutcome(ExitCode.FAILURE_LIMIT, failed + " rows failed, more than --max-failures "
					+ maxFailures + ". Look at the report and fix the cause; to go on, run the same command with"
					+ " --max-failures above " + failed + " (the failures so far count towards it, so the same limit"
					+ " stops the resumed run at once).", null, summary);
		}
		return failures.isEmpty() ? new RunOutcome(ExitCode.FATAL, "the run ended " + status, null, summary)
				: new RunOutcome(ExitCode.INTERNAL_ERROR, null, failures.get(0), summary);
	}

	/**
	 * A dry run over a file whose header stops a real run ends as the real run would, with exit code 3 (so that a
	 * scheduler's rehearsal fails too), once the rows have been checked and reported. An interrupted or failed run
	 * keeps its own code.
	 */
	RunOutcome afterHeaderProblem(Path file) {
		if (this.exitCode != ExitCode.ALL_APPLIED && this.exitCode != ExitCode.SOME_FAILED
				&& this.exitCode != ExitCode.FAILURE_LIMIT) {
			return this;
		}
		String rows = this.exitCode == ExitCode.FAILURE_LIMIT ? " " + this.problem
				: " The rows were checked all the same: the summary above counts them, and the report holds those"
						+ " that failed.";
		return new RunOutcome(ExitCode.FATAL, "the header of " + file + " (the first message above) stops a real run"
				+ " before anything is sent; fix it, or map its columns with --map or --mapping." + rows, null,
				this.summary);
	}

	/**
	 * The message of the first failure among the causes that the user can fix; a stream failure keeps the words of
	 * what broke it.
	 */
	public static String describe(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (ExitCode.isUsersToFix(cause)) {
				Throwable inner = cause.getCause();
				return cause instanceof ItemStreamException && inner != null && !(inner instanceof IOException)
						? cause.getMessage() + ": " + inner.getMessage() : cause.getMessage();
			}
		}
		return failure.getMessage();
	}

}
