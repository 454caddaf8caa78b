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
		Answer outer = Answer.of(response);
		if (!outer.isSuccess()) {
			return Collections.nCopies(calls.size(), outer);
		}
		Map<String, JsonNode> byId = new HashMap<>();
		for (JsonNode answer : responses(response.body())) {
			byId.put(answer.path("id").asString(""), answer);
		}
		Answer[] answers = new Answer[calls.size()];
		for (int i = 0; i < answers.length; i++) {
			JsonNode inner = byId.get(Integer.toString(calls.get(i).id()));
			answers[i] = inner == null
					? Answer.unanswered("the batch answer had no response for this request", outer.requestId())
					: inner(inner, outer.requestId());
		}
		return List.of(answers);
	}

	private static Iterable<JsonNode> responses(byte[] body) {
		try {
			return JSON.readTree(body).path("responses");
		}
		catch (JacksonException ex) {
			// not a batch answer at all: every request inside goes unanswered, and is tried again
			return List.of();
		}
	}

	private static Answer inner(JsonNode answer, String outerRequestId) {
		int status = answer.path("status").asInt();
		if (status < 100) {
			return Answer.unanswered("the batch answer for this request had no HTTP status", outerRequestId);
		}
		JsonNode headers = answer.path("headers");
		JsonNode body = answer.path("body");
		GraphError error = status >= 200 && status < 300 ? GraphError.NONE : GraphError.of(body);
		return new Answer(status, headers.path("Retry-After").asString(null),
				headers.path("request-id").asString(outerRequestId), error, body.isMissingNode() ? null : body, null);
	}

}
