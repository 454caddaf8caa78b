package com.example.intune.statusimport.simulator;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.example.intune.statusimport.simulator.SimulatorHttp.statusPath;
import static org.assertj.core.api.Assertions.assertThat;

/** The read and write quotas over real HTTP: each kind of window, and reads counted apart from writes. */
class SimulatorQuotaTests {

	@Test
	void aFixedWindowOpensWithTheFirstRequestNotWhenTheSimulatorStarts() throws Exception {
		try (GraphSimulator simulator = GraphSimulator
			.start(SimulatorSettings.healthy().withQuotas(QuotaKind.FIXED, 2, 0, Duration.ofSeconds(3)))) {
			SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());
			Thread.sleep(1500);
			assertThat(http.patch("cfg-1", "dcs-1", "").statusCode()).isEqualTo(200);
			assertThat(http.patch("cfg-1", "dcs-2", "").statusCode()).isEqualTo(200);
			HttpResponse<String> throttled = http.patch("cfg-1", "dcs-3", "");

			assertThat(throttled.statusCode()).isEqualTo(429);
			assertThat(retryAfter(throttled)).as("seconds left of a window opened by the first write").isGreaterThan(2.0);
			Thread.sleep((long) (retryAfter(throttled) * 1000) + 50);
			assertThat(http.patch("cfg-1", "dcs-3", "").statusCode()).as("the next window").isEqualTo(200);
		}
	}

	@Test
	void aSlidingWindowTellsWhenEnoughCountedRequestsHaveLeftIt() throws Exception {
		try (GraphSimulator simulator = GraphSimulator
			.start(SimulatorSettings.healthy().withQuotas(QuotaKind.SLIDING, 3, 0, Duration.ofSeconds(4)))) {
			SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());
			List<Integer> statuses = new ArrayList<>();
			statuses.add(http.patch("cfg-1", "a", "").statusCode());
			Thread.sleep(1000);
			statuses.add(http.patch("cfg-1", "b", "").statusCode());
			Thread.sleep(1000);
			statuses.add(http.patch("cfg-1", "c", "").statusCode());
			HttpResponse<String> throttled = http.patch("cfg-1", "d", "");
			statuses.add(throttled.statusCode());

			assertThat(statuses).containsExactly(200, 200, 200, 429);
			// the write at 1 s must leave (at 5 s), not the one at 0 s: the throttled write counts; a fixed window says 2
			assertThat(retryAfter(throttled)).isBetween(2.6, 3.05);
			Thread.sleep((long) (retryAfter(throttled) * 1000) + 50);
			assertThat(http.patch("cfg-1", "d", "").statusCode()).isEqualTo(200);
			assertThat(http.patch("cfg-1", "e", "").statusCode()).isEqualTo(429);
		}
	}

	@Test
	void readsHaveTheirOwnQuotaAndEachGetInsideABatchCountsOne() throws Exception {
		try (GraphSimulator simulator = GraphSimulator
			.start(SimulatorSettings.healthy().withQuotas(QuotaKind.FIXED, 2, 3, Duration.ofSeconds(20)))) {
			SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());
			assertThat(http.patch("cfg-1", "dcs-1", "\"userName\":\"Ann\"").statusCode()).isEqualTo(200);
			assertThat(http.patch("cfg-1", "dcs-2", "\"userName\":\"Bo\"").statusCode()).isEqualTo(200);
			assertThat(http.patch("cfg-1", "dcs-3", "").statusCode()).as("the write quota is spent").isEqualTo(429);

			HttpResponse<String> single = http.get(statusPath("cfg-1", "dcs-1"));
			JsonNode batch = http.batchOfGets(statusPath("cfg-1", "dcs-1"), statusPath("cfg-1", "dcs-2"));
			HttpResponse<String> fourth = http.get(statusPath("cfg-1", "dcs-2"));
			JsonNode overBatch = http.batchOfGets(statusPath("cfg-1", "dcs-1"));

			assertThat(single.statusCode()).as("reads are not stopped by the spent write quota").isEqualTo(200);
			assertThat(batch.path("1").path("status").asInt()).isEqualTo(200);
			assertThat(batch.path("2").path("body").path("userName").asString()).isEqualTo("Bo");
			assertThat(fourth.statusCode()).as("a single GET and two inside a batch spent the 3 reads").isEqualTo(429);
			assertThat(retryAfter(fourth)).isBetween(15.0, 20.0);
			assertThat(overBatch.path("1").path("status").asInt()).isEqualTo(429);
			assertThat(overBatch.path("1").path("headers").path("Retry-After").asString()).isNotEmpty();
			assertThat(simulator.reads()).isEqualTo(5);
			assertThat(simulator.writes()).containsOnlyKeys("cfg-1/dcs-1", "cfg-1/dcs-2", "cfg-1/dcs-3");
		}
	}

	@Test
	void randomFaultsHitReadsOnlyWhenAskedTo() throws Exception {
		SimulatorSettings allThrottled = SimulatorSettings.healthy()
			.withFaults(1.0, 0, Duration.ofMillis(1), 0, 0);
		try (GraphSimulator simulator = GraphSimulator.start(allThrottled)) {
			SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());
			assertThat(http.patch("cfg-1", "dcs-1", "").statusCode()).isEqualTo(429);
			assertThat(http.get(statusPath("cfg-1", "dcs-1")).statusCode()).isNotEqualTo(429);
		}
		try (GraphSimulator simulator = GraphSimulator.start(allThrottled.with(b -> b.readFaults = true))) {
			SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());
			assertThat(http.get(statusPath("cfg-1", "dcs-1")).statusCode()).isEqualTo(429);
			assertThat(http.batchOfGets(statusPath("cfg-1", "dcs-1")).path("1").path("status").asInt()).isEqualTo(429);
		}
	}

	private static double retryAfter(HttpResponse<String> answer) {
		return Double.parseDouble(answer.headers().firstValue("Retry-After").orElseThrow());
	}

}
