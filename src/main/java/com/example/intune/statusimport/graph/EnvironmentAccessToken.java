package com.example.intune.statusimport.graph;

import java.util.Map;

/**
 * A token handed over in the environment variable {@code GRAPH_ACCESS_TOKEN}, for people who already hold one.
 * It is read once and kept only in memory.
 */
public final class EnvironmentAccessToken implements AccessTokenSource {

	public static final String VARIABLE = "GRAPH_ACCESS_TOKEN";

	private final String token;

	private EnvironmentAccessToken(String token) {
		this.token = token;
	}

	/** @throws GraphFatalException when the variable is unset or empty */
	public static EnvironmentAccessToken from(Map<String, String> environment) {
		String token = environment.get(VARIABLE);
		if (token != null && token.strip().regionMatches(true, 0, "Bearer", 0, 6)
				&& token.strip().substring(6).isBlank()) {
			token = ""; // "Bearer" alone: the word is not the token
		}
		if (token == null || token.isBlank()) {
			throw new GraphFatalException("no access token: set the environment variable " + VARIABLE
					+ " to a Graph access token with DeviceManagementConfiguration.ReadWrite.All, or use --dry-run"
					+ " to check the file without sending");
		}
		String trimmed = token.strip();
		if (trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
			trimmed = trimmed.substring(7).strip();
		}
		for (int i = 0; i < trimmed.length(); i++) {
			if (!isTokenCharacter(trimmed.charAt(i))) {
				// the token itself is never repeated, not even in part: only where the odd character stands
				throw new GraphFatalException("the environment variable " + VARIABLE + " does not hold an access token:"
						+ " character " + (i + 1) + " (U+" + String.format("%04X", (int) trimmed.charAt(i)) + ") cannot"
						+ " be part of one (letters, digits and - . _ ~ + / = only). Set it again from the token alone.");
			}
		}
		return new EnvironmentAccessToken(trimmed);
	}

	/** What a bearer token is made of (RFC 6750's b64token); anything else could not travel in a header anyway. */
	private static boolean isTokenCharacter(char c) {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~+/=".indexOf(c) >= 0;
	}

	@Override
	public String accessToken() {
		return this.token;
	}

	@Override
	public String toString() {
		return "access token from " + VARIABLE + " (hidden)";
	}

}
