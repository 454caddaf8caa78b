package com.example.intune.statusimport.job;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;

import com.example.intune.statusimport.graph.AccessTokenSource;
import com.example.intune.statusimport.graph.GraphClient;
import com.example.intune.statusimport.graph.GraphStats;
import com.example.intune.statusimport.graph.StopSignal;

/**
 * Runs the import job once: takes the job store, starts the job's application, resumes the unfinished run of this
 * command or starts a new one ({@link RunIdentity}), shows progress, and returns how it ended. It prints nothing of
 * the outcome: that is the command line's.
 */
public final class ImportRunner {

	private final PrintStream out;

	/** @param out where progress goes, and the note that a run is resumed */
	public ImportRunner(PrintStream out) {
		this.out = out;
	}

	public RunOutcome run(ImportSettings settings, AccessTokenSource tokens, StopSignal stop) {
		JobStoreLock lock;
		try {
			lock = JobStoreLock.tryAcquire(settings.run().jobStore());
		}
		catch (IOException ex) {
			return RunOutcome.fatal("the job store " + settings.run().jobStore() + " cannot be used: "
					+ ex.getMessage());
		}
		if (lock == null) {
			return RunOutcome.fatal("another import is running on the job store " + settings.run().jobStore()
					+ ". Wait for it to finish, or give this run its own --job-store.");
		}
		try (lock) {
			ConfigurableApplicationContext context;
			try {
				context = ImportApplication.start(settings, tokens, stop);
			}
			catch (RuntimeException ex) {
				return RunOutcome.fatal("the job store " + settings.run().jobStore() + " cannot be opened: "
						+ rootMessage(ex) + ". Give another --job-store, or remove this one to forget unfinished runs.");
			}
			try (context) {
				return runJob(context, settings, stop);
			}
		}
		catch (IOException ex) {
			return RunOutcome.fatal("the job store lock cannot be released: " + ex.getMessage());
		}
	}

	private RunOutcome runJob(ConfigurableApplicationContext context, ImportSettings settings, StopSignal stop) {
		JobOperator operator = context.getBean(JobOperator.class);
		ChunkCounts counts = context.getBean(ChunkCounts.class);
		RunIdentity.Choice choice = RunIdentity.choose(context.getBean(JobRepository.class), operator, settings);
		if (choice.note() != null) {
			this.out.println(choice.note());
		}
		Instant started = Instant.now();
		JobExecution execution;
		try (ProgressReporter progress = ProgressReporter.start(counts, context.getBean(GraphClient.class), settings,
				this.out)) {
			execution = operator.start(context.getBean(Job.class), choice.parameters());
		}
		catch (Exception ex) {
			return RunOutcome.internalError(ex);
		}
		RunSummary summary = new RunSummary(settings, counts.committed(), context.getBean(GraphStats.class),
				counts.rowsThisRun(), Duration.between(started, Instant.now()));
		return RunOutcome.ofExecution(execution.getStatus(), execution.getAllFailureExceptions(), stop.isRequested(),
				context.getBean(RunControl.class).isFailureLimitReached(), settings.run().maxFailures(), summary);
	}

	/** The database's own words when it has some, else the innermost cause. */
	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		for (Throwable t = failure; t != null; t = t.getCause()) {
			root = t;
			if (t instanceof java.sql.SQLException) {
				break;
			}
		}
		String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
		return message.lines().findFirst().orElse(message);
	}

}
