package com.example.intune.statusimport.graph;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.devicestatus.DeviceStatusUpdate;
import com.example.intune.statusimport.support.CommandRun;
import com.example.intune.statusimport.support.Workspace;

import static com.example.intune.statusimport.graph.MockGraph.batchAnswer;
import static com.example.intune.statusimport.graph.MockGraph.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Exact protocol cases against MockWebServer: what each request carries, how each answer is handled, and that no
 * request starts while Graph has asked to wait.
 */
class GraphClientProtocolTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MockWebServer server = new MockWebServer();

	private final List<Long> arrivals = new CopyOnWriteArrayList<>();

	private final List<Long> wallArrivals = new CopyOnWriteArrayList<>();

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private final ConcurrentLinkedQueue<MockResponse> script = new ConcurrentLinkedQueue<>();

	private Function<RecordedRequest, MockResponse> fallback = GraphClientProtocolTests::ok;

	@BeforeEach
	void start() throws Exception {
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				GraphClientProtocolTests.this.arrivals.add(System.nanoTime());
				GraphClientProtocolTests.this.wallArrivals.add(System.currentTimeMillis());
				GraphClientProtocolTests.this.requests.add(request);
				MockResponse next = GraphClientProtocolTests.this.script.poll();
				if (next == OK) {
					return ok(request);
				}
				return next != null ? next : GraphClientProtocolTests.this.fallback.apply(request);
			}
		});
		this.server.start(java.net.InetAddress.getLoopbackAddress(), 0);
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	private String graphUrl() {
		return "http://127.0.0.1:" + this.server.getPort() + "/v1.0";
	}

	private GraphClient client(int maxAttempts) {
		return client(new RetryPolicy(maxAttempts, Duration.ofMillis(20), Duration.ofSeconds(5)));
	}

	private GraphClient client(RetryPolicy policy) {
		GraphSettings settings = new GraphSettings(graphUrl(), policy, Duration.ofSeconds(2), Duration.ofSeconds(2),
				"device-status-import/test", new RateLimit(10_000, Duration.ofSeconds(1)), 4, 1);
		return new GraphClient(settings, () -> "token-1", new StopSignal(), new GraphStats());
	}

	/** Returns once the client holds every request back for a Retry-After it has received (at most 5 s). */
	private static void awaitGateClosed(GraphClient client) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (client.throttleWaitLeft().isZero()) {
			assertThat(System.nanoTime() - deadline).as("the 429 closed the gate within 5 s").isNegative();
			Thread.onSpinWait();
		}
	}

	private static RequestOutcome patch(GraphClient client, DeviceStatusUpdate update) {
		return client.send(DeviceStatusResource.patch(update));
	}

	private static List<GraphRequest> patches(DeviceStatusUpdate... updates) {
		return java.util.Arrays.stream(updates).map(DeviceStatusResource::patch).toList();
	}

	private static DeviceStatusUpdate update(String id) {
		Map<DeviceStatusProperty, String> changes = new EnumMap<>(DeviceStatusProperty.class);
		changes.put(DeviceStatusProperty.STATUS, "nonCompliant");
		changes.put(DeviceStatusProperty.USER_NAME, null);
		return new DeviceStatusUpdate("cfg-1", id, changes);
	}

	/** In the script: Graph's 200 for whatever status the request addressed. */
	private static final MockResponse OK = new MockResponse.Builder().code(200).build();

	/** Graph's 200 with the updated status, as Graph answers a PATCH. */
	private static MockResponse ok(RecordedRequest request) {
		String target = request.getTarget();
		String id = target.substring(target.lastIndexOf('/') + 1);
		return new MockResponse.Builder().code(200)
			.addHeader("request-id", "req-ok")
			.addHeader("Content-Type", "application/json")
			.body("{\"@odata.type\":\"#microsoft.graph.deviceConfigurationDeviceStatus\",\"id\":\"" + id + "\"}")
			.build();
	}

	private long millisBetweenArrivals(int first, int second) {
		return TimeUnit.NANOSECONDS.toMillis(this.arrivals.get(second) - this.arrivals.get(first));
	}

	@Test
	void aPatchCarriesTheHeadersAndOnlyTheChangedProperties() {
		RequestOutcome outcome = patch(client(3), update("dcs-1"));

		assertThat(outcome.succeeded()).isTrue();
		assertThat(outcome.message()).isNull();
		assertThat(outcome.body().path("id").asString()).as("Graph's answer, kept for the report")
			.isEqualTo("dcs-1");
		RecordedRequest request = this.requests.get(0);
		assertThat(request.getMethod()).isEqualTo("PATCH");
		assertThat(request.getTarget()).isEqualTo("/v1.0/deviceManagement/deviceConfigurations/cfg-1/deviceStatuses/dcs-1");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer token-1");
		assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
		assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
		assertThat(request.getHeaders().get("User-Agent")).isEqualTo("device-status-import/test");
		// plain http goes only to the local simulator, which speaks HTTP/1.1: no h2c upgrade is offered
		assertThat(request.getHeaders().get("Upgrade")).isNull();
		assertThat(request.getHeaders().get("client-request-id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
		JsonNode body = JSON.readTree(request.getBody().utf8());
		assertThat(body.propertyNames()).containsExactlyInAnyOrder("@odata.type", "status", "userName");
		assertThat(body.path("@odata.type").asString()).isEqualTo("#microsoft.graph.deviceConfigurationDeviceStatus");
		assertThat(body.get("userName").isNull()).isTrue();
		assertThat(outcome.clientRequestId()).isEqualTo(request.getHeaders().get("client-request-id"));
	}

	@Test
	void eachAttemptHasItsOwnClientRequestId() {
		this.script.add(error(503, "ServiceUnavailable", null));
		patch(client(3), update("dcs-1"));
		assertThat(this.requests.get(0).getHeaders().get("client-request-id"))
			.isNotEqualTo(this.requests.get(1).getHeaders().get("client-request-id"));
	}

	@Test
	void fractionalRetryAfterIsHonoured() {
		this.script.add(error(429, "TooManyRequests", "0.4"));

		RequestOutcome outcome = patch(client(3), update("dcs-1"));

		assertThat(outcome.succeeded()).isTrue();
		assertThat(outcome.attempts()).isEqualTo(2);
		assertThat(millisBetweenArrivals(0, 1)).isGreaterThanOrEqualTo(400);
	}

	@Test
	void retryAfterAsAnHttpDateIsHonoured() {
		// an HTTP date has whole seconds: the promise is that nothing arrives before it, whatever the milliseconds now
		ZonedDateTime notBefore = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2).withNano(0);
		this.script.add(error(503, "ServiceUnavailable", DateTimeFormatter.RFC_1123_DATE_TIME.format(notBefore)));

		RequestOutcome outcome = patch(client(3), update("dcs-1"));

		assertThat(outcome.succeeded()).isTrue();
		assertThat(this.wallArrivals.get(1)).isGreaterThanOrEqualTo(notBefore.toInstant().toEpochMilli());
	}

	@Test
	void noRequestStartsWhileGraphAskedAnyRequestToWait() throws Exception {
		CountDownLatch throttled = new CountDownLatch(1);
		this.fallback = request -> {
			if (this.requests.size() == 1) {
				throttled.countDown();
				return error(429, "TooManyRequests", "0.6");
			}
			return ok(request);
		};
		GraphClient client = client(3);
		Thread first = new Thread(() -> patch(client, update("dcs-1")));
		first.start();
		assertThat(throttled.await(5, TimeUnit.SECONDS)).isTrue();
		awaitGateClosed(client);
		patch(client, update("dcs-2"));
		first.join(5000);

		assertThat(this.arrivals).hasSize(3);
		assertThat(millisBetweenArrivals(0, 1)).as("the other row's request waited too").isGreaterThanOrEqualTo(550);
		assertThat(millisBetweenArrivals(0, 2)).isGreaterThanOrEqualTo(550);
	}

	@Test
	void transientAnswersAreRetriedUntilTheAttemptsRunOut() {
		this.fallback = request -> error(504, "GatewayTimeout", null);

		RequestOutcome outcome = patch(client(4), update("dcs-1"));

		assertThat(outcome.succeeded()).isFalse();
		assertThat(outcome.retriesExhausted()).isTrue();
		assertThat(outcome.attempts()).isEqualTo(4);
		assertThat(outcome.httpStatus()).isEqualTo(504);
		assertThat(outcome.graphCode()).isEqualTo("GatewayTimeout");
		assertThat(outcome.message()).startsWith("gave up after 4 attempts; the last one: 504 GatewayTimeout");
		assertThat(this.requests).hasSize(4);
	}

	@Test
	void permanentAnswersAreNotRetried() {
		this.script.add(error(400, "BadRequest", null));

		RequestOutcome outcome = patch(client(5), update("dcs-1"));

		assertThat(outcome.succeeded()).isFalse();
		assertThat(outcome.retriesExhausted()).isFalse();
		assertThat(outcome.attempts()).isEqualTo(1);
		assertThat(outcome.graphCode()).isEqualTo("BadRequest");
		assertThat(outcome.message()).isEqualTo("Graph says 400");
		assertThat(outcome.requestId()).isEqualTo("req-400");
		assertThat(outcome.notFound()).as("a refusal other than 404 says nothing about the status existing").isFalse();
	}

	@Test
	void anErrorThatIsJsonButNotGraphsKeepsItsTextForTheReport() {
		this.script.add(new MockResponse.Builder().code(400)
			.addHeader("Content-Type", "application/json")
			.body("{\"statusCode\":400,\"message\":\"blocked by gateway policy\"}")
			.build());

		RequestOutcome outcome = patch(client(3), update("dcs-1"));

		assertThat(outcome.succeeded()).isFalse();
		assertThat(outcome.graphCode()).isNull();
		assertThat(outcome.message()).contains("blocked by gateway policy");
	}

	@Test
	void a401EndsTheRun() {
		this.script.add(error(401, "InvalidAuthenticationToken", null));

		assertThatThrownBy(() -> patch(client(5), update("dcs-1"))).isInstanceOf(GraphFatalException.class)
			.hasMessageContaining("Graph rejected the access token (401 InvalidAuthenticationToken")
			.hasMessageNotContaining("token-1");
		assertThat(this.requests).hasSize(1);
	}

	@Test
	void a401IsRetriedOnceWithAFreshTokenAndASecond401EndsTheRun() {
		this.fallback = request -> error(401, "InvalidAuthenticationToken", null);
		java.util.concurrent.atomic.AtomicInteger renewals = new java.util.concurrent.atomic.AtomicInteger();
		AccessTokenSource renewing = new AccessTokenSource() {
			@Override
			public String accessToken() {
				return "token-" + renewals.get();
			}

			@Override
			public boolean renewAfterRejection(String rejectedToken) {
				renewals.incrementAndGet();
				return true;
			}
		};
		GraphSettings settings = new GraphSettings(graphUrl(),
				new RetryPolicy(5, Duration.ofMillis(20), Duration.ofSeconds(5)), Duration.ofSeconds(2),
				Duration.ofSeconds(2), "device-status-import/test", new RateLimit(10_000, Duration.ofSeconds(1)), 4, 1);
		GraphClient client = new GraphClient(settings, renewing, new StopSignal(), new GraphStats());

		assertThatThrownBy(() -> patch(client, update("dcs-1"))).isInstanceOf(GraphFatalException.class)
			.hasMessageContaining("401 InvalidAuthenticationToken");
		assertThat(this.requests).extracting(r -> r.getHeaders().get("Authorization"))
			.containsExactly("Bearer token-0", "Bearer token-1");
		assertThat(renewals).hasValue(1);
	}

	private static String inner(int id, int status, String retryAfter, String code) {
		String headers = "{\"request-id\":\"inner-" + id + "\"" + (retryAfter == null ? "" : ",\"Retry-After\":\""
				+ retryAfter + "\"") + "}";
		String body = code == null ? "{\"id\":\"dcs-" + id + "\"}" : "{\"error\":{\"code\":\"" + code
				+ "\",\"message\":\"inner " + status + "\"}}";
		return "{\"id\":\"" + id + "\",\"status\":" + status + ",\"headers\":" + headers + ",\"body\":" + body + "}";
	}

	private List<String> batchUrls(int request) {
		JsonNode body = JSON.readTree(this.requests.get(request).getBody().utf8());
		List<String> urls = new java.util.ArrayList<>();
		for (JsonNode inner : body.path("requests")) {
			urls.add(inner.path("url").asString());
		}
		return urls;
	}

	@Test
	void aBatchIsMatchedByIdAndOnlyItsTransientFailuresAreSentAgainAfterTheLongestWait() {
		// answers in another order than the requests, with a 429 (inner Retry-After), a 404 and a 503
		this.script.add(batchAnswer(inner(3, 200, null, null), inner(1, 429, "0.4", "TooManyRequests"),
				inner(4, 503, "0.1", "ServiceUnavailable"), inner(2, 404, null, "ResourceNotFound")));
		this.script.add(batchAnswer(inner(4, 200, null, null), inner(1, 200, null, null)));

		List<RequestOutcome> outcomes = client(5)
			.sendTogether(patches(update("dcs-1"), update("dcs-2"), update("dcs-3"), update("dcs-4")));

		assertThat(outcomes).extracting(RequestOutcome::succeeded).containsExactly(true, false, true, true);
		assertThat(outcomes).extracting(RequestOutcome::attempts).containsExactly(2, 1, 1, 2);
		assertThat(outcomes.get(1).notFound()).isTrue();
		assertThat(outcomes.get(1).requestId()).isEqualTo("inner-2");
		assertThat(this.requests).hasSize(2);
		assertThat(this.requests.get(0).getTarget()).isEqualTo("/v1.0/$batch");
		assertThat(batchUrls(0)).hasSize(4);
		assertThat(batchUrls(1)).containsExactly(
				"/deviceManagement/deviceConfigurations/cfg-1/deviceStatuses/dcs-1",
				"/deviceManagement/deviceConfigurations/cfg-1/deviceStatuses/dcs-4");
		assertThat(millisBetweenArrivals(0, 1)).as("the longest inner Retry-After").isGreaterThanOrEqualTo(400);
		JsonNode first = JSON.readTree(this.requests.get(0).getBody().utf8()).path("requests").get(0);
		assertThat(first.path("method").asString()).isEqualTo("PATCH");
		assertThat(first.path("body").path("@odata.type").asString())
			.isEqualTo("#microsoft.graph.deviceConfigurationDeviceStatus");
	}

	@Test
	void anOuterTransientFailureRetriesTheWholeBatchAndAnOuterRefusalFailsIt() {
		this.script.add(error(503, "ServiceUnavailable", "0.1"));
		this.script.add(batchAnswer(inner(1, 200, null, null), inner(2, 200, null, null)));
		this.script.add(error(400, "BadRequest", null));

		List<RequestOutcome> retried = client(3).sendTogether(patches(update("dcs-1"), update("dcs-2")));
		List<RequestOutcome> refused = client(3).sendTogether(patches(update("dcs-3"), update("dcs-4")));

		assertThat(retried).extracting(RequestOutcome::succeeded).containsExactly(true, true);
		assertThat(retried).extracting(RequestOutcome::attempts).containsExactly(2, 2);
		assertThat(refused).extracting(RequestOutcome::httpStatus).containsExactly(400, 400);
		assertThat(refused).extracting(RequestOutcome::retriesExhausted).containsExactly(false, false);
		assertThat(this.requests).hasSize(3);
	}

	@Test
	void twentyFirstRequestsAllForbiddenEndTheRun() {
		this.fallback = request -> error(403, "Forbidden", null);
		GraphClient client = client(3);
		for (int i = 1; i < AnswerWalls.LIMIT; i++) {
			assertThat(patch(client, update("dcs-" + i)).httpStatus()).isEqualTo(403);
		}
		assertThatThrownBy(() -> patch(client, update("dcs-20"))).isInstanceOf(GraphFatalException.class)
			.hasMessageContaining("refused the first 20 rows with 403 Forbidden")
			.hasMessageContaining("DeviceManagementConfiguration.ReadWrite.All");
	}

	@Test
	void aForbiddenRowAfterAnAcceptedOneIsJustAFailedRow() {
		this.script.add(OK);
		this.fallback = request -> error(403, "Forbidden", null);
		GraphClient client = client(3);
		for (int i = 0; i < 30; i++) {
			patch(client, update("dcs-" + i));
		}
		assertThat(this.requests).hasSize(30);
	}

	@Test
	void theImportCommandStopsOnAForbiddenWallWithExitCode3(@TempDir Path dir) {
		this.fallback = request -> error(403, "Forbidden", null);
		Workspace workspace = new Workspace(dir);
		StringBuilder csv = new StringBuilder("deviceConfigurationId,id,status\n");
		for (int i = 0; i < 200; i++) {
			csv.append("cfg-1,dcs-").append(i).append(",compliant\n");
		}
		Path input = workspace.write("statuses.csv", csv.toString());

		CommandRun run = workspace.importInto(graphUrl(), input);

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("refused the first 20 rows with 403");
		// the reads before the first write met the wall: the list page, then single GETs 20 to a $batch, the default 4
		// in flight; not one write was sent
		assertThat(this.requests.size()).isBetween(2, 5);
		assertThat(this.requests).noneMatch(request -> request.getMethod().equals("PATCH"));
		assertThat(Workspace.readCsv(Workspace.reportOf(input))).as("no row failed: the run stopped").hasSize(1);
	}

	@Nested
	class AnswersThatAreNotGraphs {

		private MockResponse signInPage() {
			return new MockResponse.Builder().code(200)
				.addHeader("Content-Type", "text/html")
				.body("<html><body>Sign in to the guest Wi-Fi to continue</body></html>")
				.build();
		}

		@Test
		void a200ThatIsNotGraphsJsonAppliedNothing() {
			GraphClientProtocolTests.this.script.add(signInPage());

			RequestOutcome outcome = patch(client(3), update("dcs-1"));

			assertThat(outcome.succeeded()).isFalse();
			assertThat(outcome.retriesExhausted()).isFalse();
			assertThat(outcome.httpStatus()).isEqualTo(200);
			assertThat(outcome.attempts()).isEqualTo(1);
			assertThat(outcome.message()).contains("not Graph's JSON").contains("text/html")
				.contains("Sign in to the guest Wi-Fi");
		}

		@Test
		void anAnswerLargerThanAnyOfGraphsIsCutAndAppliedNothing() {
			// Graph's JSON of the right status, padded past the cap: only its start is read
			String huge = "{\"id\":\"dcs-1\",\"padding\":\"" + "x".repeat(CappedBody.MAX_BYTES) + "\"}";
			GraphClientProtocolTests.this.script.add(new MockResponse.Builder().code(200)
				.addHeader("Content-Type", "application/json")
				.body(huge)
				.build());

			RequestOutcome outcome = patch(client(3), update("dcs-1"));

			assertThat(outcome.succeeded()).isFalse();
			assertThat(outcome.retriesExhausted()).isFalse();
			assertThat(outcome.httpStatus()).isEqualTo(200);
			assertThat(outcome.message()).startsWith("the answer was larger than 4 MB, which no answer of Graph is (HTTP"
					+ " 200): {\"id\":\"dcs-1\",\"padding\":\"xxx").hasSizeLessThan(400);
		}

		@Test
		void a200ForAnotherStatusAppliedNothing() {
			GraphClientProtocolTests.this.script.add(new MockResponse.Builder().code(200)
				.addHeader("Content-Type", "application/json")
				.body("{\"id\":\"dcs-999\"}")
				.build());

			RequestOutcome outcome = patch(client(3), update("dcs-1"));

			assertThat(outcome.succeeded()).isFalse();
			assertThat(outcome.message()).contains("not the resource it was sent for").contains("'dcs-999'");
		}

		@Test
		void twentyAnswersInARowThatAreNotGraphsEndTheRun() {
			GraphClientProtocolTests.this.fallback = request -> signInPage();
			GraphClient client = client(3);
			for (int i = 1; i < AnswerWalls.LIMIT; i++) {
				assertThat(patch(client, update("dcs-" + i)).succeeded()).isFalse();
			}
			assertThatThrownBy(() -> patch(client, update("dcs-20"))).isInstanceOf(GraphFatalException.class)
				.hasMessageContaining("the last 20 answers did not come from Graph")
				.hasMessageContaining("Sign in to the guest Wi-Fi");
		}

		@Test
		void aRedirectIsNotFollowedAndSaysWhereItPoints() {
			GraphClientProtocolTests.this.script.add(new MockResponse.Builder().code(302)
				.addHeader("Location", "https://login.example.invalid/portal")
				.build());

			RequestOutcome outcome = patch(client(3), update("dcs-1"));

			assertThat(outcome.succeeded()).isFalse();
			assertThat(outcome.httpStatus()).isEqualTo(302);
			assertThat(outcome.message()).contains("redirect to https://login.example.invalid/portal")
				.contains("--graph-url");
			assertThat(GraphClientProtocolTests.this.requests).hasSize(1);
		}

		@Test
		void aBatchAnsweredWithAPageAppliedNoneOfItsRequests() {
			GraphClientProtocolTests.this.script.add(signInPage());

			List<RequestOutcome> outcomes = client(3).sendTogether(patches(update("dcs-1"), update("dcs-2")));

			assertThat(outcomes).extracting(RequestOutcome::succeeded).containsExactly(false, false);
			assertThat(outcomes).extracting(RequestOutcome::retriesExhausted).containsExactly(false, false);
			assertThat(outcomes.get(0).message()).contains("Sign in to the guest Wi-Fi");
		}

		@Test
		void aBatchAnswerThatIsJsonButNoBatchAppliedNothing() {
			GraphClientProtocolTests.this.script.add(new MockResponse.Builder().code(200)
				.addHeader("Content-Type", "application/json")
				.body("{\"status\":\"ok\"}")
				.build());

			List<RequestOutcome> outcomes = client(3).sendTogether(patches(update("dcs-1"), update("dcs-2")));

			assertThat(outcomes).extracting(RequestOutcome::succeeded).containsExactly(false, false);
			assertThat(outcomes.get(1).message()).contains("no list of responses");
		}

		@Test
		void anInnerAnswerWithoutAStatusIsTriedAgainAndSaysWhy() {
			GraphClientProtocolTests.this.fallback = request -> batchAnswer("{\"id\":\"1\",\"body\":{}}",
					"{\"id\":\"2\",\"status\":200,\"headers\":{},\"body\":{\"id\":\"dcs-2\"}}");

			List<RequestOutcome> outcomes = client(2).sendTogether(patches(update("dcs-1"), update("dcs-2")));

			assertThat(outcomes.get(0).retriesExhausted()).isTrue();
			assertThat(outcomes.get(0).message()).contains("had no HTTP status");
			assertThat(outcomes.get(1).succeeded()).isTrue();
		}

	}

	@Nested
	class NothingHangsForEver {

		@Test
		void aBodyThatStallsAfterItsHeadersIsTimedOutAndTriedAgain() {
			GraphClientProtocolTests.this.script.add(new MockResponse.Builder().code(200)
				.addHeader("Content-Type", "application/json")
				.body("{\"id\":\"dcs-1\"}")
				.onResponseBody(SocketEffect.Stall.INSTANCE)
				.build());

			RequestOutcome outcome = patch(client(3), update("dcs-1"));

			assertThat(outcome.succeeded()).isTrue();
			assertThat(outcome.attempts()).as("the stalled answer was given up after --request-timeout").isEqualTo(2);
		}

		@Test
		void aStatusThatIsNeverAnsweredFailsAloneWhileTheOthersApply() {
			GraphClientProtocolTests.this.fallback = request -> request.getTarget().endsWith("/dcs-3")
					? new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build() : ok(request);
			// its attempts last longer than an outage may: the others were answered, so this is no outage
			GraphClient client = client(new RetryPolicy(8, Duration.ofMillis(40), Duration.ofMillis(60),
					Duration.ofMillis(600), Duration.ofMillis(100)));

			RequestOutcome first = patch(client, update("dcs-1"));
			RequestOutcome neverAnswered = patch(client, update("dcs-3"));
			RequestOutcome after = patch(client, update("dcs-4"));

			assertThat(first.succeeded()).as(first.toString()).isTrue();
			assertThat(neverAnswered.retriesExhausted()).as(neverAnswered.toString()).isTrue();
			assertThat(neverAnswered.httpStatus()).isZero();
			assertThat(neverAnswered.message()).startsWith("gave up after 8 attempts; the last one: the connection");
			assertThat(after.succeeded()).as(after.toString()).isTrue();
		}

		@Test
		void whenGraphNeverAnsweredTheRunStopsAfterTheFirstOutageLimit() {
			GraphClientProtocolTests.this.fallback = request -> error(503, "ServiceUnavailable", null);
			GraphClient client = client(new RetryPolicy(100, Duration.ofMillis(20), Duration.ofMillis(50),
					Duration.ofMillis(600), Duration.ofSeconds(60)));

			assertThatThrownBy(() -> patch(client, update("dcs-1"))).isInstanceOf(GraphFatalException.class)
				.hasMessageContaining("gave no usable answer in the first 0 s")
				.hasMessageContaining("503 ServiceUnavailable")
				.hasMessageContaining("Check --graph-url");
			assertThat(GraphClientProtocolTests.this.requests.size()).as("far fewer than the 100 attempts allowed")
				.isLessThan(40);
		}

		@Test
		void aWallOfTransientFailuresAfterSuccessesStopsTheRunSayingWhatCameBack() {
			GraphClientProtocolTests.this.script.add(OK);
			GraphClientProtocolTests.this.fallback = request -> error(502, "BadGateway", null);
			GraphClient client = client(new RetryPolicy(1000, Duration.ofMillis(20), Duration.ofMillis(50),
					Duration.ofMillis(200), Duration.ofMillis(700)));
			assertThat(patch(client, update("dcs-1")).succeeded()).isTrue();

			assertThatThrownBy(() -> client.sendAll(patches(update("dcs-2"), update("dcs-3"))))
				.isInstanceOf(GraphFatalException.class)
				.hasMessageContaining("has answered nothing but transient failures for 0 s")
				.hasMessageContaining("502 BadGateway")
				.hasMessageContaining("run the same command again to resume".replace("run", "Run"));
		}

		@Test
		void aRetryAfterLongerThanTheLongestWaitIsAClearStop() {
			GraphClientProtocolTests.this.script.add(error(429, "TooManyRequests", "3600"));

			assertThatThrownBy(() -> patch(client(5), update("dcs-1"))).isInstanceOf(GraphFatalException.class)
				.hasMessageContaining("asked to wait 3600 s")
				.hasMessageContaining("--retry-max-delay 5 s");
			assertThat(GraphClientProtocolTests.this.requests).hasSize(1);
		}

	}

}
