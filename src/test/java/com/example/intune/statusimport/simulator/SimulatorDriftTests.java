package com.example.intune.statusimport.simulator;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.example.intune.statusimport.simulator.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Drift: a share of the held statuses changes between runs, as devices reporting would. */
class SimulatorDriftTests {

	private static final String LONG_AGO = "2026-01-01T00:00:00Z";

	private static GraphSimulator heldStatuses(long seed) {
		GraphSimulator simulator = GraphSimulator.start(SimulatorSettings.healthy().with(b -> b.seed = seed));
		for (int i = 0; i < 200; i++) {
			simulator.hold("cfg-" + i % 3, String.format("dcs-%03d", i),
					Map.of("status", "compliant", "lastReportedDateTime", LONG_AGO, "userName", "User " + i));
		}
		return simulator;
	}

	@Test
	void changesTheShareOfHeldStatusesAsDevicesReportingWould() throws Exception {
		try (GraphSimulator simulator = heldStatuses(7)) {
			Map<String, JsonNode> before = simulator.statuses();
			Instant start = Instant.now();

			HttpResponse<String> answer = new SimulatorHttp(simulator.graphUrl()).post(
					"http://127.0.0.1:" + simulator.port() + "/_simulator/drift?share=0.05", "");

			assertThat(answer.statusCode()).isEqualTo(200);
			List<String> keys = new ArrayList<>();
			json(answer).path("keys").forEach(key -> keys.add(key.asString()));
			assertThat(json(answer).path("changed").asInt()).isEqualTo(10);
			assertThat(keys).hasSize(10).doesNotHaveDuplicates();
			simulator.statuses().forEach((key, status) -> {
				if (keys.contains(key)) {
					assertThat(status.path("status").asString()).as(key).isNotEqualTo("compliant");
					assertThat(Instant.parse(status.path("lastReportedDateTime").asString())).as(key)
						.isBetween(start.minusMillis(1), Instant.now());
					assertThat(status.path("lastReportedDateTime").asString()).endsWith("Z");
					assertThat(status.path("userName")).as("what a device does not report stays").isEqualTo(
							before.get(key).path("userName"));
				}
				else {
					assertThat(status).as(key).isEqualTo(before.get(key));
				}
			});
		}
	}

	@Test
	void theSameSeedDriftsTheSameStatuses() {
		try (GraphSimulator first = heldStatuses(7); GraphSimulator again = heldStatuses(7);
				GraphSimulator other = heldStatuses(8)) {
			List<String> drifted = first.drift(0.05);

			assertThat(again.drift(0.05)).isEqualTo(drifted);
			assertThat(other.drift(0.05)).isNotEqualTo(drifted);
			assertThat(first.drift(0.05)).as("the next night drifts others").isNotEqualTo(drifted);
		}
	}

	@Test
	void aListReadAfterwardsSeesTheDrift() throws Exception {
		try (GraphSimulator simulator = heldStatuses(3)) {
			List<String> drifted = simulator.drift(0.1);
			SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());

			List<String> changed = new ArrayList<>();
			for (String configuration : List.of("cfg-0", "cfg-1", "cfg-2")) {
				String next = "/deviceManagement/deviceConfigurations/" + configuration + "/deviceStatuses?$select=id,status";
				while (next != null) {
					JsonNode page = json(http.get(next));
					page.path("value").forEach(status -> {
						if (!status.path("status").asString().equals("compliant")) {
							changed.add(configuration + "/" + status.path("id").asString());
						}
					});
					next = page.has("@odata.nextLink") ? page.path("@odata.nextLink").asString() : null;
				}
			}

			assertThat(changed).containsExactlyInAnyOrderElementsOf(drifted).hasSize(20);
		}
	}

	@Test
	void aShareThatIsNoneIsRefused() throws Exception {
		try (GraphSimulator simulator = heldStatuses(7)) {
			SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());
			String drift = "http://127.0.0.1:" + simulator.port() + "/_simulator/drift";

			for (String query : List.of("", "?share=1.5", "?share=-0.1", "?share=half", "?share=NaN")) {
				HttpResponse<String> answer = http.post(drift + query, "");
				assertThat(answer.statusCode()).as(query).isEqualTo(400);
				assertThat(json(answer).path("error").path("message").asString()).contains("?share=0.01");
			}
			assertThat(http.post(drift + "?share=0", "").statusCode()).isEqualTo(200);
			assertThat(simulator.statuses().values()).allSatisfy(
					status -> assertThat(status.path("status").asString()).isEqualTo("compliant"));
		}
	}

}
