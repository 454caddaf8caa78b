package com.example.intune.statusimport.graph;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Graph's error object, {@code {"error":{"code":...,"message":...}}}. Decisions are made on {@code code}, never on
 * {@code message}; an answer in another shape (a proxy's page) keeps the start of its text as the message.
 *
 * @param code Graph's error code, or {@code null}
 * @param message Graph's message, or the start of the answer's text; never {@code null}
 */
record GraphError(String code, String message) {

	static final GraphError NONE = new GraphError(null, "");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int TEXT_KEPT = 200;

	/** The error of an answer whose body is already parsed (an inner answer of a batch). */
	static GraphError of(JsonNode body) {
		JsonNode error = body == null ? null : body.path("error");
		if (error != null && error.isObject()) {
			return new GraphError(error.path("code").asString(null), error.path("message").asString(""));
		}
		return NONE;
	}

	static GraphError of(byte[] body) {
		if (body == null || body.length == 0) {
			return NONE;
		}
		try {
			GraphError error = of(JSON.readTree(body));
			if (error != NONE) {
				return error;
			}
		}
		catch (JacksonException ex) {
			// not Graph's error shape: keep the start of the text
		}
		String text = new String(body, StandardCharsets.UTF_8).strip();
		return new GraphError(null, text.length() > TEXT_KEPT ? text.substring(0, TEXT_KEPT) + "..." : text);
	}

	String codeOr(String fallback) {
		return this.code == null ? fallback : this.code;
	}

}
