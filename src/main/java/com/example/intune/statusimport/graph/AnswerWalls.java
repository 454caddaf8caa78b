package com.example.intune.statusimport.graph;

import java.util.Objects;

/**
 * Stops the run when answers show that no row can succeed, instead of failing every remaining row: the first
 * {@value #LIMIT} requests all refused with the same 403 (a missing permission or licence, not that many bad rows),
 * or {@value #LIMIT} answers in a row that are not Graph's (a proxy's sign-in page, a captive portal, a redirect).
 */
final class AnswerWalls {

	/** This many such answers in a row are a wall, not bad rows. */
	static final int LIMIT = 20;

	private int forbiddenStreak;

	private String forbiddenCode;

	private boolean otherThanForbiddenSeen;

	private int foreignStreak;

	/**
	 * Notes the final answer of one request.
	 * @param foreign why the answer was not Graph's, or {@code null} when it was
	 * @throws GraphFatalException at the {@value #LIMIT}th such answer in a row
	 */
	synchronized void note(RequestOutcome outcome, String foreign) {
		noteForbidden(outcome);
		this.foreignStreak = foreign == null ? 0 : this.foreignStreak + 1;
		if (this.foreignStreak >= LIMIT) {
			throw new GraphFatalException("the last " + LIMIT + " answers did not come from Graph; the last one: "
					+ foreign + ". A proxy, a sign-in page or a wrong --graph-url is in the way: fix that and run the"
					+ " same command again to resume.");
		}
	}

	private void noteForbidden(RequestOutcome outcome) {
		if (this.otherThanForbiddenSeen) {
			return;
		}
		if (outcome.httpStatus() != 403
				|| (this.forbiddenStreak > 0 && !Objects.equals(outcome.graphCode(), this.forbiddenCode))) {
			this.otherThanForbiddenSeen = true;
			return;
		}
		this.forbiddenCode = outcome.graphCode();
		if (++this.forbiddenStreak >= LIMIT) {
			throw new GraphFatalException("Graph refused the first " + LIMIT + " rows with 403 "
					+ (this.forbiddenCode == null ? "Forbidden" : this.forbiddenCode) + ": the app most likely lacks"
					+ " the permission DeviceManagementConfiguration.ReadWrite.All (with admin consent) or an Intune"
					+ " licence. Fix that and run the same command again to resume.");
		}
	}

}
