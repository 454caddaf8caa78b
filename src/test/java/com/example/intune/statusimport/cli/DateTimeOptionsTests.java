package com.example.intune.statusimport.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.intune.statusimport.support.AgainstTheSimulator;
import com.example.intune.statusimport.support.CommandRun;
import com.example.intune.statusimport.support.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A spreadsheet's dates from the command line: {@code --date-format} and {@code --time-zone} turn local times into
 * the UTC instants Graph holds; without a zone nothing is guessed; a bad pattern or zone stops before anything is
 * read; an explicit NDJSON {@code null} for a date-time is never sent.
 */
class DateTimeOptionsTests extends AgainstTheSimulator {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String HEADER = "deviceConfigurationId,id,status,lastReportedDateTime,"
			+ "complianceGracePeriodExpirationDateTime";

	private String held(String key, String property) {
		return this.graph.statuses().get(key).path(property).asString();
	}

	@Test
	void aLocalTimeInThePatternIsSentInUtc() {
		Path input = this.workspace.write("statuses.csv", HEADER + "\n"
				+ "cfg-1,dcs-1,compliant,28.11.2026 14:05,2026-12-31T23:59:59\n"
				+ "cfg-1,dcs-2,compliant,01.07.2026 09:30,2026-12-31T23:59:59+01:00\n");

		CommandRun run = this.workspace.importInto(this.graph, input, "--date-format", "dd.MM.yyyy HH:mm",
				"--time-zone", "Europe/Berlin");

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(held("cfg-1/dcs-1", "lastReportedDateTime")).isEqualTo("2026-11-28T13:05:00Z");
		assertThat(held("cfg-1/dcs-1", "complianceGracePeriodExpirationDateTime")).as("a workbook date cell's text")
			.isEqualTo("2026-12-31T22:59:59Z");
		assertThat(held("cfg-1/dcs-2", "lastReportedDateTime")).as("summer time").isEqualTo("2026-07-01T07:30:00Z");
		assertThat(this.graph.lastPatch("cfg-1/dcs-2").path("complianceGracePeriodExpirationDateTime").asString())
			.as("an offset is sent as written")
			.isEqualTo("2026-12-31T23:59:59+01:00");
		assertThat(held("cfg-1/dcs-2", "complianceGracePeriodExpirationDateTime")).as("Graph holds it in UTC")
			.isEqualTo("2026-12-31T22:59:59Z");
	}

	@Test
	void withoutTimeZoneALocalTimeIsInvalidAndTheReportSaysToGiveIt() {
		Path input = this.workspace.write("statuses.csv", HEADER + "\n"
				+ "cfg-1,dcs-1,compliant,28.11.2026 14:05,\n" + "cfg-1,dcs-2,compliant,2026-11-28T14:05:00Z,\n");

		CommandRun run = this.workspace.importInto(this.graph, input, "--date-format", "dd.MM.yyyy HH:mm");

		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		List<Map<String, String>> report = Workspace.readCsvRows(Workspace.reportOf(input));
		assertThat(report).hasSize(1);
		assertThat(report.get(0)).containsEntry("id", "dcs-1")
			.containsEntry("lastReportedDateTime", "28.11.2026 14:05")
			.containsEntry("_error", "invalid");
		assertThat(report.get(0).get("_message")).startsWith("lastReportedDateTime: '28.11.2026 14:05' has no offset")
			.contains("give --time-zone");
		assertThat(this.graph.statuses()).containsOnlyKeys("cfg-1/dcs-2");
	}

	@Test
	void aTimeTheClocksSkippedIsInvalidAndNotSent() {
		Path input = this.workspace.write("statuses.csv", HEADER + "\n"
				+ "cfg-1,dcs-1,compliant,29.03.2026 02:30,\n" + "cfg-1,dcs-2,compliant,25.10.2026 02:30,\n");

		CommandRun run = this.workspace.importInto(this.graph, input, "--date-format", "dd.MM.yyyy HH:mm",
				"--time-zone", "Europe/Berlin");

		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		assertThat(Workspace.readCsvRows(Workspace.reportOf(input))).extracting(row -> row.get("_message"))
			.satisfiesExactly(gap -> assertThat(gap).contains("does not exist in Europe/Berlin"),
					overlap -> assertThat(overlap).contains("is ambiguous in Europe/Berlin")
						.contains("2026-10-25T00:30:00Z and at 2026-10-25T01:30:00Z"));
		assertThat(this.graph.requests()).isZero();
	}

	@Test
	void aBadPatternStopsBeforeAnythingIsReadNamingThePatternAndTheProblem() {
		Path input = this.workspace.write("statuses.csv", HEADER + "\ncfg-1,dcs-1,compliant,28.11.2026 14:05,\n");

		CommandRun run = this.workspace.importInto(this.graph, input, "--date-format", "dd.MM.YYYY HH:mm",
				"--time-zone", "Europe/Berlin");

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("--date-format 'dd.MM.YYYY HH:mm' is not a usable date-time pattern: Y is the"
				+ " week-based year").contains("--help").doesNotContain("at com.");
		assertThat(this.graph.requests()).isZero();
		assertThat(Workspace.reportOf(input)).doesNotExist();
	}

	@Test
	void aBadTimeZoneStopsBeforeAnythingIsReadWithAnExample() {
		Path input = this.workspace.write("statuses.csv", HEADER + "\ncfg-1,dcs-1,compliant,28.11.2026 14:05,\n");

		CommandRun run = this.workspace.importInto(this.graph, input, "--date-format", "dd.MM.yyyy HH:mm",
				"--time-zone", "CET+1");

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("--time-zone 'CET+1' is not a time zone; give an IANA name such as"
				+ " Europe/Berlin or America/New_York, or UTC").doesNotContain("at com.");
		assertThat(this.graph.requests()).isZero();
		assertThat(Workspace.reportOf(input)).doesNotExist();
	}

	@Test
	void anNdjsonNullForADateTimeIsInvalidAndNothingIsSentForItsRow() throws Exception {
		Path input = this.workspace.write("statuses.ndjson", """
				{"deviceConfigurationId":"cfg-1","id":"dcs-1","status":"compliant","lastReportedDateTime":null}
				{"deviceConfigurationId":"cfg-1","id":"dcs-2","complianceGracePeriodExpirationDateTime":null}
				{"deviceConfigurationId":"cfg-1","id":"dcs-3","status":"compliant","userName":null}
				""");

		CommandRun run = this.workspace.importInto(this.graph, input);

		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		List<JsonNode> report = Files.readAllLines(Workspace.reportOf(input))
			.stream()
			.map(line -> (JsonNode) JSON.readTree(line))
			.toList();
		assertThat(report).extracting(n -> n.path("_line").asLong() + " " + n.path("_error").asString())
			.containsExactly("1 invalid", "2 invalid");
		assertThat(report.get(0).path("_message").asString())
			.startsWith("lastReportedDateTime cannot be cleared (Graph requires a value)");
		assertThat(report.get(1).path("_message").asString())
			.startsWith("complianceGracePeriodExpirationDateTime cannot be cleared");
		assertThat(this.graph.statuses()).as("only the row that clears a string is sent").containsOnlyKeys("cfg-1/dcs-3");
		assertThat(this.graph.statuses().get("cfg-1/dcs-3").get("userName").isNull()).isTrue();
	}

	@Test
	void aRunIsNotResumedUnderAnotherZone() {
		Path input = this.workspace.write("statuses.csv", HEADER + "\n" + "cfg-1,dcs-1,compliant,28.11.2026 14:05,\n"
				+ "cfg-1,dcs-2,bad,28.11.2026 14:05,\n" + "cfg-1,dcs-3,compliant,28.11.2026 14:05,\n");

		CommandRun berlin = this.workspace.importInto(this.graph, input, "--date-format", "dd.MM.yyyy HH:mm",
				"--time-zone", "Europe/Berlin", "--chunk-size", "1", "--max-failures", "0");

		assertThat(berlin.exitCode()).as(berlin.output()).isEqualTo(2);
		assertThat(this.graph.statuses()).containsOnlyKeys("cfg-1/dcs-1");
		assertThat(held("cfg-1/dcs-1", "lastReportedDateTime")).isEqualTo("2026-11-28T13:05:00Z");

		CommandRun utc = this.workspace.importInto(this.graph, input, "--date-format", "dd.MM.yyyy HH:mm",
				"--time-zone", "UTC", "--chunk-size", "1");

		assertThat(utc.exitCode()).as(utc.output()).isEqualTo(1);
		assertThat(utc.out()).doesNotContain("Resuming");
		assertThat(held("cfg-1/dcs-1", "lastReportedDateTime")).as("read again in UTC, not skipped as done")
			.isEqualTo("2026-11-28T14:05:00Z");
		assertThat(held("cfg-1/dcs-3", "lastReportedDateTime")).isEqualTo("2026-11-28T14:05:00Z");

		CommandRun berlinAgain = this.workspace.importInto(this.graph, input, "--date-format", "dd.MM.yyyy HH:mm",
				"--time-zone", "Europe/Berlin", "--chunk-size", "1");

		assertThat(berlinAgain.out()).as("the Berlin run was left unfinished").contains("Resuming run 1");
		assertThat(held("cfg-1/dcs-3", "lastReportedDateTime")).isEqualTo("2026-11-28T13:05:00Z");
	}

}
