package com.example.intune.statusimport.job;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Which run a command belongs to. A run is identified by the input's path and content (and a workbook's sheet), the
 * Graph URL, the default configuration id and whether it is a dry run, plus a run number that grows each time such a
 * run completes. The same command resumes the latest run with its identity unless that one completed.
 */
final class RunIdentity {

	/** The run to start, and what to tell the user about the choice ({@code null} for a new run). */
	record Choice(JobParameters parameters, String note) {
	}

	private RunIdentity() {
	}

	static JobParameters of(ImportSettings settings, long run) {
		JobParametersBuilder identity = new JobParametersBuilder();
		if (settings.input().sheet() != null) {
			// another sheet of the same workbook is another run; text input keeps the identity it always had
			identity.addString("input.sheet", settings.input().sheet().name());
		}
		return identity.addString("input.path", settings.input().path().toString())
			.addString("input.sha256", settings.input().sha256())
			.addString("graph.url", settings.graph().graphUrl())
			.addString("configuration.id",
					settings.defaultConfigurationId() == null ? "" : settings.defaultConfigurationId())
			.addString("dry.run", Boolean.toString(settings.dryRun()))
			.addLong("run", run)
			.toJobParameters();
	}

	/**
	 * Resumes the latest run with this identity unless it completed; recovers an execution a crash left STARTED
	 * (the caller holds the job store lock, which proves no live process owns it).
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
		long done = step == null ? 0 : RunCounters.from(step.getExecutionContext()).rows();
		return new Choice(of(settings, latestRun), recovered + "Resuming run " + latestRun + " of "
				+ settings.input().path().getFileName() + ": " + done + " rows were done before; they are not sent"
				+ " again.");
	}

}
