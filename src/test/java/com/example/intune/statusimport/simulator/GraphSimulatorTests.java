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
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.intune.statusimport.cli.Main;

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
	void theSimulateCommandDumpsWhatItHoldsOnExit(@TempDir Path dir) throws Exception {
		Path portFile = dir.resolve("port");
		Path dump = dir.resolve("dump.json");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), Main.class.getName(), "simulate", "--port", "0", "--port-file",
				portFile.toString(), "--dump", dump.toString(), "--read-quota", "1", "--quota-kind", "sliding",
				"--quota-window", "1m")
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("simulate.log").toFile())
			.start();
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (!Files.exists(portFile) || Files.readString(portFile).isBlank()) {
				assertThat(System.nanoTime()).as("the simulator started").isLessThan(deadline);
				Thread.sleep(50);
			}
			String graphUrl = "http://127.0.0.1:" + Files.readString(portFile).strip() + "/v1.0";
			assertThat(patch(graphUrl, "dcs-7",
					"{\"@odata.type\":\"#microsoft.graph.deviceConfigurationDeviceStatus\",\"userName\":\"Ann\"}")
				.statusCode()).isEqualTo(200);
			SimulatorHttp http = new SimulatorHttp(graphUrl);
			assertThat(http.get(SimulatorHttp.statusPath("cfg-1", "dcs-7")).statusCode()).isEqualTo(200);
			Thread.sleep(1100);
			HttpResponse<String> overQuota = http.get(SimulatorHttp.statusPath("cfg-1", "dcs-7"));
			assertThat(overQuota.statusCode()).as("--read-quota 1").isEqualTo(429);
			// sliding: the throttled read counts, so the window must pass from it; a fixed one would say 58.9 s
			assertThat(Double.parseDouble(overQuota.headers().firstValue("Retry-After").orElseThrow()))
				.isGreaterThan(59.0);
		}
		finally {
			process.destroy();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(JSON.readTree(Files.readString(dump)).path("statuses").path("cfg-1/dcs-7").path("userName").asString())
			.isEqualTo("Ann");
		assertThat(JSON.readTree(Files.readString(dump)).path("reads").asLong()).isEqualTo(2);
	}

}
