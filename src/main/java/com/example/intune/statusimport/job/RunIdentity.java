package com.example.intune.statusimport.job;

import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.DefaultJobKeyGenerator;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Which run a command belongs to. A run is identified by the input's path and content (and a workbook's sheet), the
 * Graph URL, the default configuration id, whether it is a dry run, the column mapping, how date-times without an
 * offset are read and how the file is read (its encoding and separator), each of these only when the options say
 * so, plus a run number that grows each time such a run completes. The same command resumes the latest run with its
 * identity unless that one completed.
 */
final class RunIdentity {

	/** The run to start, and what to tell the user about the choice ({@code null} for a new run). */
	record Choice(JobParameters parameters, String note) {
	}

	private RunIdentity() {
	}

	static JobParameters of(ImportSettings settings, long run) {
		JobParametersBuilder parameters = new JobParametersBuilder();
		if (!settings.input().mapping().isEmpty()) {
			// another mapping reads the same file into other rows; none keeps the identity runs had before mappings
			parameters.addString("column.mapping", settings.input().mapping().fingerprint());
		}
		if (!settings.input().reading().isEmpty()) {
			// another encoding or separator reads the same file into other rows; the defaults keep earlier identities
			parameters.addString("input.reading", settings.input().reading());
		}
		if (settings.input().sheet() != null) {
			// another sheet of the same workbook is another run; text input keeps the identity it always had
			parameters.addString("input.sheet", settings.input().sheet().name());
		}
		if (settings.run().plan()) {
			// a plan writes its own file and no status: it never resumes an import, nor an import a plan
			parameters.addString("plan", "true");
		}
		parameters.addString("input.path", settings.input().path().toString())
			.addString("input.sha256", settings.input().sha256())
			.addString("graph.url", settings.graph().graphUrl())
			.addString("configuration.id",
					settings.defaultConfigurationId() == null ? "" : settings.defaultConfigurationId())
			.addString("dry.run", Boolean.toString(settings.dryRun()));
		// another zone or pattern sends other values for the same file: a run is never resumed under another reading.
		// Absent when not given, so that runs started before these options existed keep their identity.
		if (!settings.dateTimes().patterns().isEmpty()) {
			parameters.addString("date.formats", settings.dateTimes()
				.patterns()
				.stream()
				// each with its length, since a pattern may hold the separator
				.map(pattern -> pattern.text().length() + ":" + pattern.text())
				.collect(Collectors.joining(" ")));
		}
		if (settings.dateTimes().zone() != null) {
			parameters.addString("time.zone", settings.dateTimes().zone().getId());
		}
		return parameters.addLong("run", run).toJobParameters();
	}

	/**
	 * The last execution of the run this command will resume, with its context, or {@code null} when the command
	 * starts a new run: what {@link #choose} decides, read without changing anything (before the job's files are
	 * opened, which a resumed run takes up where its first start put them).
	 */
	static JobExecution resumable(JobRepository repository, ImportSettings settings) {
		JobInstance latest = null;
		for (long run = 1;; run++) {
			JobInstance instance = repository.getJobInstance(ImportJobConfiguration.JOB_NAME, of(settings, run));
			if (instance == null) {
				break;
			}
			latest = instance;
		}
		JobExecution last = latest == null ? null : repository.getLastJobExecution(latest);
		if (last == null || last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED) {
			return null;
		}
		JobExecution hydrated = repository.getJobExecution(last.getId());
		return hydrated == null ? last : hydrated;
	}

	/**
	 * The identity without its run number, as the number a shared job store locks ({@link PostgresRunLock}): every
	 * run number of one identity is one lock, since the same command resumes or follows any of them.
	 */
	static long lockKey(ImportSettings settings) {
		String key = new DefaultJobKeyGenerator().generateKey(of(settings, 0));
		return Long.parseUnsignedLong(key.substring(0, 16), 16);
	}

	/**
	 * Resumes the latest run with this identity unless it completed; recovers an execution a crash left STARTED
	 * (the caller holds the job store's lock for this run, which proves no live process owns it).
	 */
	static Choice choose(JobRepository repository, JobOperator operator, ImportSettings settings) {
		long run = 1;
		JobInstance latest = null;
		for (JobInstance instance; (instance = repository.getJobInstance(ImportJobConfiguration.JOB_NAME,
				of(settings, run))) != null; run++) {
			latest = instance;
		}
		if (latest == null) {
			return new Choice(of(settings, 1), null);
		}
		long latestRun = run - 1;
		JobExecution last = repository.getLastJobExecution(latest);
		if (last == null) {
			return new Choice(of(settings, latestRun), null);
		}
		if (last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED) {
			return new Choice(of(settings, run), null);
		}
		String recovered = "";
		if (last.getStatus().isRunning()) {
			JobExecution hydrated = repository.getJobExecution(last.getId());
			operator.recover(hydrated == null ? last : hydrated);
			recovered = "Recovered run " + latestRun + ", which was left unfinished by a crash.\n";
		}
		StepExecution step = repository.getLastStepExecution(latest, ImportJobConfiguration.STEP_NAME);
		if (!recovered.isEmpty() && step != null && step.getStatus() == BatchStatus.COMPLETED) {
			// Batch saves a step as completed before its afterStep listeners run, and the workbook report is written
			// there: a crash then leaves the failures in the journal alone. Run as failed, the step is taken up again
			// from its saved state: it reads nothing more, writes the workbook, and its counts give the exit code.
			step.setStatus(BatchStatus.FAILED);
			repository.update(step);
		}
		long done = step == null ? 0 : RunCounters.from(step.getExecutionContext()).rows();
		return new Choice(of(settings, latestRun), recovered + "Resuming run " + latestRun + " of "
				+ settings.input().path().getFileName() + ": " + done + " rows were done before; they are not "
				+ (settings.run().plan() ? "planned" : "sent") + " again.");
	}

}
