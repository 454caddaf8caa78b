package com.example.intune.statusimport.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;


import static org.assertj.core.api.Assertions.assertThat;

class GraphSimulatorTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private HttpResponse<String> patch(String graphUrl, String id, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(graphUrl + "/deviceManagement/deviceConfigurations/cfg-1/deviceStatuses/" + id))
			.header("Authorization", "Bearer t")
			.header("client-request-id", "c-1")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void answersLikeGraphAndKeepsWhatItWasSent() throws Exception {
		try (GraphSimulator simulator = GraphSimulator.start(SimulatorSettings.healthy())) {
			HttpResponse<String> ok = patch(simulator.graphUrl(), "dcs-1",
					"{\"@odata.type\":\"#microsoft.graph.deviceConfigurationDeviceStatus\",\"status\":\"compliant\"}");
			HttpResponse<String> bad = patch(simulator.graphUrl(), "dcs-2",
					"{\"@odata.type\":\"#microsoft.graph.deviceConfigurationDeviceStatus\",\"colour\":\"red\"}");

			assertThat(ok.statusCode()).isEqualTo(200);
			assertThat(JSON.readTree(ok.body()).path("status").asString()).isEqualTo("compliant");
			assertThat(ok.headers().firstValue("request-id")).isPresent();
			assertThat(ok.headers().firstValue("client-request-id")).contains("c-1");
			assertThat(bad.statusCode()).isEqualTo(400);
			JsonNode error = JSON.readTree(bad.body()).path("error");
			assertThat(error.path("code").asString()).isEqualTo("BadRequest");
			assertThat(error.path("innerError").path("request-id").asString())
				.isEqualTo(bad.headers().firstValue("request-id").orElseThrow());
			assertThat(simulator.statuses()).containsOnlyKeys("cfg-1/dcs-1");
		}
	}

	@Test
	void nullIsRefusedAsGraphDoesForThePropertiesItRequires() throws Exception {
		String type = "{\"@odata.type\":\"#microsoft.graph.deviceConfigurationDeviceStatus\",";
		try (GraphSimulator simulator = GraphSimulator.start(SimulatorSettings.healthy())) {
			for (String required : List.of("status", "lastReportedDateTime", "complianceGracePeriodExpirationDateTime")) {
				assertThat(patch(simulator.graphUrl(), "dcs-1", type + "\"" + required + "\":null}").statusCode())
					.as(required)
					.isEqualTo(400);
			}
			assertThat(patch(simulator.graphUrl(), "dcs-1", type + "\"userName\":null}").statusCode()).isEqualTo(200);
			assertThat(simulator.statuses().get("cfg-1/dcs-1").get("userName").isNull()).isTrue();
		}
	}

	@Test
	void aWriteQuotaAnswers429WithTheSecondsLeftInTheWindow() throws Exception {
		try (GraphSimulator simulator = GraphSimulator
			.start(SimulatorSettings.healthy().withQuota(3, Duration.ofSeconds(20)))) {
			List<HttpResponse<String>> answers = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				answers.add(patch(simulator.graphUrl(), "dcs-" + i,
						"{\"@odata.type\":\"#microsoft.graph.deviceConfigurationDeviceStatus\",\"status\":\"error\"}"));
			}
			assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 200, 200, 429, 429);
			double retryAfter = Double.parseDouble(answers.get(3).headers().firstValue("Retry-After").orElseThrow());
			assertThat(retryAfter).isBetween(15.0, 20.0);
		}
	}

	@Test
	void theSimulateCommandServesHeldStatusesAtItsQuotasAndDumpsWhatItHoldsOnExit(@TempDir Path dir) throws Exception {
		Path dump = dir.resolve("dump.json");
		Path held = Files.writeString(dir.resolve("held.csv"), "deviceConfigurationId,id,userName,status\n"
				+ "cfg-1,dcs-7,Old,compliant\ncfg-1,dcs-8,,error\ncfg-1,dcs-9,,error\n");
		try (SimulateProcess simulate = SimulateProcess.start(dir, "--dump", dump.toString(), "--statuses",
				held.toString(), "--page-size", "2", "--read-quota", "3", "--quota-kind", "sliding", "--quota-window",
				"1m")) {
			SimulatorHttp http = new SimulatorHttp(simulate.graphUrl());
			assertThat(http.patch("cfg-1", "dcs-7", "\"userName\":\"Ann\"").statusCode()).isEqualTo(200);
			assertThat(http.patch("cfg-1", "dcs-1", "\"userName\":\"Ann\"").statusCode()).as("not held")
				.isEqualTo(404);
			assertThat(http.get(SimulatorHttp.statusPath("cfg-1", "dcs-7")).statusCode()).isEqualTo(200);
			Thread.sleep(1100);
			JsonNode first = SimulatorHttp.json(http.get("/deviceManagement/deviceConfigurations/cfg-1/deviceStatuses"));
			JsonNode second = SimulatorHttp.json(http.get(first.path("@odata.nextLink").asString()));
			HttpResponse<String> overQuota = http.get(SimulatorHttp.statusPath("cfg-1", "dcs-7"));

			assertThat(first.path("value").size()).as("--page-size 2").isEqualTo(2);
			assertThat(second.path("value").get(0).path("id").asString()).isEqualTo("dcs-9");
			assertThat(overQuota.statusCode()).as("--read-quota 3").isEqualTo(429);
			// sliding: the throttled read counts, so the first list page must leave; a fixed window would say 58.9 s
			assertThat(Double.parseDouble(overQuota.headers().firstValue("Retry-After").orElseThrow()))
				.isGreaterThan(59.0);
		}
		JsonNode dumped = JSON.readTree(Files.readString(dump));
		assertThat(dumped.path("statuses").path("cfg-1/dcs-7").path("userName").asString()).isEqualTo("Ann");
		assertThat(dumped.path("statuses").path("cfg-1/dcs-7").path("status").asString()).isEqualTo("compliant");
		assertThat(dumped.path("statuses").size()).isEqualTo(3);
		assertThat(dumped.path("reads").asLong()).isEqualTo(4);
		assertThat(dumped.path("listPages").asLong()).isEqualTo(2);
		assertThat(dumped.path("writes").asLong()).isEqualTo(2);
		assertThat(dumped.path("answers").path("404").asLong()).isEqualTo(1);
	}

}
