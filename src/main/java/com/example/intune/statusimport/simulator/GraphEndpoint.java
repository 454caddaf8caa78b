package com.example.intune.statusimport.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.intune.statusimport.graph.DeviceStatusResource;
import com.example.intune.statusimport.graph.DeviceStatusResource.Address;
import com.example.intune.statusimport.simulator.FaultPlan.Access;

/**
 * The simulated Graph's HTTP endpoint: reads and updates device statuses ({@link StatusStore}) the way Graph answers
 * them (error shape, {@code request-id}, 200 with the updated object), {@code $batch} ({@link BatchEndpoint}), seeded
 * faults and a read and a write quota ({@link FaultPlan}), and token checks ({@link TokenCheck}). Two control paths serve
 * {@code GET /_simulator/dump} and {@code POST /_simulator/revoke}.
 */
final class GraphEndpoint implements HttpHandler {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SimulatorSettings settings;

	private final StatusStore store;

	private final FaultPlan faults;

	private final BatchEndpoint batches;

	private final TokenCheck tokenCheck;

	private final Supplier<String> dump;

	private final Runnable revoke;

	private final Traffic traffic = new Traffic();

	GraphEndpoint(SimulatorSettings settings, TokenCheck tokenCheck, Supplier<String> dump, Runnable revoke) {
		this.settings = settings;
		this.store = new StatusStore(settings.knownIds());
		this.faults = new FaultPlan(settings);
		this.batches = new BatchEndpoint(this::innerAnswer, this.faults, this.traffic::count);
		this.tokenCheck = tokenCheck;
		this.dump = dump;
		this.revoke = revoke;
	}

	StatusStore store() {
		return this.store;
	}

	FaultPlan faults() {
		return this.faults;
	}

	Traffic traffic() {
		return this.traffic;
	}

	/** What the endpoint was asked and what it answered. */
	static final class Traffic {

		private final Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();

		private final Map<String, AtomicLong> writes = new ConcurrentHashMap<>();

		private final AtomicLong requests = new AtomicLong();

		private final AtomicLong reads = new AtomicLong();

		private final AtomicLong dropped = new AtomicLong();

		private final AtomicLong batches = new AtomicLong();

		private final AtomicInteger inFlight = new AtomicInteger();

		private final AtomicInteger maxInFlight = new AtomicInteger();

		void count(SimulatedAnswer answer) {
			this.answers.computeIfAbsent(answer.status(), s -> new AtomicLong()).incrementAndGet();
		}

		/** How many answers of each HTTP status were sent; each request inside a batch counts as one. */
		Map<Integer, Long> answers() {
			Map<Integer, Long> counts = new TreeMap<>();
			this.answers.forEach((status, count) -> counts.put(status, count.get()));
			return counts;
		}

		long requests() {
			return this.requests.get();
		}

		/** How many writes each status received, by {@code deviceConfigurationId/id}, whatever they were answered. */
		Map<String, Long> writes() {
			Map<String, Long> counts = new TreeMap<>();
			this.writes.forEach((key, count) -> counts.put(key, count.get()));
			return counts;
		}

		/** Reads received: every GET of Graph's paths, each inside a batch counting one, whatever they were answered. */
		long reads() {
			return this.reads.get();
		}

		long dropped() {
			return this.dropped.get();
		}

		long batches() {
			return this.batches.get();
		}

		int maxInFlight() {
			return this.maxInFlight.get();
		}

	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			byte[] requestBody = body.readAllBytes();
			this.traffic.requests.incrementAndGet();
			SimulatedAnswer answer;
			// in flight until the answer is ready: once it is sent, the client may send its next request at once
			this.traffic.maxInFlight.accumulateAndGet(this.traffic.inFlight.incrementAndGet(), Math::max);
			try {
				answer = answer(exchange, requestBody);
			}
			finally {
				this.traffic.inFlight.decrementAndGet();
			}
			if (answer != null) {
				send(exchange, answer);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** @return the answer, or {@code null} to close the connection without one */
	private SimulatedAnswer answer(HttpExchange exchange, byte[] requestBody) throws InterruptedException {
		String path = exchange.getRequestURI().getPath();
		String method = exchange.getRequestMethod();
		String clientRequestId = exchange.getRequestHeaders().getFirst("client-request-id");
		if (method.equals("GET") && path.equals("/_simulator/dump")) {
			return SimulatedAnswer.ok(this.dump.get());
		}
		if (method.equals("POST") && path.equals("/_simulator/revoke")) {
			this.revoke.run();
			return SimulatedAnswer.ok("{}");
		}
		if (method.equals("GET") && path.equals("/msi/token")) {
			return this.tokenCheck.managedIdentityToken(exchange);
		}
		boolean batch = method.equals("POST") && path.endsWith("/$batch");
		boolean drop = this.faults.drawDrop(batch ? BatchEndpoint.carried(requestBody) : Set.of(Access.of(method)));
		// a dropped request is never answered, so it draws no 429 that would ask the client to wait; a batch's
		// requests draw theirs one by one
		FaultPlan.Fault fault = drop || batch || !(method.equals("GET") || method.equals("PATCH")) ? null
				: this.faults.drawFault(Access.of(method));
		if (!this.settings.latency().isZero()) {
			Thread.sleep(this.settings.latency().toMillis());
		}
		if (drop) {
			this.traffic.dropped.incrementAndGet();
			return null;
		}
		String refusal = this.tokenCheck.refusal(exchange);
		if (refusal != null) {
			return SimulatedAnswer.error(401, "InvalidAuthenticationToken", refusal, null, clientRequestId);
		}
		if (batch) {
			SimulatedAnswer answer = this.batches.answer(requestBody, clientRequestId);
			if (answer.status() == 200) {
				this.traffic.batches.incrementAndGet();
			}
			return answer;
		}
		return switch (method) {
			case "GET" -> read(path, fault, clientRequestId);
			case "PATCH" -> write(path, fault, parse(requestBody), clientRequestId);
			default -> SimulatedAnswer.error(405, "BadRequest", "The method " + method + " is not allowed here.", null,
					clientRequestId);
		};
	}

	/** A request inside a {@code $batch}: it draws its own fault, as if it had come alone. */
	private SimulatedAnswer innerAnswer(String method, String url, JsonNode body, String clientRequestId) {
		return switch (method) {
			case "GET" -> read(url, this.faults.drawFault(Access.READ), clientRequestId);
			case "PATCH" -> write(url, this.faults.drawFault(Access.WRITE), body, clientRequestId);
			default -> SimulatedAnswer.error(405, "BadRequest", "The method " + method + " is not simulated in a"
					+ " batch.", null, clientRequestId);
		};
	}

	private SimulatedAnswer read(String path, FaultPlan.Fault fault, String clientRequestId) {
		this.traffic.reads.incrementAndGet();
		if (fault != null) {
			return FaultPlan.answer(fault, clientRequestId);
		}
		Optional<Address> address = DeviceStatusResource.addressOf(path);
		return address.isEmpty() ? unknownPath(path, clientRequestId) : this.store.get(address.get(), clientRequestId);
	}

	private SimulatedAnswer write(String path, FaultPlan.Fault fault, JsonNode changes, String clientRequestId) {
		Optional<Address> address = DeviceStatusResource.addressOf(path);
		if (address.isEmpty()) {
			return unknownPath(path, clientRequestId);
		}
		this.traffic.writes.computeIfAbsent(address.get().key(), key -> new AtomicLong()).incrementAndGet();
		if (fault != null) {
			return FaultPlan.answer(fault, clientRequestId);
		}
		if (!this.store.exists(address.get())) {
			return this.store.notFound(address.get(), clientRequestId);
		}
		if (changes == null) {
			return SimulatedAnswer.badRequest("The body is not valid JSON.", clientRequestId);
		}
		return this.store.patch(address.get(), changes, clientRequestId);
	}

	private static SimulatedAnswer unknownPath(String path, String clientRequestId) {
		return SimulatedAnswer.badRequest("Resource not found for the segment '" + path + "'.", clientRequestId);
	}

	private static JsonNode parse(byte[] body) {
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private void send(HttpExchange exchange, SimulatedAnswer answer) throws IOException {
		// a batch's outer 200 is not counted: its inner answers were, one by one
		if (!(answer.status() == 200 && exchange.getRequestURI().getPath().endsWith("/$batch"))) {
			this.traffic.count(answer);
		}
		byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("request-id", answer.requestId());
		String clientRequestId = exchange.getRequestHeaders().getFirst("client-request-id");
		if (clientRequestId != null) {
			exchange.getResponseHeaders().set("client-request-id", clientRequestId);
		}
		if (answer.retryAfter() != null) {
			exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
		}
		exchange.sendResponseHeaders(answer.status(), bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
