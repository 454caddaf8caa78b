package com.example.intune.statusimport.job;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;

import org.h2.mvstore.MVStoreException;
import java.time.Duration;
import java.time.Instant;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;

import com.example.intune.statusimport.files.PrivateFiles;
import com.example.intune.statusimport.graph.AccessTokenSource;
import com.example.intune.statusimport.graph.GraphClient;
import com.example.intune.statusimport.graph.GraphStats;
import com.example.intune.statusimport.report.RollbackFile;
import com.example.intune.statusimport.runreport.RunTimeline;
import com.example.intune.statusimport.runreport.TimelineSampler;
import com.example.intune.statusimport.runlog.RunLog;
import com.example.intune.statusimport.graph.StopSignal;

/**
 * Runs the import job once: takes the job store, starts the job's application, resumes the unfinished run of this
 * command or starts a new one ({@link RunIdentity}), shows progress, and returns how it ended. It prints nothing of
 * the outcome: that is the command line's.
 */
public final class ImportRunner {

	private final RunLog log;

	/** @param log where progress goes, and the note that a run is resumed */
	public ImportRunner(RunLog log) {
		this.log = log;
	}

	/** @param out where progress goes, and the note that a run is resumed, as they are */
	public ImportRunner(PrintStream out) {
		this(RunLog.plain(out, out));
	}

	public RunOutcome run(ImportSettings settings, AccessTokenSource tokens, StopSignal stop) {
		Instant started = Instant.now();
		RunTimeline timeline = new RunTimeline();
		RunOutcome outcome = runOnce(settings, tokens, stop, timeline);
		// not over the page of the run that holds the job store, which may be writing it
		return outcome.exitCode() == ExitCode.BUSY ? outcome
				: RunReportPage.writeIfAsked(settings, outcome, timeline, started, Instant.now());
	}

	private RunOutcome runOnce(ImportSettings settings, AccessTokenSource tokens, StopSignal stop,
			RunTimeline timeline) {
		if (settings.input().headerProblem() != null && !settings.dryRun()) {
			// the rows would be sent without the columns the header could not place
			return RunOutcome.fatal(settings.input().headerProblem());
		}
		JobStore store = settings.run().jobStore();
		JobStoreLock lock;
		try {
			lock = JobStoreLock.tryAcquire(settings);
		}
		catch (IOException ex) {
			return RunOutcome.fatal("the job store " + ((JobStore.H2File) store).path() + " cannot be used: "
					+ ex.getMessage() + ". Give --job-store PATH in a folder this user can write, or set"
					+ " DEVICE_STATUS_IMPORT_HOME to one (a service account without a home needs either).");
		}
		catch (SQLException ex) {
			return RunOutcome.fatal(PostgresProblem.describe((JobStore.Postgres) store, ex));
		}
		if (lock == null) {
			return RunOutcome.busy(JobStoreLock.busy(store));
		}
		try (lock) {
			ConfigurableApplicationContext context;
			try {
				if (store instanceof JobStore.H2File file) {
					// created owner-only before H2 opens it: the job store holds ids and, in its contexts, names
					PrivateFiles.createEmpty(JobStoreFiles.database(file.path()), "the job store");
				}
				context = ImportApplication.start(settings, tokens, stop);
			}
			catch (IOException | RuntimeException ex) {
				return startFailed(settings, ex);
			}
			try (context) {
				return runJob(context, settings, stop, timeline);
			}
		}
		catch (IOException ex) {
			return RunOutcome.fatal("the job store lock cannot be released: " + ex.getMessage());
		}
	}

	private RunOutcome runJob(ConfigurableApplicationContext context, ImportSettings settings, StopSignal stop,
			RunTimeline timeline) {
		JobOperator operator = context.getBean(JobOperator.class);
		ChunkCounts counts = context.getBean(ChunkCounts.class);
		RunIdentity.Choice choice;
		try {
			choice = RunIdentity.choose(context.getBean(JobRepository.class), operator, settings);
		}
		catch (RuntimeException ex) {
			// the job store filling up while its tables are made or read
			return jobStoreFailed(settings, new RunOutcome(ExitCode.INTERNAL_ERROR, null, ex, null));
		}
		if (choice.note() != null) {
			this.log.out().println(choice.note());
		}
		Instant started = Instant.now();
		JobExecution execution = null;
		Exception failure = null;
		try (ProgressReporter progress = ProgressReporter.start(counts, context.getBean(GraphClient.class),
				context.getBean(LiveComparison.class), settings, this.log);
				TimelineSampler sampler = TimelineSampler.start(timeline, context.getBean(GraphStats.class))) {
			execution = operator.start(context.getBean(Job.class), choice.parameters());
		}
		catch (Exception ex) {
			failure = ex;
		}
		ImportSettings written = context.getBean(RunFiles.class).settings();
		RunSummary summary = new RunSummary(written, counts.committed(), context.getBean(GraphStats.class),
				counts.rowsThisRun(), Duration.between(started, Instant.now()),
				context.getBean(RollbackFile.class).allWritten(), context.getBean(LiveComparison.class).notVerified(),
				execution == null ? null : execution.getId(), started);
		RunOutcome outcome = execution == null ? new RunOutcome(ExitCode.INTERNAL_ERROR, null, failure, summary)
				: RunOutcome.ofExecution(execution.getStatus(), execution.getAllFailureExceptions(),
						stop.isRequested(), context.getBean(RunControl.class).isFailureLimitReached(),
						settings.run().maxFailures(), summary);
		if (outcome.exitCode() == ExitCode.INTERNAL_ERROR) {
			outcome = jobStoreFailed(settings, outcome);
		}
		else if (settings.input().headerProblem() != null) {
			outcome = outcome.afterHeaderProblem(settings.input().path());
		}
		if (execution != null) {
			// our exit code as the execution's ExitStatus, the run's files and summary for 'runs', older runs tidied
			context.getBean(RunFiles.class).finish(execution, outcome, this.log.out());
		}
		return outcome;
	}

	/**
	 * The job store failing while the run goes on (a full disk, a folder removed) is named with its cause, not
	 * reported as a bug: the chunk under way is rolled back, and the same command resumes once it is fixed.
	 */
	private static RunOutcome jobStoreFailed(ImportSettings settings, RunOutcome outcome) {
		for (Throwable cause = outcome.internalError(); cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException || cause instanceof MVStoreException
					|| cause instanceof org.springframework.dao.DataAccessException) {
				return new RunOutcome(ExitCode.FATAL, "the job store " + settings.run().jobStore().describe()
						+ " cannot be written: " + firstLine(innermost(cause)) + ". Fix that (free disk space,"
						+ " permissions) and run the same command again to resume.", null, outcome.summary());
			}
		}
		return outcome;
	}

	/**
	 * Why the job could not start. Only a database H2 cannot read is worth forgetting: any other cause (a full disk,
	 * a folder without permission) is named, and the job store, which holds what resuming needs, is left alone.
	 */
	private static RunOutcome startFailed(ImportSettings settings, Exception failure) {
		String store = settings.run().jobStore().describe();
		boolean database = false;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			database |= cause instanceof SQLException;
			if (isUnreadableDatabase(cause)) {
				String why = cause instanceof java.io.EOFException ? "the file ends too early" : firstLine(cause);
				return RunOutcome.fatal("the job store " + store + " is not a database this job can read (" + why
						+ "). Give another --job-store, or remove this one to forget unfinished runs.");
			}
		}
		if (database || failure instanceof IOException) {
			return RunOutcome.fatal("the job store " + store + " cannot be used: " + firstLine(innermost(failure))
					+ ". Fix that (free disk space, permissions) and run the same command again.");
		}
		return ExitCode.forFailure(failure) == ExitCode.FATAL ? RunOutcome.fatal(RunOutcome.describe(failure))
				: RunOutcome.internalError(failure);
	}

	/** H2's codes for a file that is not one of its databases, or of a version it cannot read. */
	private static final java.util.Set<Integer> UNREADABLE_DATABASE = java.util.Set.of(90030, 90048, 90049);

	/** H2's store codes for a corrupt file and an unsupported format. */
	private static final java.util.Set<Integer> UNREADABLE_STORE = java.util.Set.of(5, 6);

	/** A file H2 cannot read as a database: too short (a stray file), corrupt, or of another format or version. */
	private static boolean isUnreadableDatabase(Throwable cause) {
		return (cause instanceof SQLException sql && UNREADABLE_DATABASE.contains(sql.getErrorCode()))
				|| (cause instanceof MVStoreException store && UNREADABLE_STORE.contains(store.getErrorCode()))
				|| cause instanceof java.io.EOFException;
	}

	private static Throwable innermost(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	private static String firstLine(Throwable failure) {
		String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
		return message.lines().findFirst().orElse(message);
	}

}
