package com.example.intune.statusimport.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.example.intune.statusimport.graph.StopSignal;
import com.example.intune.statusimport.job.ExitCode;

/**
 * On SIGTERM or Ctrl-C the job stops after its current request, rolls back the unfinished chunk and exits 4; the
 * same command resumes it. The JVM's shutdown waits for that, up to a bound, and then exits with the run's own code:
 * 4 when the signal stopped it, whatever it ended with if it finished anyway.
 */
final class StopOnSignal {

	private StopOnSignal() {
	}

	/**
	 * Runs {@code run} with a shutdown hook that requests {@code stop}.
	 * @param grace how long the hook waits for the run to wind down, beyond which the process ends anyway
	 */
	static ExitCode around(Supplier<ExitCode> run, StopSignal stop, Duration grace, Console console) {
		CountDownLatch finished = new CountDownLatch(1);
		AtomicReference<ExitCode> exitCode = new AtomicReference<>(ExitCode.INTERRUPTED);
		Thread hook = new Thread(() -> {
			if (finished.getCount() == 0) {
				return;
			}
			stop.request();
			try {
				finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			console.flush();
			Runtime.getRuntime().halt(exitCode.get().code());
		}, "stop-on-signal");
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			exitCode.set(run.get());
			return exitCode.get();
		}
		finally {
			finished.countDown();
		}
	}

}
