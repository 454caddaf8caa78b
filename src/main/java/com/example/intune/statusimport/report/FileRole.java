package com.example.intune.statusimport.report;

import java.nio.file.Path;

/**
 * Which of the run's transactional files a file is, for the names of its saved state and for its messages: the
 * failure report, which a new run replaces, or the rollback file, which no run ever writes over.
 *
 * @param what how messages name the file ("the failure report")
 * @param option the option that names its path ({@code --report})
 * @param keyPrefix the prefix of its entries in the step's execution context
 * @param soFar what a resumed run wrote to it so far ("its failures so far")
 * @param holds what its committed part holds, which no later run writes again
 * @param rest what a new path would hold ("the rest of this run's failures")
 * @param name the file in a sentence ("report")
 * @param replaces whether a new run replaces a file at its path (an earlier run's report), or refuses one that is not
 * its own
 */
record FileRole(String what, String option, String keyPrefix, String soFar, String holds, String rest, String name,
		boolean replaces) {

	static final FileRole REPORT = new FileRole("the failure report", "--report", "report", "its failures so far",
			"the failures of the rows already done", "the rest of this run's failures", "report", true);

	static final FileRole PLAN = new FileRole("the plan", "--plan", "plan", "its rows so far",
			"the plan of the rows already done", "the rest of this plan", "plan", true);

	static final FileRole ROLLBACK = new FileRole("the rollback file", "--rollback", "rollback",
			"the values it replaced so far", "what Graph held before the rows already applied",
			"the rest of this run's rollback rows", "rollback file", false);

	String key(String name) {
		return this.keyPrefix + "." + name;
	}

	/** How {@code what} is named when it is the journal of a workbook. */
	String journal() {
		return this.what + "'s journal";
	}

	/** A fresh start met a file at {@code path} that this run did not write. */
	String notOurs(String what, Path path) {
		return what + " " + path + " already exists, and this run did not write it: a run never writes over another"
				+ " run's " + this.name + ". Give " + this.option + " with a path where no file is, or move that file"
				+ " away.";
	}

}
