package com.example.intune.statusimport.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import com.example.intune.statusimport.support.CommandRun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Statuses held before a run, from a file, and how a file that cannot be held is refused. */
class SeedFileTests {

	@TempDir
	Path dir;

	/** The header and rows {@code scripts/generate-rows} writes. */
	private static final String GENERATED = """
			deviceConfigurationId,id,deviceDisplayName,userName,deviceModel,status,lastReportedDateTime,userPrincipalName
			cfg-01,dcs-0000001,DEVICE-0000001,User 1,Surface Laptop 2,notApplicable,2026-11-02T01:01:00Z,user1@contoso.onmicrosoft.com
			cfg-02,dcs-0000002,DEVICE-0000002,User 2,Surface Laptop 3,compliant,2026-11-03T02:02:00Z,user2@contoso.onmicrosoft.com
			cfg-01,dcs-0000003,"DEVICE, the third",,Surface Laptop 4,remediated,2026-11-04T03:03:00+01:00,user3@contoso.onmicrosoft.com
			""";

	@Test
	void aCsvAsGenerateRowsWritesIt() throws Exception {
		Path file = Files.writeString(this.dir.resolve("held.csv"), GENERATED);
		try (GraphSimulator simulator = GraphSimulator.start(SimulatorSettings.healthy())) {
			assertThat(simulator.hold(file)).isEqualTo(3);

			Map<String, JsonNode> held = simulator.statuses();
			assertThat(held).containsOnlyKeys("cfg-01/dcs-0000001", "cfg-02/dcs-0000002", "cfg-01/dcs-0000003");
			JsonNode third = held.get("cfg-01/dcs-0000003");
			assertThat(third.path("deviceDisplayName").asString()).isEqualTo("DEVICE, the third");
			assertThat(third.get("userName").isNull()).as("an empty cell was never set").isTrue();
			assertThat(third.path("lastReportedDateTime").asString()).isEqualTo("2026-11-04T02:03:00Z");
			assertThat(third.get("complianceGracePeriodExpirationDateTime").isNull()).isTrue();
			assertThat(new SimulatorHttp(simulator.graphUrl()).get(SimulatorHttp.statusPath("cfg-01", "dcs-0000002"))
				.statusCode()).as("only held statuses exist").isEqualTo(404);
		}
	}

	@Test
	void ndjsonObjects() throws Exception {
		Path file = Files.writeString(this.dir.resolve("held.ndjson"), """
				{"deviceConfigurationId":"cfg-1","id":"dcs-1","status":"error","userName":null}
				{"deviceConfigurationId":"cfg-1","id":"dcs-2","lastReportedDateTime":"2026-11-28T10:00:00.5-05:00"}
				""");
		try (GraphSimulator simulator = GraphSimulator.start(SimulatorSettings.healthy())) {
			assertThat(simulator.hold(file)).isEqualTo(2);

			assertThat(simulator.statuses().get("cfg-1/dcs-1").path("status").asString()).isEqualTo("error");
			assertThat(simulator.statuses().get("cfg-1/dcs-2").path("lastReportedDateTime").asString())
				.isEqualTo("2026-11-28T15:00:00.5Z");
		}
	}

	@Test
	void aRowGraphWouldNotHoldIsRefusedWithItsLineAndValue() throws Exception {
		Path badStatus = Files.writeString(this.dir.resolve("bad.csv"),
				"deviceConfigurationId,id,status\ncfg-1,dcs-1,compliant\ncfg-1,dcs-2,green\n");
		Path noId = Files.writeString(this.dir.resolve("no-id.ndjson"),
				"{\"deviceConfigurationId\":\"cfg-1\",\"id\":\"dcs-1\"}\n{\"deviceConfigurationId\":\"cfg-1\"}\n");
		Path twice = Files.writeString(this.dir.resolve("twice.csv"),
				"deviceConfigurationId,id,status\ncfg-1,dcs-1,compliant\ncfg-1,dcs-1,error\n");
		Path unknownColumn = Files.writeString(this.dir.resolve("colour.csv"), "deviceConfigurationId,id,colour\n");
		try (GraphSimulator simulator = GraphSimulator.start(SimulatorSettings.healthy())) {
			assertThatThrownBy(() -> simulator.hold(badStatus))
				.hasMessageContaining("bad.csv line 3: status 'green' is not one of unknown");
			assertThatThrownBy(() -> simulator.hold(noId)).hasMessageContaining("no-id.ndjson line 2: ")
				.hasMessageContaining("deviceConfigurationId and its id");
			assertThatThrownBy(() -> simulator.hold(twice)).hasMessageContaining("twice.csv line 3: ")
				.hasMessageContaining("line 2");
			assertThatThrownBy(() -> simulator.hold(unknownColumn)).hasMessageContaining("unknown column 'colour'")
				.hasMessageContaining("Graph properties only")
				.hasMessageNotContaining("--map");
			assertThatThrownBy(() -> simulator.hold(this.dir.resolve("missing.csv"))).hasMessageContaining("does not exist");
		}
	}

	@Test
	void theSimulateCommandRefusesAFileItCannotHoldBeforeListening() throws Exception {
		Path bad = Files.writeString(this.dir.resolve("bad.csv"),
				"deviceConfigurationId,id,status\ncfg-1,dcs-1,compliant\ncfg-1,dcs-2,green\n");

		CommandRun run = CommandRun.run(Map.of(), "simulate", "--port", "0", "--statuses", bad.toString());

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("--statuses").contains("bad.csv line 3").contains("green")
			.doesNotContain("Exception");
		assertThat(run.out()).doesNotContain("listening");
	}

}
