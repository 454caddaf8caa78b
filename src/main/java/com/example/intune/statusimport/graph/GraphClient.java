package com.example.intune.statusimport.graph;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.devicestatus.DeviceStatusUpdate;

/**
 * Sends one validated update as one PATCH, retrying transient failures as {@link RetryPolicy} says and pausing all
 * requests while Graph asks to wait. Answers that make the rest of the run pointless (401, a wall of 403s at the
 * start, Graph unreachable) end the run with {@link GraphFatalException} instead of failing every remaining row.
 */
public final class GraphClient {

	static final String ODATA_TYPE = "#microsoft.graph.deviceConfigurationDeviceStatus";

	/** This many first requests all refused with the same 403 mean a missing permission, not bad rows. */
	static final int FORBIDDEN_STREAK_LIMIT = 20;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http;

	private final GraphSettings settings;

	private final AccessTokenSource tokens;

	private final ThrottleGate gate;

	private final StopSignal stop;

	private final GraphStats stats;

	private final WritePacer pacer;

	private final Clock clock = Clock.systemUTC();

	private final Object forbiddenLock = new Object();

	private int forbiddenStreak;

	private String forbiddenCode;

	private boolean anyNonForbiddenAnswer;

	public GraphClient(GraphSettings settings, AccessTokenSource tokens, StopSignal stop, GraphStats stats) {
		this.settings = settings;
		this.tokens = tokens;
		this.stop = stop;
		this.stats = stats;
		this.gate = new ThrottleGate(stop, stats);
		this.pacer = new WritePacer(settings.rate().writes(), settings.rate().window(), System::nanoTime, stop::sleep);
		this.http = HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.version(settings.graphUrl().startsWith("http:") ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	public PatchOutcome patch(DeviceStatusUpdate update) {
		URI uri = URI.create(this.settings.graphUrl() + "/deviceManagement/deviceConfigurations/"
				+ update.deviceConfigurationId() + "/deviceStatuses/" + update.id());
		byte[] body = body(update);
		RetryPolicy policy = this.settings.retryPolicy();
		boolean renewedToken = false;
		boolean everAnswered = false;
		String lastProblem = null;
		String clientRequestId = null;
		HttpResponse<byte[]> response = null;
		int attempt = 0;
		while (attempt < policy.maxAttempts()) {
			attempt++;
			this.stop.check();
			this.pacer.acquire();
			this.gate.awaitOpen();
			clientRequestId = UUID.randomUUID().toString();
			String token = this.tokens.accessToken();
			HttpRequest request = request(uri, token, clientRequestId)
				.method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body))
				.build();
			this.stats.addRequest();
			if (attempt > 1) {
				this.stats.addRetry();
			}
			try {
				response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			}
			catch (HttpTimeoutException ex) {
				response = null;
				lastProblem = "no answer within " + this.settings.requestTimeout().toSeconds() + " s";
			}
			catch (ConnectException ex) {
				response = null;
				lastProblem = "the connection was refused (" + describe(ex) + ")";
			}
			catch (IOException ex) {
				response = null;
				lastProblem = "the connection failed (" + describe(ex) + ")";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new RunStoppedException();
			}
			if (response == null) {
				if (attempt < policy.maxAttempts()) {
					this.stop.sleep(policy.delayAfter(attempt, Optional.empty()));
				}
				continue;
			}
			everAnswered = true;
			int status = response.statusCode();
			if (status >= 200 && status < 300) {
				noteAnswer(status, null);
				return new PatchOutcome(true, false, status, null, null, requestId(response), clientRequestId,
						attempt);
			}
			GraphError error = GraphError.of(response.body());
			if (status == 401) {
				if (!renewedToken && this.tokens.renewAfterRejection(token)) {
					renewedToken = true;
					attempt--; // a renewed token is not a retry of a transient failure
					continue;
				}
				throw new GraphFatalException("Graph rejected the access token (401 " + error.codeOr("Unauthorized")
						+ ": " + error.message() + "). Get a new token and run the same command again to resume;"
						+ " request-id " + requestId(response));
			}
			if (!policy.isTransient(status)) {
				noteAnswer(status, error.code());
				return new PatchOutcome(false, false, status, error.code(), error.message(), requestId(response),
						clientRequestId, attempt);
			}
			lastProblem = status + " " + error.codeOr("") + " " + error.message();
			Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
					this.clock);
			if (policy.isThrottling(status)) {
				this.stats.addThrottled();
				this.pacer.throttled();
			}
			if (attempt >= policy.maxAttempts()) {
				break;
			}
			waitBeforeRetry(policy.delayAfter(attempt, retryAfter), policy.isThrottling(status) || retryAfter.isPresent());
		}
		if (!everAnswered) {
			throw unreachable(lastProblem, attempt);
		}
		GraphError error = response == null ? GraphError.NONE : GraphError.of(response.body());
		noteAnswer(response == null ? 0 : response.statusCode(), error.code());
		return new PatchOutcome(false, true, response == null ? 0 : response.statusCode(), error.code(),
				"gave up after " + attempt + " attempts; the last one: " + lastProblem.strip(),
				response == null ? null : requestId(response), clientRequestId, attempt);
	}

	/**
	 * Sends up to 20 updates in one {@code POST $batch}. Answers are matched by id (they come back in any order);
	 * only the inner requests that failed transiently are sent again, after the longest Retry-After among them. An
	 * outer 429 or 5xx retries the whole batch; another outer error fails every request in it. The caller never puts
	 * two updates of one status in the same batch.
	 */
	public List<PatchOutcome> patchBatch(List<DeviceStatusUpdate> updates) {
		if (updates.size() == 1) {
			return List.of(patch(updates.get(0)));
		}
		URI uri = URI.create(this.settings.graphUrl() + "/$batch");
		RetryPolicy policy = this.settings.retryPolicy();
		int size = updates.size();
		PatchOutcome[] outcomes = new PatchOutcome[size];
		InnerState[] state = new InnerState[size];
		for (int i = 0; i < size; i++) {
			state[i] = new InnerState(updates.get(i));
		}
		List<Integer> pending = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			pending.add(i);
		}
		boolean renewedToken = false;
		boolean everAnswered = false;
		String connectionProblem = null;
		int round = 0;
		while (!pending.isEmpty()) {
			round++;
			this.stop.check();
			this.pacer.acquire(pending.size());
			this.gate.awaitOpen();
			ObjectNode batch = JSON.createObjectNode();
			ArrayNode requests = batch.putArray("requests");
			for (int i : pending) {
				InnerState inner = state[i];
				inner.attempts++;
				inner.clientRequestId = UUID.randomUUID().toString();
				this.stats.addRequest();
				if (inner.attempts > 1) {
					this.stats.addRetry();
				}
				ObjectNode request = requests.addObject();
				request.put("id", Integer.toString(i + 1));
				request.put("method", "PATCH");
				request.put("url", "/deviceManagement/deviceConfigurations/" + inner.update.deviceConfigurationId()
						+ "/deviceStatuses/" + inner.update.id());
				ObjectNode headers = request.putObject("headers");
				headers.put("Content-Type", "application/json");
				headers.put("client-request-id", inner.clientRequestId);
				request.set("body", bodyNode(inner.update));
			}
			String token = this.tokens.accessToken();
			HttpRequest request = request(uri, token, UUID.randomUUID().toString())
				.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(batch)))
				.build();
			HttpResponse<byte[]> response;
			try {
				response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			}
			catch (IOException ex) {
				response = null;
				connectionProblem = ex instanceof HttpTimeoutException
						? "no answer within " + this.settings.requestTimeout().toSeconds() + " s"
						: "the connection failed (" + describe(ex) + ")";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new RunStoppedException();
			}
			Optional<Duration> wait = Optional.empty();
			boolean throttledNow = false;
			boolean rejectedToken = false;
			if (response == null) {
				for (int i : pending) {
					state[i].problem(0, null, connectionProblem, null);
				}
			}
			else {
				everAnswered = true;
				int status = response.statusCode();
				GraphError error = GraphError.of(response.body());
				if (status == 401) {
					rejectedToken = true;
					for (int i : pending) {
						state[i].attempts--;
					}
				}
				else if (policy.isTransient(status)) {
					wait = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), this.clock);
					throttledNow = policy.isThrottling(status);
					for (int i : pending) {
						state[i].problem(status, error.code(), status + " " + error.codeOr("") + " " + error.message(),
								requestId(response));
					}
				}
				else if (status < 200 || status >= 300) {
					for (int i : pending) {
						outcomes[i] = state[i].failed(status, error.code(), error.message(), requestId(response));
						noteAnswer(status, error.code());
					}
					pending.clear();
				}
				else {
					Map<String, JsonNode> answers = new HashMap<>();
					for (JsonNode answer : JSON.readTree(response.body()).path("responses")) {
						answers.put(answer.path("id").asString(""), answer);
					}
					for (int i : pending) {
						JsonNode answer = answers.get(Integer.toString(i + 1));
						InnerState inner = state[i];
						if (answer == null) {
							inner.problem(0, null, "the batch answer had no response for this request", requestId(response));
							continue;
						}
						int innerStatus = answer.path("status").asInt();
						JsonNode headers = answer.path("headers");
						String innerRequestId = headers.path("request-id").asString(requestId(response));
						GraphError innerError = GraphError.of(answer.path("body"));
						if (innerStatus >= 200 && innerStatus < 300) {
							noteAnswer(innerStatus, null);
							outcomes[i] = new PatchOutcome(true, false, innerStatus, null, null, innerRequestId,
									inner.clientRequestId, inner.attempts);
						}
						else if (innerStatus == 401) {
							rejectedToken = true;
							inner.attempts--;
						}
						else if (policy.isTransient(innerStatus)) {
							inner.problem(innerStatus, innerError.code(), innerStatus + " " + innerError.codeOr("") + " "
									+ innerError.message(), innerRequestId);
							Optional<Duration> innerWait = RetryAfter.parse(headers.path("Retry-After").asString(null),
									this.clock);
							if (innerWait.isPresent() && (wait.isEmpty() || innerWait.get().compareTo(wait.get()) > 0)) {
								wait = innerWait;
							}
							throttledNow |= policy.isThrottling(innerStatus);
						}
						else {
							noteAnswer(innerStatus, innerError.code());
							outcomes[i] = inner.failed(innerStatus, innerError.code(), innerError.message(),
									innerRequestId);
						}
					}
				}
			}
			if (rejectedToken) {
				if (renewedToken || !this.tokens.renewAfterRejection(token)) {
					throw new GraphFatalException("Graph rejected the access token (401) for a batch. Get a new token"
							+ " and run the same command again to resume.");
				}
				renewedToken = true;
			}
			List<Integer> next = new ArrayList<>();
			for (int i : pending) {
				if (outcomes[i] != null) {
					continue;
				}
				if (state[i].attempts >= policy.maxAttempts()) {
					outcomes[i] = state[i].exhausted();
					noteAnswer(state[i].status, state[i].code);
				}
				else {
					next.add(i);
				}
			}
			pending = next;
			if (pending.isEmpty() || (rejectedToken && !throttledNow && wait.isEmpty() && response != null
					&& response.statusCode() == 401)) {
				continue;
			}
			if (throttledNow) {
				this.stats.addThrottled();
				this.pacer.throttled();
			}
			waitBeforeRetry(policy.delayAfter(round, wait), throttledNow || wait.isPresent());
		}
		if (!everAnswered) {
			throw unreachable(connectionProblem, round);
		}
		return List.of(outcomes);
	}

	/**
	 * When Graph asked for the wait (a 429, or any Retry-After), no request starts until it is over; a back-off of
	 * our own after a 5xx or a dropped connection delays only the request that met it.
	 */
	private void waitBeforeRetry(Duration delay, boolean graphAskedEveryone) {
		if (graphAskedEveryone) {
			this.gate.holdFor(delay);
		}
		else {
			this.stop.sleep(delay);
		}
	}

	private GraphFatalException unreachable(String problem, int times) {
		return new GraphFatalException("Graph at " + this.settings.graphUrl() + " could not be reached: " + problem
				+ ", " + times + " times in a row. Check --graph-url and the network, then run the same command again"
				+ " to resume.");
	}

	/** The headers every request carries; the token goes only into this header, nowhere else. */
	private HttpRequest.Builder request(URI uri, String token, String clientRequestId) {
		return HttpRequest.newBuilder(uri)
			.timeout(this.settings.requestTimeout())
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("client-request-id", clientRequestId)
			.header("User-Agent", this.settings.userAgent());
	}

	/** What one request of a batch has been through so far. */
	private static final class InnerState {

		private final DeviceStatusUpdate update;

		private int attempts;

		private String clientRequestId;

		private int status;

		private String code;

		private String problem;

		private String requestId;

		InnerState(DeviceStatusUpdate update) {
			this.update = update;
		}

		void problem(int status, String code, String problem, String requestId) {
			this.status = status;
			this.code = code;
			this.problem = problem;
			this.requestId = requestId;
		}

		PatchOutcome failed(int status, String code, String message, String requestId) {
			return new PatchOutcome(false, false, status, code, message, requestId, this.clientRequestId, this.attempts);
		}

		PatchOutcome exhausted() {
			return new PatchOutcome(false, true, this.status, this.code,
					"gave up after " + this.attempts + " attempts; the last one: " + this.problem.strip(), this.requestId,
					this.clientRequestId, this.attempts);
		}

	}

	/** The pace now, in writes per second: lower than the allowed rate after Graph throttled. */
	public double pace() {
		return this.pacer.ratePerSecond();
	}

	/** How much longer Graph asked every request to wait, or zero. */
	public Duration throttleWaitLeft() {
		return this.gate.waitLeft();
	}

	/**
	 * Stops the run when the first {@value #FORBIDDEN_STREAK_LIMIT} rows were all refused with the same 403: that is a
	 * missing permission or licence, not that many bad rows.
	 */
	private void noteAnswer(int status, String code) {
		synchronized (this.forbiddenLock) {
			if (this.anyNonForbiddenAnswer) {
				return;
			}
			if (status != 403 || (this.forbiddenStreak > 0 && !java.util.Objects.equals(code, this.forbiddenCode))) {
				this.anyNonForbiddenAnswer = true;
				return;
			}
			this.forbiddenCode = code;
			if (++this.forbiddenStreak >= FORBIDDEN_STREAK_LIMIT) {
				throw new GraphFatalException("Graph refused the first " + FORBIDDEN_STREAK_LIMIT + " rows with 403 "
						+ (code == null ? "Forbidden" : code) + ": the app most likely lacks the permission"
						+ " DeviceManagementConfiguration.ReadWrite.All (with admin consent) or an Intune licence."
						+ " Fix that and run the same command again to resume.");
			}
		}
	}

	private static byte[] body(DeviceStatusUpdate update) {
		return JSON.writeValueAsBytes(bodyNode(update));
	}

	private static ObjectNode bodyNode(DeviceStatusUpdate update) {
		ObjectNode body = JSON.createObjectNode();
		body.put("@odata.type", ODATA_TYPE);
		for (Map.Entry<DeviceStatusProperty, String> change : update.changes().entrySet()) {
			if (change.getValue() == null) {
				body.putNull(change.getKey().graphName());
			}
			else {
				body.put(change.getKey().graphName(), change.getValue());
			}
		}
		return body;
	}

	private static String requestId(HttpResponse<?> response) {
		return response.headers().firstValue("request-id").orElse(null);
	}

	private static String describe(IOException ex) {
		String message = ex.getMessage();
		return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
	}

	/** Graph's error object: code against {@code code}, never against {@code message}. */
	record GraphError(String code, String message) {

		static final GraphError NONE = new GraphError(null, "");

		/** An inner answer of a batch, whose body is already parsed. */
		static GraphError of(JsonNode body) {
			JsonNode error = body.path("error");
			if (error.isObject()) {
				return new GraphError(error.path("code").asString(null), error.path("message").asString(""));
			}
			return NONE;
		}

		static GraphError of(byte[] body) {
			if (body == null || body.length == 0) {
				return NONE;
			}
			try {
				JsonNode error = JSON.readTree(body).path("error");
				if (error.isObject()) {
					return new GraphError(error.path("code").asString(null), error.path("message").asString(""));
				}
			}
			catch (JacksonException ex) {
				// not Graph's error shape: keep the start of the text
			}
			String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
			return new GraphError(null, text.length() > 200 ? text.substring(0, 200) + "..." : text);
		}

		String codeOr(String fallback) {
			return this.code == null ? fallback : this.code;
		}

	}

}
