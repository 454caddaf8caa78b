package com.example.intune.statusimport.simulator;

import java.util.concurrent.ThreadFactory;

/** The simulator's worker threads: daemons, so that a forgotten simulator never keeps a JVM alive. */
final class SimulatorThreads {

	private SimulatorThreads() {
	}

	static ThreadFactory named(String name) {
		return runnable -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

}
