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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
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
			HttpRequest request = HttpRequest.newBuilder(uri)
				.timeout(this.settings.requestTimeout())
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json")
				.header("Accept", "application/json")
				.header("client-request-id", clientRequestId)
				.header("User-Agent", this.settings.userAgent())
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
			Duration wait = policy.delayAfter(attempt, retryAfter);
			if (policy.isThrottling(status) || retryAfter.isPresent()) {
				this.gate.holdFor(wait); // Graph asked everyone to wait
			}
			else {
				this.stop.sleep(wait);
			}
		}
		if (!everAnswered) {
			throw new GraphFatalException("Graph at " + this.settings.graphUrl() + " could not be reached: "
					+ lastProblem + ", " + attempt + " times in a row. Check --graph-url and the network, then run"
					+ " the same command again to resume.");
		}
		GraphError error = response == null ? GraphError.NONE : GraphError.of(response.body());
		noteAnswer(response == null ? 0 : response.statusCode(), error.code());
		return new PatchOutcome(false, true, response == null ? 0 : response.statusCode(), error.code(),
				"gave up after " + attempt + " attempts; the last one: " + lastProblem.strip(),
				response == null ? null : requestId(response), clientRequestId, attempt);
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
		return JSON.writeValueAsBytes(body);
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
