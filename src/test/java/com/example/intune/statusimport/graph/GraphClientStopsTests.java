package com.example.intune.statusimport.graph;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.example.intune.statusimport.graph.MockGraph.batchAnswer;
import static com.example.intune.statusimport.graph.MockGraph.error;
import static com.example.intune.statusimport.graph.MockGraph.patch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Against MockWebServer: when the run stops instead of failing row after row (a rejected token, Graph out of reach,
 * a stop requested), what it says then, and the token renewal that keeps it going.
 */
class GraphClientStopsTests {

	private final MockGraph graph = new MockGraph();

	GraphClientStopsTests() throws Exception {
	}

	@AfterEach
	void stop() {
		this.graph.close();
	}

	private static RetryPolicy attempts(int maxAttempts) {
		return new RetryPolicy(maxAttempts, Duration.ofMillis(20), Duration.ofMillis(50));
	}

	/** A service root on this machine where nothing listens. */
	private static String nobodyListening() throws Exception {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return "http://127.0.0.1:" + socket.getLocalPort() + "/v1.0";
		}
	}

	private static GraphSettings settings(String url, RetryPolicy policy, Duration requestTimeout) {
		return new GraphSettings(url, policy, Duration.ofSeconds(2), requestTimeout, "device-status-import/test",
				new RateLimit(10_000, Duration.ofSeconds(1)), 4, 1);
	}

	@Test
	void aRejectedTokenThatCannotBeRenewedEndsTheRunWithGraphsWordsAndTheRequestId() {
		this.graph.script.add(error(401, "InvalidAuthenticationToken", null));

		assertThatThrownBy(() -> this.graph.client(5).send(patch("dcs-1"))).isInstanceOf(GraphFatalException.class)
			.hasMessage("Graph rejected the access token (401 InvalidAuthenticationToken: Graph says 401). Get a new"
					+ " token and run the same command again to resume; request-id req-401");
	}

	@Test
	void aRejectionWithoutGraphsCodeIsCalledUnauthorized() {
		this.graph.script.add(new MockResponse.Builder().code(401).build());

		assertThatThrownBy(() -> this.graph.client(5).send(patch("dcs-1"))).isInstanceOf(GraphFatalException.class)
			.hasMessageStartingWith("Graph rejected the access token (401 Unauthorized: ).");
	}

	@Test
	void aRenewedTokenIsTriedOnceWithoutUsingUpAnAttempt() {
		this.graph.script.add(error(401, "InvalidAuthenticationToken", null));
		AtomicInteger renewals = new AtomicInteger();
		AccessTokenSource renewing = new AccessTokenSource() {
			@Override
			public String accessToken() {
				return "token-" + renewals.get();
			}

			@Override
			public boolean renewAfterRejection(String rejectedToken) {
				// the rejected token is the one that was sent, so a source can tell a stale renewal from a new one
				assertThat(rejectedToken).isEqualTo("token-0");
				renewals.incrementAndGet();
				return true;
			}
		};
		GraphClient client = new GraphClient(this.graph.settings(attempts(1), new RateLimit(10_000,
				Duration.ofSeconds(1))), renewing, new StopSignal(), new GraphStats());

		RequestOutcome outcome = client.send(patch("dcs-1"));

		assertThat(outcome.succeeded()).isTrue();
		assertThat(outcome.attempts()).isEqualTo(1);
		assertThat(this.graph.requests).extracting(request -> request.getHeaders().get("Authorization"))
			.containsExactly("Bearer token-0", "Bearer token-1");
	}

	@Test
	void aGraphThatRefusesEveryConnectionCannotBeReached() throws Exception {
		String url = nobodyListening();
		GraphClient client = new GraphClient(settings(url, attempts(3), Duration.ofSeconds(2)), () -> "token-1",
				new StopSignal(), new GraphStats());

		assertThatThrownBy(() -> client.send(patch("dcs-1"))).isInstanceOf(GraphFatalException.class)
			.hasMessageStartingWith("Graph at " + url + " could not be reached: the connection was refused (")
			.hasMessageEndingWith(", 3 times in a row. Check --graph-url and the network, then run the same command"
					+ " again to resume.");
	}

	@Test
	void anOutageWithoutAnyConnectionNamesTheFailureWithoutItsDetails() throws Exception {
		String url = nobodyListening();
		GraphClient client = new GraphClient(settings(url, new RetryPolicy(1_000, Duration.ofMillis(20),
				Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofMinutes(3)), Duration.ofSeconds(2)),
				() -> "token-1", new StopSignal(), new GraphStats());

		assertThatThrownBy(() -> client.send(patch("dcs-1"))).isInstanceOf(GraphFatalException.class)
			.hasMessageMatching("Graph at .* gave no usable answer in the first 0 s: the connection was refused \\d+"
					+ " times\\. Check --graph-url.*");
	}

	@Test
	void aServerThatNeverFinishesItsAnswerCannotBeReachedEither() {
		this.graph.fallback = request -> new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{\"id\":\"dcs-1\"}")
			.onResponseBody(SocketEffect.Stall.INSTANCE)
			.build();
		GraphClient client = new GraphClient(settings(this.graph.graphUrl(), attempts(2), Duration.ofSeconds(1)),
				() -> "token-1", new StopSignal(), new GraphStats());

		assertThatThrownBy(() -> client.send(patch("dcs-1"))).isInstanceOf(GraphFatalException.class)
			.hasMessageContaining("could not be reached: no answer within 1 s, 2 times in a row");
	}

	@Test
	void aConnectionDroppedBeforeTheAnswerIsRetriedAndSaysSo() {
		this.graph.fallback = request -> new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket())
			.build();
		this.graph.script.add(MockGraph.OK);
		GraphClient client = this.graph.client(2);
		assertThat(client.send(patch("dcs-1")).succeeded()).isTrue();

		RequestOutcome dropped = client.send(patch("dcs-2"));

		assertThat(dropped.retriesExhausted()).isTrue();
		assertThat(dropped.httpStatus()).isZero();
		assertThat(dropped.requestId()).isNull();
		assertThat(dropped.message()).startsWith("gave up after 2 attempts; the last one: the connection failed (");
	}

	@Test
	void aBatchAnswerMissingARequestStillShowsGraphWasReached() {
		// the outer answer came from Graph: running out of attempts is that row's failure, not Graph out of reach
		this.graph.fallback = request -> batchAnswer(MockGraph.inner(2, 200, null, null));

		List<RequestOutcome> outcomes = this.graph.client(2).sendTogether(List.of(patch("dcs-1"), patch("dcs-2")));

		assertThat(outcomes.get(0).retriesExhausted()).isTrue();
		assertThat(outcomes.get(0).requestId()).isEqualTo("req-batch");
		assertThat(outcomes.get(0).message()).isEqualTo("gave up after 2 attempts; the last one: the batch answer had"
				+ " no response for this request");
		assertThat(outcomes.get(1).succeeded()).isTrue();
	}

	@Test
	void afterAStopNoRequestLeaves() {
		StopSignal stop = new StopSignal();
		GraphClient client = new GraphClient(settings(this.graph.graphUrl(), attempts(3), Duration.ofSeconds(2)),
				() -> "token-1", stop, new GraphStats());
		stop.request();

		assertThatThrownBy(() -> client.send(patch("dcs-1"))).isInstanceOf(RunStoppedException.class);
		assertThat(this.graph.requests).isEmpty();
	}

	@Test
	void aStopDuringABackOffEndsTheWaitAtOnce() throws Exception {
		StopSignal stop = new StopSignal();
		CountDownLatch failed = new CountDownLatch(1);
		this.graph.fallback = request -> {
			failed.countDown();
			return error(503, "ServiceUnavailable", null);
		};
		GraphClient client = new GraphClient(settings(this.graph.graphUrl(), new RetryPolicy(3,
				Duration.ofMinutes(10), Duration.ofMinutes(20)), Duration.ofSeconds(2)), () -> "token-1", stop,
				new GraphStats());
		CompletableFuture<RequestOutcome> sending = CompletableFuture.supplyAsync(() -> client.send(patch("dcs-1")));
		assertThat(failed.await(5, TimeUnit.SECONDS)).isTrue();

		stop.request();

		assertThatThrownBy(() -> sending.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(RunStoppedException.class);
		assertThat(this.graph.requests).hasSize(1);
	}

	@Test
	void anInterruptedRequestStopsTheRunAndKeepsTheInterrupt() throws Exception {
		CountDownLatch arrived = new CountDownLatch(1);
		this.graph.fallback = request -> {
			arrived.countDown();
			return new MockResponse.Builder().code(200).onResponseStart(SocketEffect.Stall.INSTANCE).build();
		};
		GraphClient client = this.graph.client(3);
		CompletableFuture<Boolean> interruptKept = new CompletableFuture<>();
		Thread sender = new Thread(() -> {
			try {
				client.send(patch("dcs-1"));
				interruptKept.completeExceptionally(new AssertionError("the request was not stopped"));
			}
			catch (RunStoppedException ex) {
				interruptKept.complete(Thread.currentThread().isInterrupted());
			}
		});
		sender.start();
		assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();

		sender.interrupt();

		assertThat(interruptKept.get(5, TimeUnit.SECONDS)).isTrue();
		assertThat(this.graph.requests).hasSize(1);
	}

	@Test
	void aServiceRootThatWouldLeakTheTokenIsRefusedBeforeAnyRequest() {
		GraphSettings settings = settings("http://graph.example.com/v1.0", attempts(3), Duration.ofSeconds(2));

		assertThatThrownBy(() -> new GraphClient(settings, () -> "token-1", new StopSignal(), new GraphStats()))
			.isInstanceOf(GraphFatalException.class)
			.hasMessageStartingWith("the Graph URL 'http://graph.example.com/v1.0' would send the access token in"
					+ " clear text");
	}

}
