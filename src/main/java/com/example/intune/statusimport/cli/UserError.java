package com.example.intune.statusimport.cli;

/** A mistake in what the user asked for; shown as one line, exit code 3. */
class UserError extends RuntimeException {

	UserError(String message) {
		super(message);
	}

}
