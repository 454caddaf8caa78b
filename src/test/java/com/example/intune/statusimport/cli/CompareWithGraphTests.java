package com.example.intune.statusimport.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.example.intune.statusimport.graph.DeviceStatusResource;
import com.example.intune.statusimport.simulator.GraphSimulator;
import com.example.intune.statusimport.simulator.SimulatorSettings;
import com.example.intune.statusimport.support.AgainstTheSimulator;
import com.example.intune.statusimport.support.CommandRun;
import com.example.intune.statusimport.support.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real run compares each row with what Graph holds ({@code --compare live}, the default) and writes only real
 * differences: a status changed in Intune since the last run is repaired, one Graph still holds is left alone, and one
 * Graph does not hold is reported without a write. The other modes and the plan, against the simulator.
 */
class CompareWithGraphTests extends AgainstTheSimulator {

	private static final String HEADER = "deviceConfigurationId,id,status,lastReportedDateTime,deviceModel\n";

	private static final String ROWS = HEADER + "cfg,a,compliant,2026-11-30T09:00:00+01:00,M1\n"
			+ "cfg,b,compliant,2026-11-30T09:00:00+01:00,M1\n" + "cfg,c,compliant,2026-11-30T09:00:00+01:00,M1\n";

	@Test
	void aStatusChangedInIntuneSinceTheLastRunIsTheOnlyOneWrittenAgain() throws Exception {
		Path input = this.workspace.write("statuses.csv", ROWS);
		assertThat(this.workspace.importInto(this.graph, input).exitCode()).isZero();
		editInIntune(this.graph, "b", "nonCompliant");

		CommandRun again = this.workspace.importInto(this.graph, input);

		assertThat(again.exitCode()).isZero();
		// b: the first run, the edit in Intune, and this run's repair
		assertThat(this.graph.writes()).containsEntry("cfg/a", 1L).containsEntry("cfg/b", 3L)
			.containsEntry("cfg/c", 1L);
		assertThat(this.graph.statuses().get("cfg/b").path("status").asString()).isEqualTo("compliant");
		assertThat(again.out()).containsPattern("applied +1\\b")
			.containsPattern("unchanged +2 \\(not sent: Graph already holds")
			.containsPattern("rollback +" + java.util.regex.Pattern.quote(this.dir.toString())
					+ "/statuses\\.rollback-\\d{8}T\\d{6}Z(-\\d+)?\\.csv \\(import it to undo this run\\)");
	}

	@Test
	void aPlanRecordsNothingAndARunRewritesOnlyTheFingerprintsThatChanged() throws Exception {
		Path input = this.workspace.write("statuses.csv", ROWS);
		assertThat(this.workspace.importInto(this.graph, input).exitCode()).isZero();
		confirmedHoursAgo(2);
		editInIntune(this.graph, "b", "nonCompliant");

		Path planStore = this.dir.resolve("plan-store");
		CommandRun plan = CommandRun.run(Map.of("GRAPH_ACCESS_TOKEN", Workspace.TOKEN), "plan", "--graph-url",
				this.graph.graphUrl(), "--job-store", planStore.toString(), input.toString());

		assertThat(plan.exitCode()).as(plan.output()).isZero();
		assertThat(confirmedWithinTheHour(planStore)).as("a plan changes nothing, its job store included").isEmpty();

		CommandRun run = this.workspace.importInto(this.graph, input);

		assertThat(run.exitCode()).as(run.output()).isZero();
		// b was written again; a and c were read as recorded, and a nightly run rewrites nothing for them
		assertThat(confirmedWithinTheHour(this.workspace.jobStore())).containsExactly("b");
	}

	private void confirmedHoursAgo(int hours) throws Exception {
		try (java.sql.Connection store = java.sql.DriverManager.getConnection("jdbc:h2:file:"
				+ this.workspace.jobStore(), "sa", "")) {
			store.createStatement().executeUpdate("UPDATE DSI_APPLIED_STATUS SET APPLIED_AT = DATEADD(HOUR, -" + hours
					+ ", APPLIED_AT)");
		}
	}

	private static List<String> confirmedWithinTheHour(Path jobStore) throws Exception {
		List<String> ids = new java.util.ArrayList<>();
		try (java.sql.Connection store = java.sql.DriverManager.getConnection("jdbc:h2:file:" + jobStore, "sa", "");
				java.sql.ResultSet found = store.createStatement().executeQuery("SELECT STATUS_ID FROM"
						+ " DSI_APPLIED_STATUS WHERE APPLIED_AT > DATEADD(HOUR, -1, CURRENT_TIMESTAMP) ORDER BY 1")) {
			while (found.next()) {
				ids.add(found.getString(1));
			}
		}
		return ids;
	}

	@Test
	void valuesThatMeanWhatGraphHoldsAreUnchanged() {
		Path input = this.workspace.write("statuses.csv", ROWS);
		this.workspace.importInto(this.graph, input);
		// the same instant in UTC, the status in other letters: nothing to write
		Path same = this.workspace.write("same.csv", HEADER + "cfg,a,Compliant,2026-11-30T08:00:00Z,M1\n"
				+ "cfg,b,COMPLIANT,2026-11-30T08:00:00.0000000Z,M1\n" + "cfg,C,compliant,2026-11-30T03:00:00-05:00,\n");

		CommandRun again = this.workspace.importInto(this.graph, same);

		assertThat(again.exitCode()).isZero();
		assertThat(this.graph.writes().values()).containsOnly(1L);
		assertThat(again.out()).containsPattern("unchanged +3 ");
	}

	@Test
	void recordedLeavesWhatChangedInIntuneAndNoneSendsEveryRow() throws Exception {
		Path input = this.workspace.write("statuses.csv", ROWS);
		this.workspace.importInto(this.graph, input);
		editInIntune(this.graph, "b", "nonCompliant");
		long readsBefore = this.graph.reads();

		CommandRun recorded = this.workspace.importInto(this.graph, input, "--compare", "recorded");

		assertThat(recorded.exitCode()).isZero();
		assertThat(recorded.out()).doesNotContain("rollback ");
		assertThat(this.graph.writes()).containsEntry("cfg/b", 2L);
		assertThat(this.graph.statuses().get("cfg/b").path("status").asString()).isEqualTo("nonCompliant");
		assertThat(this.graph.reads()).isEqualTo(readsBefore);

		CommandRun none = this.workspace.importInto(this.graph, input, "--force");

		assertThat(none.exitCode()).isZero();
		assertThat(none.out()).contains("(--compare none read nothing from Graph, so its rows say what was sent but"
				+ " cannot undo it)");
		assertThat(this.graph.writes()).containsEntry("cfg/a", 2L).containsEntry("cfg/b", 3L).containsEntry("cfg/c", 2L);
	}

	@Test
	void aStatusGraphDoesNotHoldIsNotFoundWithoutAWrite() throws Exception {
		try (GraphSimulator known = GraphSimulator.start(SimulatorSettings.healthy().withKnownIds(Set.of("cfg/a")))) {
			Path input = this.workspace.write("statuses.csv", ROWS);

			CommandRun run = this.workspace.importInto(known, input);

			assertThat(run.exitCode()).isEqualTo(1);
			assertThat(known.writes()).containsOnlyKeys("cfg/a");
			List<String[]> report = Workspace.readCsv(Workspace.reportOf(input));
			assertThat(report).hasSize(3);
			assertThat(report.get(1)[1]).isEqualTo("b");
			assertThat(report.get(1)[6]).isEqualTo("not_found");
			assertThat(report.get(1)[7]).contains("Graph has no device status b in configuration cfg")
				.contains("nothing was sent");
		}
	}

	@Test
	void thePlanListsEachChangeWithGraphsValueAndWritesNothing() throws Exception {
		try (GraphSimulator known = GraphSimulator
			.start(SimulatorSettings.healthy().withKnownIds(Set.of("cfg/a", "cfg/b", "cfg/c")))) {
			this.workspace.importInto(known, this.workspace.write("first.csv", ROWS));
			editInIntune(known, "b", "nonCompliant");
			Map<String, Long> writesBefore = known.writes();
			Path input = this.workspace.write("next.csv", HEADER + "cfg,a,compliant,2026-11-30T09:00:00+01:00,M1\n"
					+ "cfg,b,compliant,2026-11-30T09:00:00+01:00,M1\n" + "cfg,c,compliant,2026-11-30T09:00:00+01:00,M9\n"
					+ "cfg,d,compliant,2026-11-30T09:00:00+01:00,M1\n" + "cfg,e,fine,2026-11-30T09:00:00+01:00,M1\n");

			CommandRun plan = CommandRun.run(Map.of("GRAPH_ACCESS_TOKEN", Workspace.TOKEN), "plan", "--graph-url",
					known.graphUrl(), "--job-store", this.workspace.jobStore().toString(), input.toString());

			assertThat(plan.exitCode()).as(plan.output()).isEqualTo(1);
			assertThat(known.writes()).isEqualTo(writesBefore);
			Path planFile = input.resolveSibling("next.plan.csv");
			List<String[]> rows = Workspace.readCsv(planFile);
			assertThat(rows.get(0)).containsExactly("deviceConfigurationId", "id", "status", "lastReportedDateTime",
					"deviceModel", "_line", "_action", "_changes", "_message");
			assertThat(rows).hasSize(5);
			assertThat(rows.get(1)).startsWith("cfg", "b");
			assertThat(rows.get(1)[5]).isEqualTo("3");
			assertThat(rows.get(1)[6]).isEqualTo("update");
			assertThat(rows.get(1)[7]).isEqualTo("status: nonCompliant -> compliant");
			assertThat(rows.get(2)[6]).isEqualTo("update");
			assertThat(rows.get(2)[7]).isEqualTo("deviceModel: M1 -> M9");
			assertThat(rows.get(3)[6]).isEqualTo("not_found");
			assertThat(rows.get(4)[6]).isEqualTo("invalid");
			assertThat(rows.get(4)[8]).contains("fine");
			assertThat(plan.out()).containsPattern("to update +2 \\(the writes an import will send: about 1 s at")
				.containsPattern("unchanged +1 ")
				.contains("plan           " + planFile);
			assertThat(Files.exists(Workspace.reportOf(input))).isFalse();
		}
	}

	@Test
	void anNdjsonPlanKeepsEachLineAndAddsItsKeys() throws Exception {
		this.workspace.importInto(this.graph, this.workspace.write("first.csv", ROWS));
		Path input = this.workspace.write("next.ndjson",
				"{\"deviceConfigurationId\":\"cfg\",\"id\":\"a\",\"status\":\"compliant\"}\n"
						+ "{\"deviceConfigurationId\":\"cfg\", \"id\":\"b\", \"deviceModel\":null}\n");

		CommandRun plan = CommandRun.run(Map.of("GRAPH_ACCESS_TOKEN", Workspace.TOKEN), "plan", "--graph-url",
				this.graph.graphUrl(), "--job-store", this.workspace.jobStore().toString(), input.toString());

		assertThat(plan.exitCode()).as(plan.output()).isZero();
		assertThat(Files.readAllLines(input.resolveSibling("next.plan.ndjson"))).containsExactly(
				"{\"deviceConfigurationId\":\"cfg\", \"id\":\"b\", \"deviceModel\":null,\"_line\":2,"
						+ "\"_action\":\"update\",\"_changes\":\"deviceModel: M1 -> (empty)\",\"_message\":null}");
		assertThat(this.graph.writes().values()).containsOnly(1L);
	}

	@Test
	void aDuplicateInAPlanStaysADuplicateWhenThePlanIsFedBack() {
		this.workspace.importInto(this.graph, this.workspace.write("first.csv", ROWS));
		Path input = this.workspace.write("dup.csv", HEADER + "cfg,a,compliant,2026-11-30T09:00:00+01:00,M1\n"
				+ "cfg,a,error,2026-11-30T09:00:00+01:00,M1\n");
		plan(input);
		Path fedBack = input.resolveSibling("dup.plan.csv");

		CommandRun again = plan(fedBack);

		assertThat(again.exitCode()).as(again.output()).isEqualTo(1);
		List<String[]> rows = Workspace.readCsv(fedBack.resolveSibling("dup.plan.plan.csv"));
		assertThat(rows).hasSize(2);
		assertThat(rows.get(1)[rows.get(0).length - 3]).isEqualTo("duplicate");
	}

	private CommandRun plan(Path input) {
		return CommandRun.run(Map.of("GRAPH_ACCESS_TOKEN", Workspace.TOKEN), "plan", "--graph-url",
				this.graph.graphUrl(), "--job-store", this.workspace.jobStore().toString(), input.toString());
	}

	/** An admin changes a status by hand in Intune, outside the job. */
	static void editInIntune(GraphSimulator graph, String id, String status) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(graph.graphUrl() + DeviceStatusResource.path("cfg", id)))
			.header("Authorization", "Bearer admin")
			.header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"@odata.type\":\"" + DeviceStatusResource.ODATA_TYPE
					+ "\",\"status\":\"" + status + "\"}"))
			.build();
		HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(200);
	}

}
