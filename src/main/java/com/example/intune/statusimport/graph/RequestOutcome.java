package com.example.intune.statusimport.graph;

import tools.jackson.databind.JsonNode;

/**
 * What became of one request after all its attempts.
 *
 * @param succeeded whether Graph answered 2xx (for a PATCH: accepted the change)
 * @param retriesExhausted whether it failed only because every attempt met a transient error
 * @param httpStatus the status of the last answer, or 0 if the last attempt got no answer
 * @param graphCode Graph's error {@code code}, if any
 * @param message Graph's error message, or what went wrong; {@code null} on success
 * @param requestId Graph's {@code request-id} of the last answer, if any
 * @param clientRequestId the {@code client-request-id} we sent with the last attempt
 * @param attempts how many requests were sent, the first included
 * @param body the JSON Graph answered with on success, or {@code null}
 */
public record RequestOutcome(boolean succeeded, boolean retriesExhausted, int httpStatus, String graphCode,
		String message, String requestId, String clientRequestId, int attempts, JsonNode body) {

	public boolean notFound() {
		return !this.succeeded && !this.retriesExhausted && this.httpStatus == 404;
	}

}
