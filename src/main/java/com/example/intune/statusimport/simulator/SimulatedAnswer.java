package com.example.intune.statusimport.simulator;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One answer of the simulated Graph, whether it goes on the wire alone or inside a {@code $batch} answer.
 *
 * @param status the HTTP status
 * @param body the JSON body
 * @param retryAfter the {@code Retry-After} header, or {@code null}
 * @param requestId the {@code request-id} header
 */
record SimulatedAnswer(int status, String body, String retryAfter, String requestId) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static SimulatedAnswer ok(String body) {
		return new SimulatedAnswer(200, body, null, UUID.randomUUID().toString());
	}

	/** An error in Graph's shape, with the {@code innerError} that carries the request ids. */
	static SimulatedAnswer error(int status, String code, String message, String retryAfter, String clientRequestId) {
		String requestId = UUID.randomUUID().toString();
		ObjectNode root = JSON.createObjectNode();
		ObjectNode error = root.putObject("error");
		error.put("code", code);
		error.put("message", message);
		ObjectNode inner = error.putObject("innerError");
		inner.put("date", Instant.now().toString());
		inner.put("request-id", requestId);
		inner.put("client-request-id", clientRequestId);
		return new SimulatedAnswer(status, JSON.writeValueAsString(root), retryAfter, requestId);
	}

	static SimulatedAnswer badRequest(String message, String clientRequestId) {
		return error(400, "BadRequest", message, null, clientRequestId);
	}

}
