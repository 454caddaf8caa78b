package com.example.intune.statusimport.job;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * Saves the step's state once every other stream has opened, before the first chunk is read. Spring Batch 6 saves it
 * first when a chunk commits, so a run killed during its first chunk left nothing of what the streams chose on
 * opening: the resumed run then took another rollback file and never found the pending rows beside the first one,
 * although the killed run's requests had changed those statuses. Registered after every stream that keeps state.
 */
final class OpenedState implements ItemStream, StepExecutionListener {

	private final JobRepository jobRepository;

	private StepExecution stepExecution;

	OpenedState(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
	}

	/** Outside any chunk's transaction: committed at once, as a commit of a chunk with no rows would be. */
	@Override
	public void open(ExecutionContext executionContext) {
		this.jobRepository.updateExecutionContext(this.stepExecution);
	}

}
