package com.example.intune.statusimport.graph;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.example.intune.statusimport.graph.MockGraph.error;
import static com.example.intune.statusimport.graph.MockGraph.patch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against MockWebServer: how a chunk's requests travel, in $batch groups of the batch size, and stop together. */
class GraphClientSendAllTests {

	private final MockGraph graph = new MockGraph();

	GraphClientSendAllTests() throws Exception {
	}

	@AfterEach
	void stop() {
		this.graph.close();
	}

	private GraphClient client(int concurrency, int batchSize) {
		GraphSettings settings = new GraphSettings(this.graph.graphUrl(),
				new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(50)), Duration.ofSeconds(2),
				Duration.ofSeconds(2), "device-status-import/test", new RateLimit(10_000, Duration.ofSeconds(1)),
				concurrency, batchSize);
		return new GraphClient(settings, () -> "token-1", new StopSignal(), new GraphStats());
	}

	private static List<GraphRequest> patches(int count) {
		return IntStream.rangeClosed(1, count).mapToObj(i -> patch("dcs-" + i)).toList();
	}

	@Test
	void requestsTravelInGroupsOfTheBatchSizeAndTheOutcomesKeepTheirOrder() {
		try (GraphClient client = client(1, 2)) {
			List<RequestOutcome> outcomes = client.sendAll(patches(5));

			assertThat(outcomes).extracting(RequestOutcome::succeeded).containsOnly(true).hasSize(5);
			assertThat(outcomes).extracting(RequestOutcome::body)
				.extracting(body -> body.path("id").asString())
				.containsExactly("dcs-1", "dcs-2", "dcs-3", "dcs-4", "dcs-5");
			// the last request is alone: a $batch of one would only add a wrapper
			assertThat(this.graph.requests).extracting(request -> request.getTarget())
				.containsExactly("/v1.0/$batch", "/v1.0/$batch",
						"/v1.0/deviceManagement/deviceConfigurations/cfg-1/deviceStatuses/dcs-5");
		}
	}

	@Test
	void nothingToSendSendsNothing() {
		try (GraphClient client = client(2, 2)) {
			assertThat(client.sendAll(List.of())).isEmpty();
		}
		assertThat(this.graph.requests).isEmpty();
	}

	@Test
	void aFatalAnswerInOneGroupStopsTheChunkWithItsMessage() {
		this.graph.fallback = request -> error(401, "InvalidAuthenticationToken", null);
		try (GraphClient client = client(1, 1)) {
			assertThatThrownBy(() -> client.sendAll(patches(4))).isInstanceOf(GraphFatalException.class)
				.hasMessageStartingWith("Graph rejected the access token (401 InvalidAuthenticationToken");
		}
		assertThat(this.graph.requests).as("the groups after the fatal answer were not sent").hasSize(1);
	}

	@Test
	void aClientUsedAgainAfterAChunkSendsTheNextOneToo() {
		try (GraphClient client = client(2, 1)) {
			assertThat(client.sendAll(patches(2))).hasSize(2);
			assertThat(client.sendAll(patches(3))).extracting(RequestOutcome::succeeded).containsExactly(true, true,
					true);
		}
		assertThat(this.graph.requests).hasSize(5);
	}

	@Test
	void closingTheClientEndsTheRequestsStillWaiting() throws Exception {
		CountDownLatch failed = new CountDownLatch(1);
		this.graph.fallback = request -> {
			failed.countDown();
			return error(503, "ServiceUnavailable", null);
		};
		GraphSettings settings = new GraphSettings(this.graph.graphUrl(),
				new RetryPolicy(3, Duration.ofMinutes(10), Duration.ofMinutes(20)), Duration.ofSeconds(2),
				Duration.ofSeconds(2), "device-status-import/test", new RateLimit(10_000, Duration.ofSeconds(1)), 2, 1);
		GraphClient client = new GraphClient(settings, () -> "token-1", new StopSignal(), new GraphStats());
		CompletableFuture<List<RequestOutcome>> sending = CompletableFuture
			.supplyAsync(() -> client.sendAll(patches(1)));
		assertThat(failed.await(5, TimeUnit.SECONDS)).isTrue();

		client.close();

		assertThatThrownBy(() -> sending.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(RunStoppedException.class);
	}

}
