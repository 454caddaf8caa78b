package com.example.intune.statusimport.graph;

/**
 * Where the bearer token for Graph comes from. Implementations must never print, log or store the token.
 */
public interface AccessTokenSource {

	/** A token valid for the next request. */
	String accessToken();

	/**
	 * Called when Graph rejected {@code rejectedToken} with 401.
	 * @return whether a different token can now be had, so that the request is worth one more try
	 */
	default boolean renewAfterRejection(String rejectedToken) {
		return false;
	}

	/** Whether a token can be had at all (checked before the run reads its input). */
	default void verify() {
		accessToken();
	}

}
