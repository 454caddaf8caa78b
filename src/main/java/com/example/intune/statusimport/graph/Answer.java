package com.example.intune.statusimport.graph;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

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
 * @param contentType the {@code Content-Type} header, or {@code null}
 * @param location the {@code Location} header of a redirect, or {@code null}
 * @param error Graph's error object ({@link GraphError#NONE} on success)
 * @param body the JSON body, or {@code null} when there was none or it was not JSON
 * @param text the start of the body as text, for messages about an answer that is not Graph's
 * @param problem why this is not a usable answer: none came (status 0), or it was not Graph's (a proxy's page);
 * {@code null} for an answer from Graph
 */
record Answer(int status, String retryAfter, String requestId, String contentType, String location, GraphError error,
		JsonNode body, String text, String problem) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int TEXT_KEPT = 200;

	/**
	 * Jackson builds its parsers on first use, which takes long enough to stall every request thread at once and
	 * lose write slots; doing it before the first request keeps that pause out of the paced run.
	 */
	static void warmUp() {
		byte[] error = "{\"error\":{\"code\":\"warmUp\",\"message\":\"\"}}".getBytes(StandardCharsets.UTF_8);
		GraphError.of(JSON.readTree(error));
	}

	static Answer unanswered(String problem, String requestId) {
		return new Answer(0, null, requestId, null, null, GraphError.NONE, null, "", problem);
	}

	/** A whole HTTP answer. */
	static Answer of(HttpResponse<byte[]> response) {
		int status = response.statusCode();
		byte[] bytes = response.body() == null ? new byte[0] : response.body();
		if (CappedBody.wasCut(bytes)) {
			String start = new String(CappedBody.start(bytes), StandardCharsets.UTF_8).strip();
			return new Answer(status, null, header(response, "request-id"), header(response, "Content-Type"), null,
					GraphError.NONE, null, cut(start), null).notGraphs("the answer was larger than "
							+ (CappedBody.MAX_BYTES >> 20) + " MB, which no answer of Graph is (HTTP " + status + "): "
							+ cut(start));
		}
		JsonNode body = null;
		if (bytes.length > 0) {
			try {
				body = JSON.readTree(bytes);
			}
			catch (JacksonException ex) {
				// not JSON: a proxy's or a load balancer's page; its text is kept below
			}
		}
		String text = new String(bytes, 0, Math.min(bytes.length, TEXT_KEPT * 4), StandardCharsets.UTF_8).strip();
		// from the bytes: an error that is JSON but not Graph's shape (a gateway's) keeps its text as the message
		GraphError error = isSuccess(status) ? GraphError.NONE : GraphError.of(bytes);
		return new Answer(status, header(response, "Retry-After"), header(response, "request-id"),
				header(response, "Content-Type"), header(response, "Location"), error, body, cut(text), null);
	}

	/** An answer inside a {@code $batch} answer, whose body is already parsed. */
	static Answer inner(int status, String retryAfter, String requestId, String contentType, JsonNode body) {
		GraphError error = isSuccess(status) ? GraphError.NONE : GraphError.of(body);
		return new Answer(status, retryAfter, requestId, contentType, null, error, body,
				body == null ? "" : cut(body.toString()), null);
	}

	/**
	 * This answer, judged: a success counts only as Graph's JSON of the resource the request addressed, since a
	 * {@code 200} from a proxy's sign-in page applied nothing; a redirect is not followed, since it would carry the
	 * token elsewhere.
	 */
	Answer judgedFor(GraphRequest request) {
		if (this.status >= 300 && this.status < 400) {
			return notGraphs("Graph answered " + this.status + ", a redirect" + (this.location == null ? ""
					: " to " + this.location) + ", which the job does not follow; check --graph-url");
		}
		if (!isSuccess() || this.problem != null || this.status == 204) {
			return this;
		}
		boolean json = this.contentType == null || this.contentType.toLowerCase(Locale.ROOT).contains("json");
		if (!json || this.body == null || !this.body.isObject()) {
			return notGraphs("the answer was not Graph's JSON (HTTP " + this.status + (this.contentType == null ? ""
					: ", " + this.contentType) + "): " + (this.text.isEmpty() ? "no body" : this.text));
		}
		String id = this.body.path("id").asString(null);
		if (request.resourceId() != null && !request.resourceId().equalsIgnoreCase(id)) {
			return notGraphs("the answer was not the resource it was sent for (its id is "
					+ (id == null ? "missing" : "'" + cut(id) + "'") + ", not '" + request.resourceId() + "'): "
					+ this.text);
		}
		return this;
	}

	/** This answer, found not to be Graph's for the reason given. */
	Answer foreign(String why) {
		return notGraphs(why);
	}

	private Answer notGraphs(String why) {
		return new Answer(this.status, this.retryAfter, this.requestId, this.contentType, this.location,
				new GraphError(null, why), this.body, this.text, why);
	}

	boolean answered() {
		return this.status != 0;
	}

	/** A success from Graph: for a write, the change was applied. */
	boolean isSuccess() {
		return isSuccess(this.status) && this.problem == null;
	}

	/** An answer from something that is not Graph (a proxy, a portal, a redirect). */
	boolean isForeign() {
		return answered() && this.problem != null;
	}

	/** One line for messages: the status, Graph's code and message, or why nothing usable came. */
	String describe() {
		if (this.problem != null) {
			return answered() ? this.status + " " + this.problem : this.problem;
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

	/** At most 200 characters, on one line, for a report cell or a message. */
	private static String cut(String text) {
		String line = text.replaceAll("\\s+", " ");
		return line.length() > TEXT_KEPT ? line.substring(0, TEXT_KEPT) + "..." : line;
	}

}
