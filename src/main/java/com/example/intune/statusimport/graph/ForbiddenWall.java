package com.example.intune.statusimport.graph;

import java.util.Objects;

/**
 * Stops the run when the first {@value #LIMIT} requests were all refused with the same 403: that is a missing
 * permission or licence, not that many bad rows. Once any other answer came, a 403 is just a failed row.
 */
final class ForbiddenWall {

	/** This many first requests all refused with the same 403 mean a missing permission, not bad rows. */
	static final int LIMIT = 20;

	private int streak;

	private String code;

	private boolean otherAnswerSeen;

	/** Notes the final answer of one request. @throws GraphFatalException at the {@value #LIMIT}th 403 in a row */
	synchronized void note(RequestOutcome outcome) {
		if (this.otherAnswerSeen) {
			return;
		}
		if (outcome.httpStatus() != 403 || (this.streak > 0 && !Objects.equals(outcome.graphCode(), this.code))) {
			this.otherAnswerSeen = true;
			return;
		}
		this.code = outcome.graphCode();
		if (++this.streak >= LIMIT) {
			throw new GraphFatalException("Graph refused the first " + LIMIT + " rows with 403 "
					+ (this.code == null ? "Forbidden" : this.code) + ": the app most likely lacks the permission"
					+ " DeviceManagementConfiguration.ReadWrite.All (with admin consent) or an Intune licence."
					+ " Fix that and run the same command again to resume.");
		}
	}

}
