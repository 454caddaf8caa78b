package com.example.intune.statusimport.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.devicestatus.ComplianceStatus;
import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;

/**
 * A local stand-in for the Graph endpoint the importer writes to, on 127.0.0.1 only. It keeps what it was sent, so a
 * rehearsal or a test can check that nothing was lost, answers like Graph (error shape, {@code request-id}, 200 with
 * the updated object), and injects seeded faults: 429 with or without Retry-After, 5xx, dropped connections,
 * latency and a write quota per window. It also counts requests that arrived while a Retry-After it gave was still
 * running, which a well-behaved client never sends.
 */
public final class GraphSimulator implements AutoCloseable {

	static {
		// answer in one packet: without it, small answers wait for the client's delayed ACK (about 40 ms each)
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private static final Pattern STATUS_PATH = Pattern
		.compile(".*/deviceManagement/deviceConfigurations/([^/]+)/deviceStatuses/([^/]+)");

	private static final String ODATA_TYPE = "#microsoft.graph.deviceConfigurationDeviceStatus";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SimulatorSettings settings;

	private final HttpServer server;

	private final ExecutorService executor;

	private final Random random;

	private final Map<String, ObjectNode> statuses = new ConcurrentHashMap<>();

	private final Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong batches = new AtomicLong();

	private final AtomicLong earlyRequests = new AtomicLong();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private final IssuedTokens issuedTokens = new IssuedTokens();

	private final IdentityEndpoint identity;

	private long windowStartNanos = System.nanoTime();

	private int writesInWindow;

	private long retryAfterUntilNanos = System.nanoTime();

	private GraphSimulator(SimulatorSettings settings) throws IOException {
		this.settings = settings;
		this.random = new Random(settings.seed());
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 64);
		this.executor = Executors.newFixedThreadPool(8, runnable -> {
			Thread thread = new Thread(runnable, "graph-simulator");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.identity = settings.identity() == null ? null
				: new IdentityEndpoint(settings.identity(), this.issuedTokens, settings.identityPort());
	}

	public static GraphSimulator start(SimulatorSettings settings) {
		try {
			GraphSimulator simulator = new GraphSimulator(settings);
			simulator.server.start();
			return simulator;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the simulator cannot listen on 127.0.0.1:" + settings.port(), ex);
		}
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** The Graph service root to give the importer as {@code --graph-url}. */
	public String graphUrl() {
		return "http://127.0.0.1:" + port() + "/v1.0";
	}

	/** The sign-in endpoint root to give the importer as {@code --authority-url}. */
	public String authorityUrl() {
		return "https://127.0.0.1:" + identity().port();
	}

	/** The App Service style managed identity endpoint, for {@code IDENTITY_ENDPOINT}. */
	public String managedIdentityEndpoint() {
		return "http://127.0.0.1:" + port() + "/msi/token";
	}

	/** A client TLS context that trusts the identity endpoint, for tests. */
	public javax.net.ssl.SSLContext identityTrust() {
		return identity().tls().clientContext();
	}

	/** Writes a trust store with the identity endpoint's certificate, for the JVM options of a rehearsal. */
	public void writeTrustStore(Path file) throws IOException {
		identity().tls().writeTrustStore(file);
	}

	/** Every token issued so far stops working at once. */
	public void revokeTokens() {
		this.issuedTokens.revokeAll();
	}

	/** Changes the identity platform while it runs, as when an administrator rotates a secret. */
	public void updateIdentity(java.util.function.UnaryOperator<IdentitySettings> change) {
		identity().update(change);
	}

	public long tokensIssued() {
		return this.issuedTokens.issued();
	}

	/** Every token issued so far, to check that none was written anywhere. */
	public Set<String> issuedTokens() {
		return this.issuedTokens.all();
	}

	/** Requests the token endpoint received. */
	public long tokenRequests() {
		return this.identity == null ? 0 : this.identity.requests();
	}

	private IdentityEndpoint identity() {
		if (this.identity == null) {
			throw new IllegalStateException("this simulator has no identity platform");
		}
		return this.identity;
	}

	/** What the simulator holds, by {@code deviceConfigurationId/id}. */
	public Map<String, JsonNode> statuses() {
		return new TreeMap<>(this.statuses);
	}

	/** How many answers of each HTTP status were sent. */
	public Map<Integer, Long> answers() {
		Map<Integer, Long> counts = new TreeMap<>();
		this.answers.forEach((status, count) -> counts.put(status, count.get()));
		return counts;
	}

	public long requests() {
		return this.requests.get();
	}

	public long dropped() {
		return this.dropped.get();
	}

	/** {@code $batch} requests answered with an outer 200. */
	public long batches() {
		return this.batches.get();
	}

	/** Requests that arrived while a Retry-After this simulator gave was still running. */
	public long earlyRequests() {
		return this.earlyRequests.get();
	}

	/** The most requests that were being answered at the same time. */
	public int maxInFlight() {
		return this.maxInFlight.get();
	}

	/** Everything held, as a JSON document. */
	public String dump() {
		ObjectNode root = JSON.createObjectNode();
		ObjectNode held = root.putObject("statuses");
		statuses().forEach(held::set);
		ObjectNode counts = root.putObject("answers");
		answers().forEach((status, count) -> counts.put(Integer.toString(status), count));
		root.put("requests", requests());
		root.put("dropped", dropped());
		root.put("earlyRequests", earlyRequests());
		root.put("tokensIssued", tokensIssued());
		return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
	}

	public void dumpTo(Path file) throws IOException {
		Files.writeString(file, dump());
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
		if (this.identity != null) {
			this.identity.close();
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.maxInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
		try {
			answer(exchange);
		}
		finally {
			this.inFlight.decrementAndGet();
		}
	}

	private void answer(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			byte[] requestBody = body.readAllBytes();
			this.requests.incrementAndGet();
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			String clientRequestId = exchange.getRequestHeaders().getFirst("client-request-id");
			if (method.equals("GET") && path.equals("/_simulator/dump")) {
				send(exchange, 200, dump(), null);
				return;
			}
			if (method.equals("POST") && path.equals("/_simulator/revoke")) {
				revokeTokens();
				send(exchange, 200, "{}", null);
				return;
			}
			if (method.equals("GET") && path.equals("/msi/token")) {
				managedIdentityToken(exchange);
				return;
			}
			boolean drop = drawDrop();
			boolean batch = method.equals("POST") && path.endsWith("/$batch");
			// a dropped request is never answered, so it draws no 429 that would ask the client to wait
			Fault fault = method.equals("PATCH") && !drop ? drawWriteFault() : null;
			if (!this.settings.latency().isZero()) {
				Thread.sleep(this.settings.latency().toMillis());
			}
			if (drop) {
				this.dropped.incrementAndGet();
				return; // closing the exchange without an answer closes the connection
			}
			String refusal = authorization(exchange);
			if (refusal != null) {
				send(exchange, errorAnswer(401, "InvalidAuthenticationToken", refusal, null, clientRequestId));
				return;
			}
			if (batch) {
				Answer answer = batchAnswer(requestBody, clientRequestId);
				if (answer.status() == 200) {
					sendUncounted(exchange, 200, answer.body(), null, answer.requestId());
				}
				else {
					send(exchange, answer);
				}
				return;
			}
			if (method.equals("GET")) {
				send(exchange, getAnswer(path, clientRequestId));
				return;
			}
			if (!method.equals("PATCH")) {
				send(exchange, errorAnswer(405, "BadRequest", "The method " + method + " is not allowed here.", null,
						clientRequestId));
				return;
			}
			send(exchange, patchAnswer(path, requestBody, fault, clientRequestId));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** One answer, whether it goes on the wire alone or inside a {@code $batch} answer. */
	private record Answer(int status, String body, String retryAfter, String requestId) {
	}

	private Answer getAnswer(String path, String clientRequestId) {
		Matcher matcher = STATUS_PATH.matcher(path);
		if (!matcher.matches()) {
			return errorAnswer(400, "BadRequest", "Resource not found for the segment '" + path + "'.", null,
					clientRequestId);
		}
		ObjectNode held = this.statuses.get(matcher.group(1) + "/" + matcher.group(2));
		return held == null ? errorAnswer(404, "ResourceNotFound", "No deviceConfigurationDeviceStatus with id "
				+ matcher.group(2), null, clientRequestId) : okAnswer(JSON.writeValueAsString(held));
	}

	private Answer patchAnswer(String path, byte[] body, Fault fault, String clientRequestId) {
		Matcher matcher = STATUS_PATH.matcher(path);
		if (!matcher.matches()) {
			return errorAnswer(400, "BadRequest", "Resource not found for the segment '" + path + "'.", null,
					clientRequestId);
		}
		if (fault instanceof Throttle throttle) {
			return errorAnswer(429, "TooManyRequests", "Too many requests from this application.", throttle.retryAfter,
					clientRequestId);
		}
		if (fault instanceof ServerError serverError) {
			return errorAnswer(serverError.status, serverError.code, "The service is temporarily unavailable.",
					serverError.retryAfter, clientRequestId);
		}
		if (!known(matcher.group(1), matcher.group(2))) {
			return errorAnswer(404, "ResourceNotFound", "deviceConfigurationDeviceStatus '" + matcher.group(2)
					+ "' was not found in deviceConfiguration '" + matcher.group(1) + "'.", null, clientRequestId);
		}
		JsonNode changes;
		try {
			changes = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return errorAnswer(400, "BadRequest", "The body is not valid JSON.", null, clientRequestId);
		}
		return patch(matcher.group(1) + "/" + matcher.group(2), matcher.group(2), changes, clientRequestId);
	}

	private Answer patch(String key, String id, JsonNode changes, String clientRequestId) {
		if (!(changes instanceof ObjectNode object)) {
			return errorAnswer(400, "BadRequest", "The body must be a JSON object.", null, clientRequestId);
		}
		if (!ODATA_TYPE.equals(object.path("@odata.type").asString(null))) {
			return errorAnswer(400, "BadRequest", "@odata.type must be " + ODATA_TYPE + ".", null, clientRequestId);
		}
		for (Map.Entry<String, JsonNode> field : object.properties()) {
			String name = field.getKey();
			if (name.equals("@odata.type")) {
				continue;
			}
			DeviceStatusProperty property = DeviceStatusProperty.forColumn(name)
				.filter(p -> p.graphName().equals(name) && !p.isKey())
				.orElse(null);
			if (property == null) {
				return errorAnswer(400, "BadRequest", "The property '" + name + "' does not exist on type "
						+ "'microsoft.graph.deviceConfigurationDeviceStatus'.", null, clientRequestId);
			}
			JsonNode value = field.getValue();
			boolean ok = value.isNull() || (value.isString() && (property != DeviceStatusProperty.STATUS
					|| ComplianceStatus.wireNames().contains(value.asString())));
			if (!ok) {
				return errorAnswer(400, "BadRequest", "Cannot convert the literal '" + value + "' for " + name + ".",
						null, clientRequestId);
			}
		}
		ObjectNode merged = this.statuses.compute(key, (k, held) -> {
			ObjectNode next = held == null ? JSON.createObjectNode() : held.deepCopy();
			next.put("@odata.type", ODATA_TYPE);
			next.put("id", id);
			object.properties().forEach(field -> {
				if (!field.getKey().equals("@odata.type")) {
					next.set(field.getKey(), field.getValue());
				}
			});
			return next;
		});
		return okAnswer(JSON.writeValueAsString(merged));
	}

	/**
	 * {@code POST $batch}: at most 20 requests with unique ids, each drawing its own faults and counting against the
	 * quota, answered in shuffled order inside an outer 200, each inner answer with its own headers.
	 */
	private Answer batchAnswer(byte[] body, String clientRequestId) {
		JsonNode requests;
		try {
			requests = JSON.readTree(body).path("requests");
		}
		catch (JacksonException ex) {
			return errorAnswer(400, "BadRequest", "Invalid batch payload format.", null, clientRequestId);
		}
		if (!requests.isArray() || requests.isEmpty() || requests.size() > 20) {
			return errorAnswer(400, "BadRequest", "A batch holds between 1 and 20 requests.", null, clientRequestId);
		}
		java.util.Set<String> ids = new java.util.HashSet<>();
		for (JsonNode request : requests) {
			if (!ids.add(request.path("id").asString(""))) {
				return errorAnswer(400, "BadRequest", "Batch request ids must be unique: '" + request.path("id")
						.asString("") + "'.", null, clientRequestId);
			}
		}
		java.util.List<ObjectNode> answers = new java.util.ArrayList<>();
		for (JsonNode request : requests) {
			String innerClientRequestId = request.path("headers").path("client-request-id").asString(null);
			Answer answer;
			if (!"PATCH".equals(request.path("method").asString(""))) {
				answer = errorAnswer(405, "BadRequest", "Only PATCH is simulated in a batch.", null,
						innerClientRequestId);
			}
			else {
				Fault fault = drawWriteFault();
				String url = request.path("url").asString("");
				Matcher matcher = STATUS_PATH.matcher(url);
				answer = fault != null || !matcher.matches() || !known(matcher.group(1), matcher.group(2))
						? patchAnswer(url, new byte[0], fault, innerClientRequestId)
						: patch(matcher.group(1) + "/" + matcher.group(2), matcher.group(2), request.path("body"),
								innerClientRequestId);
			}
			this.answers.computeIfAbsent(answer.status(), s -> new AtomicLong()).incrementAndGet();
			ObjectNode inner = JSON.createObjectNode();
			inner.put("id", request.path("id").asString(""));
			inner.put("status", answer.status());
			ObjectNode headers = inner.putObject("headers");
			headers.put("Content-Type", "application/json");
			headers.put("request-id", answer.requestId());
			if (innerClientRequestId != null) {
				headers.put("client-request-id", innerClientRequestId);
			}
			if (answer.retryAfter() != null) {
				headers.put("Retry-After", answer.retryAfter());
			}
			inner.set("body", JSON.readTree(answer.body()));
			answers.add(inner);
		}
		synchronized (this) {
			java.util.Collections.shuffle(answers, this.random);
		}
		ObjectNode root = JSON.createObjectNode();
		root.putArray("responses").addAll(answers);
		this.batches.incrementAndGet();
		return new Answer(200, JSON.writeValueAsString(root), null, UUID.randomUUID().toString());
	}

	private boolean known(String configurationId, String id) {
		Set<String> ids = this.settings.knownIds();
		return ids.isEmpty() || ids.contains(id) || ids.contains(configurationId + "/" + id);
	}

	/** @return why the request's token is refused, or {@code null} when it is accepted */
	private String authorization(HttpExchange exchange) {
		String header = exchange.getRequestHeaders().getFirst("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
			return "Access token is empty.";
		}
		String token = header.substring(7);
		if (token.equals(this.settings.acceptedToken())) {
			return null;
		}
		if (this.identity != null) {
			return switch (this.issuedTokens.check(token)) {
				case VALID -> null;
				case EXPIRED -> "Lifetime validation failed, the token is expired.";
				case UNKNOWN -> "Access token validation failure. Invalid signature.";
			};
		}
		return this.settings.acceptedToken() == null ? null : "Access token validation failure.";
	}

	/** App Service's managed identity endpoint (API version 2019-08-01), as MSAL calls it. */
	private void managedIdentityToken(HttpExchange exchange) throws IOException {
		IdentitySettings identitySettings = this.settings.identity();
		String expected = identitySettings == null ? null : identitySettings.identityHeader();
		if (expected == null || !expected.equals(exchange.getRequestHeaders().getFirst("X-IDENTITY-HEADER"))) {
			send(exchange, 401, "{\"statusCode\":401,\"message\":\"Unauthorized: the X-IDENTITY-HEADER is missing or"
					+ " wrong.\"}", null);
			return;
		}
		String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
		String resource = null;
		for (String pair : query.split("&")) {
			if (pair.startsWith("resource=")) {
				resource = java.net.URLDecoder.decode(pair.substring(9), StandardCharsets.UTF_8);
			}
		}
		if (resource == null) {
			send(exchange, 400, "{\"statusCode\":400,\"message\":\"resource is required\"}", null);
			return;
		}
		ObjectNode answer = JSON.createObjectNode();
		answer.put("access_token", this.issuedTokens.issue(identitySettings.tokenLifetime()));
		answer.put("expires_on", Long.toString(Instant.now().plus(identitySettings.tokenLifetime()).getEpochSecond()));
		answer.put("resource", resource);
		answer.put("token_type", "Bearer");
		send(exchange, 200, JSON.writeValueAsString(answer), null);
	}

	private sealed interface Fault permits Throttle, ServerError {
	}

	private record Throttle(String retryAfter) implements Fault {
	}

	private record ServerError(int status, String code, String retryAfter) implements Fault {
	}

	/** Draws under one lock, so that a seed gives the same faults to the same sequence of requests. */
	private synchronized boolean drawDrop() {
		if (System.nanoTime() - this.retryAfterUntilNanos < 0) {
			this.earlyRequests.incrementAndGet();
		}
		return this.random.nextDouble() < this.settings.dropShare();
	}

	/** The quota and the random 429s and 5xx of one write, alone or inside a batch. */
	private synchronized Fault drawWriteFault() {
		long now = System.nanoTime();
		if (this.settings.writeQuota() > 0) {
			long window = this.settings.quotaWindow().toNanos();
			if (now - this.windowStartNanos >= window) {
				this.windowStartNanos = now - ((now - this.windowStartNanos) % window);
				this.writesInWindow = 0;
			}
			this.writesInWindow++; // throttled writes count against the quota too, as in Graph
			if (this.writesInWindow > this.settings.writeQuota()) {
				long left = this.windowStartNanos + window - now;
				return throttle(String.format(Locale.ROOT, "%.3f", left / 1e9), left);
			}
		}
		double draw = this.random.nextDouble();
		if (draw < this.settings.throttleShare()) {
			if (this.random.nextDouble() < this.settings.noRetryAfterShare()) {
				return new Throttle(null);
			}
			return throttle(formatSeconds(this.settings.retryAfter().toNanos()), this.settings.retryAfter().toNanos());
		}
		if (draw < this.settings.throttleShare() + this.settings.serverErrorShare()) {
			return switch (this.random.nextInt(3)) {
				case 0 -> new ServerError(502, "BadGateway", null);
				case 1 -> new ServerError(503, "ServiceUnavailable", null);
				default -> new ServerError(504, "GatewayTimeout", null);
			};
		}
		return null;
	}

	private Throttle throttle(String header, long nanos) {
		// a client that retries within 90 % of the wait was early; the margin absorbs clock and scheduling jitter
		long until = System.nanoTime() + (long) (nanos * 0.9);
		if (until - this.retryAfterUntilNanos > 0) {
			this.retryAfterUntilNanos = until;
		}
		return new Throttle(header);
	}

	private static String formatSeconds(long nanos) {
		String text = String.format(Locale.ROOT, "%.3f", nanos / 1e9);
		return text.replaceAll("\\.?0+$", "").isEmpty() ? "0" : text.replaceAll("\\.?0+$", "");
	}

	private static Answer errorAnswer(int status, String code, String message, String retryAfter,
			String clientRequestId) {
		String requestId = UUID.randomUUID().toString();
		ObjectNode root = JSON.createObjectNode();
		ObjectNode error = root.putObject("error");
		error.put("code", code);
		error.put("message", message);
		ObjectNode inner = error.putObject("innerError");
		inner.put("date", Instant.now().toString());
		inner.put("request-id", requestId);
		inner.put("client-request-id", clientRequestId);
		return new Answer(status, JSON.writeValueAsString(root), retryAfter, requestId);
	}

	private static Answer okAnswer(String body) {
		return new Answer(200, body, null, UUID.randomUUID().toString());
	}

	private void send(HttpExchange exchange, Answer answer) throws IOException {
		send(exchange, answer.status(), answer.body(), answer.retryAfter(), answer.requestId());
	}

	private void send(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
		send(exchange, status, body, retryAfter, UUID.randomUUID().toString());
	}

	private void send(HttpExchange exchange, int status, String body, String retryAfter, String requestId)
			throws IOException {
		this.answers.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
		sendUncounted(exchange, status, body, retryAfter, requestId);
	}

	/** A batch's outer answer: its inner answers were counted one by one. */
	private void sendUncounted(HttpExchange exchange, int status, String body, String retryAfter, String requestId)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("request-id", requestId);
		String clientRequestId = exchange.getRequestHeaders().getFirst("client-request-id");
		if (clientRequestId != null) {
			exchange.getResponseHeaders().set("client-request-id", clientRequestId);
		}
		if (retryAfter != null) {
			exchange.getResponseHeaders().set("Retry-After", retryAfter);
		}
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
