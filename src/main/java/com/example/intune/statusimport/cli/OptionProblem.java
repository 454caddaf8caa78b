package com.example.intune.statusimport.cli;

import com.example.intune.statusimport.job.UsageProblem;

/**
 * An option, or the file named on the command line, cannot be used as given, found after the options were read
 * (a file whose format its name does not tell, say). Shown like a bad option value: one line, where to find the
 * options, exit code 3.
 */
final class OptionProblem extends UsageProblem {

	OptionProblem(String message) {
		super(message);
	}

}
