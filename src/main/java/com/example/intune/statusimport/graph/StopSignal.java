package com.example.intune.statusimport.graph;

import java.time.Duration;

/**
 * Raised when the run must stop (a signal from the operating system). Every wait of the importer goes through
 * {@link #sleep(Duration)}, so that a stop never waits for a long Retry-After to pass.
 */
public final class StopSignal {

	private volatile boolean requested;

	public synchronized void request() {
		this.requested = true;
		notifyAll();
	}

	public boolean isRequested() {
		return this.requested;
	}

	/** @throws RunStoppedException if a stop was requested */
	public void check() {
		if (this.requested) {
			throw new RunStoppedException();
		}
	}

	/** Waits for the given time, or less if a stop is requested meanwhile, in which case it throws. */
	public synchronized void sleep(Duration duration) {
		long deadline = System.nanoTime() + duration.toNanos();
		long left;
		while (!this.requested && (left = deadline - System.nanoTime()) > 0) {
			try {
				wait(Math.max(1, left / 1_000_000), 0);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new RunStoppedException();
			}
		}
		check();
	}

}
