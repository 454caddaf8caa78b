package com.example.intune.statusimport.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.intune.statusimport.support.AgainstTheSimulator;
import com.example.intune.statusimport.support.CommandRun;
import com.example.intune.statusimport.support.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's own spreadsheet, as the person made it: headers of their own mapped with --map or --mapping, Intune's
 * status labels, every way a mapping can be wrong, and the one dry run that shows the header's problem and the rows'.
 */
class HeaderMappingTests extends AgainstTheSimulator {

	/** Headers as a person types them, statuses as the Intune admin center shows them. */
	static final String PERSONS_CSV = "Device ID,Status,Last reported,Notes\n"
			+ "dcs-1,Non-compliant,2026-11-27T08:00:00Z,call Adele\n"
			+ "dcs-2,Not applicable,2026-11-27T09:00:00Z,\n"
			+ "dcs-3,not_assigned,,\n"
			+ "dcs-4,Compliant,2026-11-27T10:00:00Z,\n";

	private CommandRun importInto(Path input, String... args) {
		return this.workspace.importInto(this.graph, input, args);
	}

	private JsonNode held(String id) {
		return this.graph.statuses().get("cfg-1/" + id);
	}

	private void assertThePersonsRowsAreHeldInCanonicalForm() {
		assertThat(this.graph.statuses()).containsKeys("cfg-1/dcs-1", "cfg-1/dcs-2", "cfg-1/dcs-3", "cfg-1/dcs-4");
		assertThat(held("dcs-1").path("status").asString()).isEqualTo("nonCompliant");
		assertThat(held("dcs-1").path("lastReportedDateTime").asString()).isEqualTo("2026-11-27T08:00:00Z");
		assertThat(held("dcs-2").path("status").asString()).isEqualTo("notApplicable");
		assertThat(held("dcs-3").path("status").asString()).isEqualTo("notAssigned");
		assertThat(held("dcs-4").path("status").asString()).isEqualTo("compliant");
		assertThat(held("dcs-1").toString()).as("the ignored notes were not sent").doesNotContain("Adele");
	}

	@Nested
	class Mapped {

		@Test
		void aPersonsHeadersMappedWithMapAreImported() {
			Path input = HeaderMappingTests.this.workspace.write("statuses.csv", PERSONS_CSV);

			CommandRun run = importInto(input, "--configuration-id", "cfg-1", "--map", "Device ID=id", "--map",
					"last reported=lastReportedDateTime", "--map", "NOTES=_notes");

			assertThat(run.exitCode()).as(run.output()).isZero();
			assertThat(HeaderMappingTests.this.graph.statuses()).hasSize(4);
			assertThePersonsRowsAreHeldInCanonicalForm();
		}

		@Test
		void oneMappingFileServesTheCsvAndTheNdjsonExport() throws Exception {
			Path mapping = HeaderMappingTests.this.workspace.write("mapping.csv",
					"\uFEFFheader,property\r\nDevice ID,id\r\nLast reported,lastReportedDateTime\r\nNotes,_\r\n");
			Path csv = HeaderMappingTests.this.workspace.write("statuses.csv", PERSONS_CSV);
			Path ndjson = HeaderMappingTests.this.workspace.write("more.ndjson",
					"{\"Device ID\":\"dcs-5\",\"Status\":\"Not compliant\",\"Last reported\":\"2026-11-28T10:00:00Z\","
							+ "\"Notes\":\"x\"}\n");

			CommandRun fromCsv = importInto(csv, "--configuration-id", "cfg-1", "--mapping", mapping.toString());
			CommandRun fromNdjson = importInto(ndjson, "--configuration-id", "cfg-1", "--mapping",
					mapping.toString());

			assertThat(fromCsv.exitCode()).as(fromCsv.output()).isZero();
			assertThat(fromNdjson.exitCode()).as(fromNdjson.output()).isZero();
			assertThat(held("dcs-5").path("status").asString()).isEqualTo("nonCompliant");
			assertThat(held("dcs-5").path("lastReportedDateTime").asString()).isEqualTo("2026-11-28T10:00:00Z");
			assertThat(HeaderMappingTests.this.graph.statuses()).hasSize(5);
			assertThePersonsRowsAreHeldInCanonicalForm();
		}

		@Test
		void aResumedRunWithAnotherMappingIsANewRunAndTheSameMappingResumes() {
			StringBuilder csv = new StringBuilder("Device ID,Status,Notes\n");
			for (int i = 1; i <= 30; i++) {
				csv.append("dcs-").append(i).append(',').append(i % 3 == 0 ? "wrong" : "Non-compliant").append(",n\n");
			}
			Path input = HeaderMappingTests.this.workspace.write("statuses.csv", csv.toString());
			String[] ignoreNotes = { "--configuration-id", "cfg-1", "--chunk-size", "5", "--max-failures", "1",
					"--map", "Device ID=id", "--map", "Notes=_" };

			CommandRun stopped = importInto(input, ignoreNotes);
			CommandRun otherReading = importInto(input, "--configuration-id", "cfg-1", "--chunk-size", "5",
					"--max-failures", "1", "--map", "Device ID=id", "--map", "Notes=deviceDisplayName");
			CommandRun sameReading = importInto(input, ignoreNotes);

			assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(2);
			assertThat(otherReading.exitCode()).as(otherReading.output()).isEqualTo(2);
			assertThat(otherReading.out()).doesNotContain("Resuming");
			assertThat(sameReading.out()).contains("Resuming run 1");
		}

	}

	@Nested
	class Refused {

		private Path input;

		@BeforeEach
		void input() {
			this.input = HeaderMappingTests.this.workspace.write("statuses.csv", PERSONS_CSV);
		}

		/** Each bad mapping: exit 3 with its message, before anything is read, sent or reported. */
		private String refused(String... args) {
			List<String> all = new java.util.ArrayList<>(List.of("--configuration-id", "cfg-1"));
			all.addAll(List.of(args));
			CommandRun run = importInto(this.input, all.toArray(String[]::new));
			assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
			assertThat(HeaderMappingTests.this.graph.requests()).isZero();
			assertThat(Workspace.reportOf(this.input)).doesNotExist();
			assertThat(run.err()).doesNotContain("Exception").endsWith("Run 'device-status-import import --help' for"
					+ " the options." + System.lineSeparator());
			return run.err();
		}

		@Test
		void aMapWithoutAnEqualsSign() {
			assertThat(refused("--map", "Device ID")).startsWith("device-status-import: --map 'Device ID' has no '=';"
					+ " write it as --map \"HEADER=property\"");
		}

		@Test
		void anUnknownPropertyListsTheAcceptedOnes() {
			assertThat(refused("--map", "Device ID=deviceId")).contains("--map \"Device ID=deviceId\": 'deviceId' is"
					+ " not a property; map a header to one of deviceConfigurationId, id, deviceDisplayName,");
		}

		@Test
		void twoHeadersMappedToOneProperty() {
			assertThat(refused("--map", "Device ID=id", "--map", "Serial=id"))
				.contains("the headers 'Device ID' (--map \"Device ID=id\") and 'Serial' are both mapped to id");
		}

		@Test
		void oneHeaderMappedToTwoProperties() {
			assertThat(refused("--map", "Device ID=id", "--map", "device id=deviceConfigurationId"))
				.contains("the header 'Device ID' is already mapped to id by --map \"Device ID=id\"");
		}

		@Test
		void aMissingMappingFile() {
			Path missing = HeaderMappingTests.this.dir.resolve("mapping.csv");
			assertThat(refused("--mapping", missing.toString())).contains("--mapping " + missing + " does not exist");
		}

		@Test
		void aMalformedMappingFileNamesItsLine() {
			Path mapping = HeaderMappingTests.this.workspace.write("mapping.csv", "Device ID,id\nLast reported\n");
			assertThat(refused("--mapping", mapping.toString()))
				.contains("--mapping " + mapping + ", line 2 has one cell 'Last reported'; each line is HEADER,property");
		}

		@Test
		void aMappingFileThatIsNotUtf8NamesItsLine() throws Exception {
			Path mapping = HeaderMappingTests.this.dir.resolve("mapping.csv");
			Files.write(mapping, "Device ID,id\nStatus,status\nGer\u00e4t,deviceDisplayName\n"
				.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
			assertThat(refused("--mapping", mapping.toString()))
				.contains("--mapping " + mapping + ", line 3, byte offset 30: 0xE4 is not valid UTF-8");
		}

		@Test
		void aReportNamedLikeTheMappingFileWouldReplaceIt() {
			Path mapping = HeaderMappingTests.this.workspace.write("mapping.csv", "Device ID,id\n");
			CommandRun run = importInto(this.input, "--configuration-id", "cfg-1", "--mapping", mapping.toString(),
					"--report", mapping.toString());
			assertThat(run.exitCode()).isEqualTo(3);
			assertThat(run.err()).contains("is the same file as --mapping");
			assertThat(mapping).hasContent("Device ID,id");
			assertThat(HeaderMappingTests.this.graph.requests()).isZero();
		}

	}

	@Nested
	class UnknownHeaders {

		/** "Last reported" is left unmapped; rows 3 and 4 have problems of their own. */
		static final String CSV = "id,Status,Last reported\n" + "dcs-1,compliant,2026-11-27T08:00:00Z\n"
				+ "dcs-2,wrong,2026-11-27T08:00:00Z\n" + "../x,compliant,\n" + "dcs-4,Non-compliant,\n";

		@Test
		void aRealRunStopsBeforeAnythingIsSentNamingTheColumnsAndHowToMapThem() {
			Path input = HeaderMappingTests.this.workspace.write("statuses.csv", CSV);

			CommandRun run = importInto(input, "--configuration-id", "cfg-1");

			assertThat(run.exitCode()).isEqualTo(3);
			String err = CommandRun.withoutTimes(run.err());
			assertThat(err).startsWith("device-status-import: " + input + ", line 1: unknown column 'Last"
					+ " reported' (lastReportedDateTime?). The header's columns are 'id', 'Status', 'Last reported'."
					+ " Map a column to a property with --map, for example --map \"Last reported=lastReportedDateTime\"");
			assertThat(run.out()).doesNotContain("rows read");
			assertThat(HeaderMappingTests.this.graph.requests()).isZero();
			assertThat(Workspace.reportOf(input)).doesNotExist();
		}

		@Test
		void aDryRunShowsTheHeaderProblemFirstThenChecksEveryRowAndEndsWithTheRealRunsExitCode() throws Exception {
			Path input = HeaderMappingTests.this.workspace.write("statuses.csv", CSV);
			Path summary = HeaderMappingTests.this.dir.resolve("summary.json");

			CommandRun run = importInto(input, "--configuration-id", "cfg-1", "--dry-run", "--summary-json",
					summary.toString());

			assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
			assertThat(HeaderMappingTests.this.graph.requests()).isZero();
			String headerProblem = "device-status-import: " + input + ", line 1: unknown column 'Last reported'";
			String err = CommandRun.withoutTimes(run.err());
			assertThat(err).as("the header's problem comes first").startsWith(headerProblem)
				.contains("A real run stops here; this dry run checks the rows all the same, without the columns it"
						+ " cannot use, and ends with exit code 3.");
			assertThat(err.lines().reduce((first, second) -> second).orElseThrow())
				.as("the last word says why the exit code is 3")
				.startsWith("device-status-import: the header of " + input + " (the first message above) stops a real"
						+ " run before anything is sent");
			assertThat(run.out()).contains("rows read      4")
				.contains("valid          2")
				.contains("failed         2  (invalid 2)")
				.contains("header         stops a real run before anything is sent")
				.contains("exit code      3");
			List<Map<String, String>> report = Workspace.readCsvRows(Workspace.reportOf(input));
			assertThat(report).extracting(r -> r.get("_line")).containsExactly("3", "4");
			assertThat(report.get(0).get("_message")).contains("'wrong' is not a compliance status");
			assertThat(report.get(1).get("_message")).contains("id: '../x'");
			assertThat(report.get(0)).as("the unknown column is kept for the fix").containsEntry("Last reported",
					"2026-11-27T08:00:00Z");
			JsonNode json = JsonMapper.builder().build().readTree(summary.toFile());
			assertThat(json.path("exitCode").asInt()).isEqualTo(3);
			assertThat(json.path("headerProblem").asString()).startsWith(input + ", line 1: unknown column");
		}

		@Test
		void aDryRunWhoseRowsAreAllValidStillEndsWithExitCode3() {
			Path input = HeaderMappingTests.this.workspace.write("statuses.csv",
					"id,Status,Colour\ndcs-1,compliant,red\n");

			CommandRun run = importInto(input, "--configuration-id", "cfg-1", "--dry-run");

			assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
			assertThat(run.out()).contains("valid          1");
			assertThat(Workspace.readCsv(Workspace.reportOf(input))).as("a header only").hasSize(1);
		}

		@Test
		void theSameDryRunWithTheColumnMappedIsClean() {
			Path input = HeaderMappingTests.this.workspace.write("statuses.csv",
					"id,Status,Colour\ndcs-1,Not Applicable,red\n");

			CommandRun run = importInto(input, "--configuration-id", "cfg-1", "--dry-run", "--map", "Colour=_");

			assertThat(run.exitCode()).as(run.output()).isZero();
			assertThat(run.err()).isEmpty();
		}

	}

}
