package com.example.intune.statusimport.simulator;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;


import static com.example.intune.statusimport.simulator.SimulatorHttp.json;
import static com.example.intune.statusimport.simulator.SimulatorHttp.statusPath;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which statuses and configurations the simulator finds, over real HTTP: ids in any letter case, as Graph compares
 * its GUID keys, and a configuration it does not have, answered 404 once only some exist.
 */
class SimulatorIdTests {

	private static String list(String configurationId) {
		return "/deviceManagement/deviceConfigurations/" + configurationId + "/deviceStatuses";
	}

	/** Follows the next links from {@code first}; the ids of every page, in order. */
	private static List<String> listedIds(SimulatorHttp http, String first) throws Exception {
		List<String> ids = new ArrayList<>();
		String next = first;
		for (int pages = 0; next != null; pages++) {
			assertThat(pages).as("a list ends").isLessThan(10);
			HttpResponse<String> page = http.get(next);
			assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
			json(page).path("value").forEach(status -> ids.add(status.path("id").asString()));
			next = json(page).has("@odata.nextLink") ? json(page).path("@odata.nextLink").asString() : null;
		}
		return ids;
	}

	@Nested
	class LetterCase {

		@Test
		void aHeldStatusIsReadWrittenAndListedWhateverTheCaseOfItsIdsInTheUrl() throws Exception {
			try (GraphSimulator simulator = GraphSimulator.start(SimulatorSettings.healthy())) {
				simulator.hold("cfg", "dcs-0005", Map.of("status", "compliant"));
				SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());

				HttpResponse<String> read = http.get(statusPath("CFG", "DCS-0005"));
				HttpResponse<String> written = http.patch("CFG", "DCS-0005", "\"userName\":\"Ann\"");
				JsonNode inBatch = http.batchOfGets(statusPath("Cfg", "Dcs-0005"));
				List<String> listed = listedIds(http, list("CFG"));

				assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
				assertThat(json(read).path("id").asString()).as("the id as held").isEqualTo("dcs-0005");
				assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
				assertThat(json(written).path("id").asString()).isEqualTo("dcs-0005");
				assertThat(json(written).path("status").asString()).isEqualTo("compliant");
				assertThat(inBatch.path("1").path("status").asInt()).isEqualTo(200);
				assertThat(inBatch.path("1").path("body").path("userName").asString()).isEqualTo("Ann");
				assertThat(listed).containsExactly("dcs-0005");
				assertThat(simulator.statuses()).as("one status, under the ids it was held under")
					.containsOnlyKeys("cfg/dcs-0005");
				assertThat(simulator.statuses().get("cfg/dcs-0005").path("userName").asString()).isEqualTo("Ann");
				assertThat(simulator.writes()).isEqualTo(Map.of("cfg/dcs-0005", 1L));
				assertThat(simulator.lastPatch("cfg/dcs-0005").path("userName").asString()).isEqualTo("Ann");
			}
		}

		@Test
		void listPagesOfIdsInMixedCaseFollowEachOtherWithoutRepeatingOne() throws Exception {
			try (GraphSimulator simulator = GraphSimulator.start(SimulatorSettings.healthy().withPageSize(2))) {
				for (String id : List.of("dcs-1", "DCS-2", "dcs-3", "DCS-4", "dcs-5")) {
					simulator.hold("Cfg-1", id, Map.of("status", "error"));
				}
				SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());

				assertThat(listedIds(http, list("cfg-1"))).containsExactly("dcs-1", "DCS-2", "dcs-3", "DCS-4", "dcs-5");
				assertThat(listedIds(http, list("CFG-1") + "?$top=1")).hasSize(5);
			}
		}

		@Test
		void aStatusFirstWrittenInOneCaseStaysOneStatusWhenWrittenInAnother() throws Exception {
			try (GraphSimulator simulator = GraphSimulator.start(SimulatorSettings.healthy())) {
				SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());

				http.patch("cfg-1", "Dcs-7", "\"userName\":\"Ann\"");
				HttpResponse<String> again = http.patch("CFG-1", "DCS-7", "\"status\":\"error\"");

				assertThat(json(again).path("id").asString()).isEqualTo("Dcs-7");
				assertThat(json(again).path("userName").asString()).isEqualTo("Ann");
				assertThat(simulator.statuses()).containsOnlyKeys("cfg-1/Dcs-7");
				assertThat(simulator.writes()).isEqualTo(Map.of("cfg-1/Dcs-7", 2L));
				assertThat(simulator.lastPatch("cfg-1/Dcs-7").path("status").asString()).isEqualTo("error");
			}
		}

		@Test
		void aKnownIdExistsInAnyCase() throws Exception {
			try (GraphSimulator simulator = GraphSimulator
				.start(SimulatorSettings.healthy().withKnownIds(Set.of("CFG-1/DCS-1", "DCS-BARE")))) {
				SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());

				assertThat(http.get(statusPath("cfg-1", "dcs-1")).statusCode()).isEqualTo(200);
				assertThat(http.patch("cfg-1", "dcs-1", "\"userName\":\"Ann\"").statusCode()).isEqualTo(200);
				assertThat(http.get(statusPath("cfg-9", "dcs-bare")).statusCode()).isEqualTo(200);
				assertThat(http.get(statusPath("cfg-1", "dcs-2")).statusCode()).isEqualTo(404);
				assertThat(simulator.statuses()).containsOnlyKeys("cfg-1/dcs-1");
			}
		}

	}

	@Nested
	class MissingConfigurations {

		@Test
		void onceStatusesAreHeldAConfigurationWithNoneIsNotFound() throws Exception {
			try (GraphSimulator simulator = GraphSimulator.start(SimulatorSettings.healthy())) {
				simulator.hold("cfg-1", "dcs-1", Map.of("status", "compliant"));
				SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());

				HttpResponse<String> missing = http.get(list("cfg-2"));
				JsonNode inBatch = http.batchOfGets(list("cfg-2"), list("CFG-1"));

				assertThat(missing.statusCode()).isEqualTo(404);
				assertThat(json(missing).path("error").path("code").asString()).isEqualTo("ResourceNotFound");
				assertThat(json(missing).path("error").path("message").asString())
					.isEqualTo("deviceConfiguration 'cfg-2' was not found.");
				assertThat(inBatch.path("1").path("status").asInt()).isEqualTo(404);
				assertThat(inBatch.path("2").path("status").asInt()).isEqualTo(200);
				assertThat(simulator.listPages()).as("only pages answered 200").isEqualTo(1);
			}
		}

		@Test
		void knownIdsWithTheirConfigurationMakeOnlyThoseConfigurationsExist() throws Exception {
			try (GraphSimulator simulator = GraphSimulator
				.start(SimulatorSettings.healthy().withKnownIds(Set.of("cfg-1/dcs-1")))) {
				SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());

				HttpResponse<String> known = http.get(list("Cfg-1"));

				assertThat(known.statusCode()).isEqualTo(200);
				assertThat(json(known).path("value")).as("a known id is listed once written").isEmpty();
				assertThat(http.get(list("cfg-2")).statusCode()).isEqualTo(404);
			}
		}

		@Test
		void everyConfigurationIsListedWhenEveryIdExistsOrABareKnownIdDoes() throws Exception {
			try (GraphSimulator open = GraphSimulator.start(SimulatorSettings.healthy());
					GraphSimulator bare = GraphSimulator.start(SimulatorSettings.healthy()
						.withKnownIds(Set.of("dcs-1", "cfg-1/dcs-2")))) {
				SimulatorHttp openHttp = new SimulatorHttp(open.graphUrl());
				SimulatorHttp bareHttp = new SimulatorHttp(bare.graphUrl());
				bare.hold("cfg-1", "dcs-2", Map.of("status", "error"));

				HttpResponse<String> anyList = openHttp.get(list("cfg-9"));
				HttpResponse<String> bareList = bareHttp.get(list("cfg-9"));

				assertThat(anyList.statusCode()).isEqualTo(200);
				assertThat(json(anyList).path("value")).isEmpty();
				assertThat(bareList.statusCode()).as("dcs-1 exists in cfg-9 too").isEqualTo(200);
				assertThat(json(bareList).path("value")).isEmpty();
			}
		}

		@Test
		void theSimulateCommandAnswersAsItsStatusesAndKnownIdsSay(@TempDir Path dir) throws Exception {
			Path held = Files.writeString(dir.resolve("held.csv"), "deviceConfigurationId,id,status\ncfg-1,dcs-1,compliant\n");
			Path known = Files.writeString(dir.resolve("known.txt"), "CFG-3/DCS-3\n");
			try (SimulateProcess simulate = SimulateProcess.start(dir, "--statuses", held.toString(), "--known-ids",
					known.toString())) {
				SimulatorHttp http = new SimulatorHttp(simulate.graphUrl());

				assertThat(listedIds(http, list("CFG-1"))).containsExactly("dcs-1");
				assertThat(http.patch("CFG-1", "DCS-1", "\"status\":\"nonCompliant\"").statusCode()).isEqualTo(200);
				assertThat(http.get(list("cfg-3")).statusCode()).isEqualTo(200);
				assertThat(http.get(statusPath("cfg-3", "dcs-3")).statusCode()).isEqualTo(200);
				assertThat(http.get(list("cfg-2")).statusCode()).isEqualTo(404);
			}
		}

	}

}
