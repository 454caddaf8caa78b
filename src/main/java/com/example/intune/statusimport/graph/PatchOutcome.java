package com.example.intune.statusimport.graph;

/**
 * What became of one PATCH after all its attempts.
 *
 * @param applied whether Graph accepted the change
 * @param retriesExhausted whether it failed only because every attempt met a transient error
 * @param httpStatus the status of the last answer, or 0 if the last attempt got no answer
 * @param graphCode Graph's error {@code code}, if any
 * @param message Graph's error message, or what went wrong
 * @param requestId Graph's {@code request-id} of the last answer, if any
 * @param clientRequestId the {@code client-request-id} we sent with the last attempt
 * @param attempts how many requests were sent for the row
 */
public record PatchOutcome(boolean applied, boolean retriesExhausted, int httpStatus, String graphCode,
		String message, String requestId, String clientRequestId, int attempts) {

	public boolean notFound() {
		return !this.applied && !this.retriesExhausted && this.httpStatus == 404;
	}

}
