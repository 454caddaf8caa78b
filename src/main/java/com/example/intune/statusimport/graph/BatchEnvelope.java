package com.example.intune.statusimport.graph;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON batching: up to {@value #MAX_REQUESTS} requests in one {@code POST $batch}. Each inner request carries its own
 * {@code client-request-id}; answers come back in any order and are matched by id. An outer answer that is not a
 * 2xx stands for every request inside.
 */
final class BatchEnvelope implements Envelope {

	/** Graph's limit of requests per {@code $batch}. */
	static final int MAX_REQUESTS = 20;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** What the outer answer is judged as: JSON, of no one resource. */
	private static final GraphRequest BATCH = new GraphRequest("POST", "/$batch", null, null);

	@Override
	public HttpRequest.Builder wrap(String serviceRoot, List<Call> calls) {
		ObjectNode batch = JSON.createObjectNode();
		ArrayNode requests = batch.putArray("requests");
		for (Call call : calls) {
			ObjectNode request = requests.addObject();
			// the same id in every round, so that an answer is never matched to another request's
			request.put("id", Integer.toString(call.id()));
			request.put("method", call.request().method());
			request.put("url", call.request().path());
			ObjectNode headers = request.putObject("headers");
			headers.put("client-request-id", call.clientRequestId());
			if (call.request().body() != null) {
				headers.put("Content-Type", "application/json");
				request.set("body", call.request().body());
			}
		}
		return HttpRequest.newBuilder(URI.create(serviceRoot + "/$batch"))
			.header("Content-Type", "application/json")
			.header("client-request-id", UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(batch)));
	}

	@Override
	public List<Answer> unwrap(HttpResponse<byte[]> response, List<Call> calls) {
		Answer outer = Answer.of(response).judgedFor(BATCH);
		Iterable<JsonNode> responses = outer.isSuccess() ? responses(response.body()) : null;
		if (outer.isSuccess() && responses == null) {
			// JSON, but not a batch answer: no request inside can be known to have reached Graph
			outer = outer.foreign("the $batch answer has no list of responses: " + outer.text());
		}
		if (!outer.isSuccess()) {
			return Collections.nCopies(calls.size(), outer);
		}
		Map<String, JsonNode> byId = new HashMap<>();
		for (JsonNode answer : responses) {
			byId.put(answer.path("id").asString(""), answer);
		}
		Answer[] answers = new Answer[calls.size()];
		for (int i = 0; i < answers.length; i++) {
			JsonNode inner = byId.get(Integer.toString(calls.get(i).id()));
			answers[i] = inner == null
					? Answer.unanswered("the batch answer had no response for this request", outer.requestId())
					: inner(inner, outer.requestId()).judgedFor(calls.get(i).request());
		}
		return List.of(answers);
	}

	/** The inner answers, or {@code null} when the body is not a batch answer at all. */
	private static Iterable<JsonNode> responses(byte[] body) {
		try {
			JsonNode responses = JSON.readTree(body).path("responses");
			return responses.isArray() ? responses : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static Answer inner(JsonNode answer, String outerRequestId) {
		int status = answer.path("status").asInt();
		if (status < 100) {
			return Answer.unanswered("the batch answer for this request had no HTTP status", outerRequestId);
		}
		JsonNode headers = answer.path("headers");
		JsonNode body = answer.path("body");
		return Answer.inner(status, headers.path("Retry-After").asString(null),
				headers.path("request-id").asString(outerRequestId), headers.path("Content-Type").asString(null),
				body.isMissingNode() || body.isNull() ? null : body);
	}

}
