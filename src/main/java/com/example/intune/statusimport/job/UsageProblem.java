package com.example.intune.statusimport.job;

/**
 * What the user asked for cannot be done as asked: an option, a file named on the command line, the job store. The
 * message says what would be accepted; the run stops with exit code 3 before it changes anything.
 */
public class UsageProblem extends RuntimeException {

	public UsageProblem(String message) {
		super(message);
	}

	public UsageProblem(String message, Throwable cause) {
		super(message, cause);
	}

}
