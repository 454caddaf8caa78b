package com.example.intune.statusimport.job;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepInterruptionPolicy;

import com.example.intune.statusimport.graph.StopSignal;

/**
 * Stops the step between two chunks, after the last one committed, when the operating system asks the run to stop
 * or when failures passed {@code --max-failures}. The step then ends STOPPED, and the same command resumes it.
 */
final class RunControl implements StepInterruptionPolicy {

	private final StopSignal stopSignal;

	private volatile boolean failureLimitReached;

	RunControl(StopSignal stopSignal) {
		this.stopSignal = stopSignal;
	}

	void failureLimitReached() {
		this.failureLimitReached = true;
	}

	boolean isFailureLimitReached() {
		return this.failureLimitReached;
	}

	@Override
	public void checkInterrupted(StepExecution stepExecution) throws JobInterruptedException {
		if (this.stopSignal.isRequested() || this.failureLimitReached) {
			stepExecution.setTerminateOnly();
			throw new JobInterruptedException(this.failureLimitReached ? "failure limit reached" : "stop requested");
		}
	}

}
