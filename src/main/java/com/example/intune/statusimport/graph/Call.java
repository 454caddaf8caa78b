package com.example.intune.statusimport.graph;

import java.util.UUID;

/** One request through its attempts: the attempts made, the last answer, and in the end its outcome. */
final class Call {

	private final int id;

	private final GraphRequest request;

	private int attempts;

	private String clientRequestId;

	private Answer last;

	private RequestOutcome outcome;

	/** @param id the request's number among those sent together, which a {@code $batch} answer refers to */
	Call(int id, GraphRequest request) {
		this.id = id;
		this.request = request;
	}

	int id() {
		return this.id;
	}

	GraphRequest request() {
		return this.request;
	}

	int attempts() {
		return this.attempts;
	}

	/** A fresh {@code client-request-id} per attempt, so that each one can be traced on its own. */
	String clientRequestId() {
		return this.clientRequestId;
	}

	void beginAttempt() {
		this.attempts++;
		this.clientRequestId = UUID.randomUUID().toString();
	}

	/** A token renewal is not a retry of a transient failure, so it does not use up an attempt. */
	void undoAttempt() {
		this.attempts--;
	}

	/** A transient failure: tried again unless the attempts run out. */
	void failedTransiently(Answer answer) {
		this.last = answer;
	}

	/** A success or a final refusal. */
	void finish(Answer answer) {
		this.last = answer;
		this.outcome = new RequestOutcome(answer.isSuccess(), false, answer.status(), answer.error().code(),
				answer.isSuccess() ? null : answer.error().message(), answer.requestId(), this.clientRequestId,
				this.attempts, answer.isSuccess() ? answer.body() : null);
	}

	void giveUp() {
		this.outcome = new RequestOutcome(false, true, this.last.status(), this.last.error().code(),
				"gave up after " + this.attempts + " attempts; the last one: " + this.last.describe(),
				this.last.requestId(), this.clientRequestId, this.attempts, null);
	}

	boolean isFinished() {
		return this.outcome != null;
	}

	RequestOutcome outcome() {
		return this.outcome;
	}

}
