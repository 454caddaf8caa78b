package com.example.intune.statusimport.input;

/**
 * The input cannot be imported at all (unreadable, unknown columns, no header). The message is written for the
 * person who owns the file and names the file and what would be accepted.
 */
public class InputProblem extends RuntimeException {

	public InputProblem(String message) {
		super(message);
	}

	public InputProblem(String message, Throwable cause) {
		super(message, cause);
	}

}
