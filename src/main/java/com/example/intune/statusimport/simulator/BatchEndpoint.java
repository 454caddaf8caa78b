package com.example.intune.statusimport.simulator;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.graph.GraphSettings;

/**
 * {@code POST $batch}: at most {@value GraphSettings#MAX_BATCH_SIZE} requests with unique ids, each drawing its own
 * faults and counting against its quota (a GET against reads, others against writes), answered in shuffled order inside an outer 200, each inner answer with its
 * own headers.
 */
final class BatchEndpoint {

	/** What one request of a batch is answered, as if it had come alone. */
	@FunctionalInterface
	interface InnerRequests {

		SimulatedAnswer answer(String method, String url, JsonNode body, String clientRequestId);

	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final FaultPlan faults;

	private final Consumer<SimulatedAnswer> counted;

	/** @param counted notes each inner answer, since the outer 200 is not what the client's requests got */
	BatchEndpoint(FaultPlan faults, Consumer<SimulatedAnswer> counted) {
		this.faults = faults;
		this.counted = counted;
	}

	/** @param inner answers each request of the batch */
	SimulatedAnswer answer(byte[] body, String clientRequestId, InnerRequests inner) {
		JsonNode requests;
		try {
			requests = JSON.readTree(body).path("requests");
		}
		catch (JacksonException ex) {
			return SimulatedAnswer.badRequest("Invalid batch payload format.", clientRequestId);
		}
		if (!requests.isArray() || requests.isEmpty() || requests.size() > GraphSettings.MAX_BATCH_SIZE) {
			return SimulatedAnswer.badRequest("A batch holds between 1 and " + GraphSettings.MAX_BATCH_SIZE
					+ " requests.", clientRequestId);
		}
		Set<String> ids = new HashSet<>();
		for (JsonNode request : requests) {
			if (!ids.add(request.path("id").asString(""))) {
				return SimulatedAnswer.badRequest("Batch request ids must be unique: '"
						+ request.path("id").asString("") + "'.", clientRequestId);
			}
		}
		List<ObjectNode> answers = new ArrayList<>();
		for (JsonNode request : requests) {
			String innerClientRequestId = request.path("headers").path("client-request-id").asString(null);
			SimulatedAnswer answer = inner.answer(request.path("method").asString(""),
					request.path("url").asString(""), request.path("body"), innerClientRequestId);
			this.counted.accept(answer);
			answers.add(innerAnswer(request.path("id").asString(""), answer, innerClientRequestId));
		}
		this.faults.shuffle(answers);
		ObjectNode root = JSON.createObjectNode();
		root.putArray("responses").addAll(answers);
		return new SimulatedAnswer(200, JSON.writeValueAsString(root), null, UUID.randomUUID().toString());
	}

	/** What a batch body's requests do, read or write, for the early-request check; empty when it does not parse. */
	static Set<FaultPlan.Access> carried(byte[] body) {
		Set<FaultPlan.Access> carried = EnumSet.noneOf(FaultPlan.Access.class);
		try {
			for (JsonNode request : JSON.readTree(body).path("requests")) {
				carried.add(FaultPlan.Access.of(request.path("method").asString("")));
			}
		}
		catch (JacksonException ex) {
			// the batch is refused with a 400 later, which no Retry-After asked to wait for
		}
		return carried;
	}

	private static ObjectNode innerAnswer(String id, SimulatedAnswer answer, String clientRequestId) {
		ObjectNode inner = JSON.createObjectNode();
		inner.put("id", id);
		inner.put("status", answer.status());
		ObjectNode headers = inner.putObject("headers");
		headers.put("Content-Type", "application/json");
		headers.put("request-id", answer.requestId());
		if (clientRequestId != null) {
			headers.put("client-request-id", clientRequestId);
		}
		if (answer.retryAfter() != null) {
			headers.put("Retry-After", answer.retryAfter());
		}
		inner.set("body", JSON.readTree(answer.body()));
		return inner;
	}

}
