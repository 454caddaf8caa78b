package com.example.intune.statusimport.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.graph.DeviceStatusResource;
import com.example.intune.statusimport.graph.DeviceStatusResource.Address;
import com.example.intune.statusimport.simulator.FaultPlan.Access;

/**
 * The simulated Graph's HTTP endpoint: reads and updates device statuses ({@link StatusStore}) the way Graph answers
 * them (error shape, {@code request-id}, 200 with the updated object), {@code $batch} ({@link BatchEndpoint}), seeded
 * faults and a read and a write quota ({@link FaultPlan}), and token checks ({@link TokenCheck}); reads are
 * {@link StatusReads}'. Control paths serve {@code GET /_simulator/dump}, {@code POST /_simulator/revoke} and
 * {@code POST /_simulator/drift?share=N}.
 */
final class GraphEndpoint implements HttpHandler {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * A Host header fit to be put in a link: a loopback name or address and a port. Any other is not believed (a page
	 * in a browser may send its own), and the link names 127.0.0.1.
	 */
	private static final Pattern HOST = Pattern.compile("(?i)(localhost|127(\\.[0-9]{1,3}){3}|\\[::1\\])(:[0-9]{1,5})?");

	private final SimulatorSettings settings;

	private final StatusStore store;

	private final FaultPlan faults;

	private final BatchEndpoint batches;

	private final TokenCheck tokenCheck;

	private final Supplier<String> dump;

	private final Runnable revoke;

	private final Traffic traffic = new Traffic();

	private final StatusReads reads;

	/** Its own seeded source, so that drifting between runs leaves the sequence of faults as it was. */
	private final Random driftRandom;

	GraphEndpoint(SimulatorSettings settings, TokenCheck tokenCheck, Supplier<String> dump, Runnable revoke) {
		this.settings = settings;
		this.store = new StatusStore(settings.knownIds());
		this.faults = new FaultPlan(settings);
		this.batches = new BatchEndpoint(this.faults, this.traffic::count);
		this.reads = new StatusReads(this.store, settings.pageSize(), this.traffic.listPages::incrementAndGet);
		this.driftRandom = new Random(settings.seed());
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

	/** Changes {@code share} (0 to 1) of the held statuses as devices reporting would; the keys changed. */
	List<String> drift(double share) {
		if (!(share >= 0 && share <= 1)) {
			throw new IllegalArgumentException("share must be between 0 and 1, not " + share);
		}
		return this.store.drift(share, this.driftRandom, Instant.now());
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
		if (method.equals("POST") && path.equals("/_simulator/drift")) {
			return drift(exchange.getRequestURI().getRawQuery(), clientRequestId);
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
		String origin = origin(exchange);
		if (batch) {
			String root = origin + path.substring(0, path.length() - "/$batch".length());
			SimulatedAnswer answer = this.batches.answer(requestBody, clientRequestId,
					(innerMethod, url, body, innerId) -> innerAnswer(root, innerMethod, url, body, innerId));
			if (answer.status() == 200) {
				this.traffic.batches.incrementAndGet();
			}
			return answer;
		}
		return switch (method) {
			case "GET" -> read(origin, pathAndQuery(exchange), fault, clientRequestId);
			case "PATCH" -> write(path, fault, parse(requestBody), clientRequestId);
			default -> SimulatedAnswer.error(405, "BadRequest", "The method " + method + " is not allowed here.", null,
					clientRequestId);
		};
	}

	/**
	 * The origin a next link names: the one the request was sent to, as Graph answers on the host it was asked on
	 * ({@code localhost} and {@code 127.0.0.1} alike), else the loopback address it came to.
	 */
	private static String origin(HttpExchange exchange) {
		String host = exchange.getRequestHeaders().getFirst("Host");
		if (host != null && HOST.matcher(host).matches()) {
			return "http://" + host;
		}
		return "http://127.0.0.1:" + exchange.getLocalAddress().getPort();
	}

	/** A request inside a {@code $batch}: it draws its own fault, as if it had come alone. */
	private SimulatedAnswer innerAnswer(String root, String method, String url, JsonNode body,
			String clientRequestId) {
		return switch (method) {
			case "GET" -> read(root, url, this.faults.drawFault(Access.READ), clientRequestId);
			case "PATCH" -> write(url, this.faults.drawFault(Access.WRITE), body, clientRequestId);
			default -> SimulatedAnswer.error(405, "BadRequest", "The method " + method + " is not simulated in a"
					+ " batch.", null, clientRequestId);
		};
	}

	private SimulatedAnswer read(String root, String pathAndQuery, FaultPlan.Fault fault, String clientRequestId) {
		this.traffic.reads.incrementAndGet();
		return fault != null ? FaultPlan.answer(fault, clientRequestId)
				: this.reads.answer(root, pathAndQuery, clientRequestId);
	}

	private SimulatedAnswer write(String path, FaultPlan.Fault fault, JsonNode changes, String clientRequestId) {
		Optional<Address> address = DeviceStatusResource.addressOf(path);
		if (address.isEmpty()) {
			return unknownPath(path, clientRequestId);
		}
		// a status written in another letter case is counted under the ids it is held under
		this.traffic.countWrite(this.store.heldKey(address.get()));
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

	private static String pathAndQuery(HttpExchange exchange) {
		String query = exchange.getRequestURI().getRawQuery();
		return exchange.getRequestURI().getPath() + (query == null ? "" : "?" + query);
	}

	private SimulatedAnswer drift(String rawQuery, String clientRequestId) {
		String share = null;
		for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
			if (pair.startsWith("share=")) {
				share = pair.substring("share=".length());
			}
		}
		List<String> keys;
		try {
			keys = drift(Double.parseDouble(share == null ? "missing" : share));
		}
		catch (IllegalArgumentException ex) {
			return SimulatedAnswer.badRequest("Give the share of held statuses to change as ?share=N, N between 0 and 1,"
					+ " like ?share=0.01; not " + share + ".", clientRequestId);
		}
		ObjectNode answer = JSON.createObjectNode();
		answer.put("changed", keys.size());
		keys.forEach(answer.putArray("keys")::add);
		return SimulatedAnswer.ok(answer.toString());
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
