package com.example.intune.statusimport.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which bearer tokens the simulated Graph accepts, and the managed identity endpoint of App Service that issues them
 * to a job running "on Azure". Tokens the identity platform issued are accepted until they expire.
 */
final class TokenCheck {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SimulatorSettings settings;

	private final IssuedTokens issued;

	TokenCheck(SimulatorSettings settings, IssuedTokens issued) {
		this.settings = settings;
		this.issued = issued;
	}

	/** @return why the request's token is refused, or {@code null} when it is accepted */
	String refusal(HttpExchange exchange) {
		String header = exchange.getRequestHeaders().getFirst("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
			return "Access token is empty.";
		}
		String token = header.substring(7);
		if (token.equals(this.settings.acceptedToken())) {
			return null;
		}
		if (this.settings.identity() != null) {
			return switch (this.issued.check(token)) {
				case VALID -> null;
				case EXPIRED -> "Lifetime validation failed, the token is expired.";
				case UNKNOWN -> "Access token validation failure. Invalid signature.";
			};
		}
		return this.settings.acceptedToken() == null ? null : "Access token validation failure.";
	}

	/** App Service's managed identity endpoint (API version 2019-08-01), as MSAL calls it. */
	SimulatedAnswer managedIdentityToken(HttpExchange exchange) {
		IdentitySettings identity = this.settings.identity();
		String expected = identity == null ? null : identity.identityHeader();
		if (expected == null || !expected.equals(exchange.getRequestHeaders().getFirst("X-IDENTITY-HEADER"))) {
			return plain(401, "{\"statusCode\":401,\"message\":\"Unauthorized: the X-IDENTITY-HEADER is missing or"
					+ " wrong.\"}");
		}
		String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
		String resource = null;
		for (String pair : query.split("&")) {
			if (pair.startsWith("resource=")) {
				resource = java.net.URLDecoder.decode(pair.substring(9), StandardCharsets.UTF_8);
			}
		}
		if (resource == null) {
			return plain(400, "{\"statusCode\":400,\"message\":\"resource is required\"}");
		}
		ObjectNode answer = JSON.createObjectNode();
		answer.put("access_token", this.issued.issue(identity.tokenLifetime()));
		answer.put("expires_on", Long.toString(Instant.now().plus(identity.tokenLifetime()).getEpochSecond()));
		answer.put("resource", resource);
		answer.put("token_type", "Bearer");
		return plain(200, JSON.writeValueAsString(answer));
	}

	private static SimulatedAnswer plain(int status, String body) {
		return new SimulatedAnswer(status, body, null, java.util.UUID.randomUUID().toString());
	}

}
