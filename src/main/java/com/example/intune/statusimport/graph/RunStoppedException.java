package com.example.intune.statusimport.graph;

/** The run was asked to stop (Ctrl-C, SIGTERM) while waiting on Graph. Nothing of the current chunk is kept. */
public class RunStoppedException extends RuntimeException {

	public RunStoppedException() {
		super("the run was asked to stop");
	}

}
