package com.example.intune.statusimport.graph;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Graph's answer to one request of a round, whether it came alone or inside a {@code $batch} answer; or, with status
 * 0, the reason none came.
 *
 * @param status the HTTP status, or 0 when there was no answer for this request
 * @param retryAfter the {@code Retry-After} header, or {@code null}
 * @param requestId Graph's {@code request-id}, or {@code null}
 * @param error Graph's error object ({@link GraphError#NONE} on success)
 * @param body the JSON body, or {@code null} when there was none or it was not JSON
 * @param problem why there was no answer (status 0), else {@code null}
 */
record Answer(int status, String retryAfter, String requestId, GraphError error, JsonNode body, String problem) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Jackson builds its parsers on first use, which takes long enough to stall every request thread at once and
	 * lose write slots; doing it before the first request keeps that pause out of the paced run.
	 */
	static void warmUp() {
		byte[] error = "{\"error\":{\"code\":\"warmUp\",\"message\":\"\"}}".getBytes(StandardCharsets.UTF_8);
		GraphError.of(JSON.readTree(error));
	}

	static Answer unanswered(String problem, String requestId) {
		return new Answer(0, null, requestId, GraphError.NONE, null, problem);
	}

	/** A whole HTTP answer. */
	static Answer of(HttpResponse<byte[]> response) {
		int status = response.statusCode();
		byte[] bytes = response.body();
		JsonNode body = null;
		if (bytes != null && bytes.length > 0) {
			try {
				body = JSON.readTree(bytes);
			}
			catch (JacksonException ex) {
				// not JSON: a proxy's or a load balancer's page; its text is kept in the error below
			}
		}
		// from the bytes: an error that is JSON but not Graph's shape (a gateway's) keeps its text as the message
		GraphError error = isSuccess(status) ? GraphError.NONE : GraphError.of(bytes);
		return new Answer(status, header(response, "Retry-After"), header(response, "request-id"), error, body, null);
	}

	boolean answered() {
		return this.status != 0;
	}

	boolean isSuccess() {
		return isSuccess(this.status);
	}

	/** One line for messages: the status, Graph's code and message, or why nothing came. */
	String describe() {
		if (!answered()) {
			return this.problem;
		}
		StringBuilder text = new StringBuilder().append(this.status);
		if (this.error.code() != null) {
			text.append(' ').append(this.error.code());
		}
		if (!this.error.message().isBlank()) {
			text.append(' ').append(this.error.message().strip());
		}
		return text.toString();
	}

	private static boolean isSuccess(int status) {
		return status >= 200 && status < 300;
	}

	private static String header(HttpResponse<?> response, String name) {
		return response.headers().firstValue(name).orElse(null);
	}

}
