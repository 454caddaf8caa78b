package com.example.intune.statusimport.cli;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.intune.statusimport.simulator.GraphSimulator;
import com.example.intune.statusimport.simulator.SimulatorSettings;
import com.example.intune.statusimport.support.CommandRun;
import com.example.intune.statusimport.support.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import command end to end: the real job, its H2 job store and report, against the Graph simulator on
 * loopback. Each test asserts what a user cares about: what Graph ends up holding, what the report says, and the
 * exit code.
 */
class ImportCommandTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final String HEADER = "deviceConfigurationId,id,deviceDisplayName,status,lastReportedDateTime,userPrincipalName,_note";

	@TempDir
	Path dir;

	Workspace workspace;

	GraphSimulator simulator;

	@BeforeEach
	void setUp() {
		this.workspace = new Workspace(this.dir);
	}

	@AfterEach
	void stopSimulator() {
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	private GraphSimulator simulator(SimulatorSettings settings) {
		this.simulator = GraphSimulator.start(settings);
		return this.simulator;
	}

	private static String validRows(int count) {
		StringBuilder csv = new StringBuilder(HEADER).append('\n');
		for (int i = 1; i <= count; i++) {
			csv.append("cfg-1,dcs-").append(i).append(",LAPTOP-").append(i).append(",compliant,2026-11-27T08:00:00Z,user")
				.append(i)
				.append("@contoso.com,\n");
		}
		return csv.toString();
	}

	@Nested
	class Csv {

		@Test
		void validRowsAreAppliedAndBadRowsReportedWithTheirLines() {
			GraphSimulator graph = simulator(SimulatorSettings.healthy().withToken(Workspace.TOKEN));
			Path input = ImportCommandTests.this.workspace.write("statuses.csv", HEADER + "\n"
					+ "cfg-1,dcs-1,LAPTOP-1,noncompliant,2026-11-27T08:00:00Z,a@contoso.com,\n"
					+ "cfg-1,dcs-2,\"LAPTOP, two\",compliantt,,,misspelt\n"
					+ "cfg-1,../../users/x,LAPTOP-3,compliant,,,path\n"
					+ "cfg-1,dcs-1,LAPTOP-1b,error,,,duplicate\n"
					+ "cfg-1,dcs-4,=HYPERLINK(\"x\"),compliant,,Lee Gu@contoso,formula\n"
					+ "cfg-2,dcs-5,\"multi\r\nline\",error,,,control character\n"
					+ "cfg-2,dcs-6,,remediated,2026-11-27T08:00:00+01:00,,\n"
					+ "cfg-2,dcs-7,LAPTOP-7,compliant,,,,too many\n");

			CommandRun run = ImportCommandTests.this.workspace.importInto(graph, input);

			assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
			assertThat(graph.statuses()).containsOnlyKeys("cfg-1/dcs-1", "cfg-2/dcs-6");
			JsonNode first = graph.statuses().get("cfg-1/dcs-1");
			assertThat(first.path("status").asString()).isEqualTo("nonCompliant");
			assertThat(first.path("deviceDisplayName").asString()).isEqualTo("LAPTOP-1");
			assertThat(first.path("userPrincipalName").asString()).isEqualTo("a@contoso.com");
			assertThat(graph.lastPatch("cfg-2/dcs-6").has("deviceDisplayName")).isFalse();

			Path report = Workspace.reportOf(input);
			List<String[]> cells = Workspace.readCsv(report);
			assertThat(cells.get(0)).containsExactly("deviceConfigurationId", "id", "deviceDisplayName", "status",
					"lastReportedDateTime", "userPrincipalName", "_note", "_line", "_error", "_message",
					"_http_status", "_graph_code", "_request_id", "_client_request_id", "_attempts");
			List<Map<String, String>> rows = Workspace.readCsvRows(report);
			assertThat(rows).extracting(r -> r.get("_line") + " " + r.get("_error"))
				.containsExactly("3 invalid", "4 invalid", "5 duplicate", "6 invalid", "7 invalid", "10 malformed");
			assertThat(rows.get(0).get("_message")).contains("'compliantt' is not a compliance status");
			assertThat(rows.get(0).get("deviceDisplayName")).isEqualTo("LAPTOP, two");
			assertThat(rows.get(2).get("_message")).contains("line 2 already updates cfg-1/dcs-1");
			assertThat(rows.get(3).get("deviceDisplayName")).isEqualTo("'=HYPERLINK(\"x\")");
			assertThat(rows.get(4).get("_message")).contains("control character");
			assertThat(run.out()).contains("rows read      8").contains("applied        2")
				.contains("failed         6  (invalid 4, malformed 1, duplicate 1)")
				.contains("report         " + Workspace.runReportsOf(input).get(0));
			assertThat(report).hasSameBinaryContentAs(Workspace.runReportsOf(input).get(0));
		}

		@Test
		void theReportIsItselfAValidInput() throws Exception {
			GraphSimulator graph = simulator(SimulatorSettings.healthy());
			Path input = ImportCommandTests.this.workspace.write("statuses.csv",
					HEADER + "\ncfg-1,dcs-1,-LAPTOP-1,compliantt,,,fix me\ncfg-1,dcs-2,LAPTOP-2,error,,,\n");
			assertThat(ImportCommandTests.this.workspace.importInto(graph, input).exitCode()).isEqualTo(1);
			Path report = Workspace.reportOf(input);
			assertThat(Files.readString(report)).contains("'-LAPTOP-1");

			Path fixed = ImportCommandTests.this.workspace.write("fixed.csv",
					Files.readString(report).replace("compliantt", "compliant"));
			CommandRun rerun = ImportCommandTests.this.workspace.importInto(graph, fixed);

			assertThat(rerun.exitCode()).as(rerun.output()).isZero();
			assertThat(graph.statuses().get("cfg-1/dcs-1").path("deviceDisplayName").asString()).isEqualTo("-LAPTOP-1");
			assertThat(Workspace.readCsv(Workspace.reportOf(fixed))).hasSize(1);
			assertThat(Workspace.readCsv(Workspace.reportOf(fixed)).get(0)).containsSequence("_note", "_line");
		}

		@Test
		void anUnknownColumnStopsTheRunBeforeAnythingIsSent() {
			GraphSimulator graph = simulator(SimulatorSettings.healthy());
			Path input = ImportCommandTests.this.workspace.write("statuses.csv", "id,stauts\ndcs-1,compliant\n");

			CommandRun run = ImportCommandTests.this.workspace.importInto(graph, input);

			assertThat(run.exitCode()).isEqualTo(3);
			assertThat(run.err()).contains("statuses.csv, line 1: unknown column 'stauts' (status?)")
				.contains("--map \"stauts=status\"")
				.contains("Properties (letter case and spaces ignored): deviceConfigurationId")
				.doesNotContain("Exception");
			assertThat(graph.requests()).isZero();
			assertThat(Workspace.reportOf(input)).doesNotExist();
		}

		@Test
		void theBundledSampleGivesTheDocumentedResult() throws Exception {
			GraphSimulator graph = simulator(SimulatorSettings.healthy());
			Path input = ImportCommandTests.this.workspace.write("sample.csv",
					Files.readString(Path.of("samples/device-statuses.csv")));

			CommandRun run = ImportCommandTests.this.workspace.importInto(graph, input);

			assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
			assertThat(graph.statuses()).hasSize(9);
			assertThat(Workspace.readCsvRows(Workspace.reportOf(input))).extracting(r -> r.get("_error"))
				.containsExactly("invalid", "invalid", "invalid", "duplicate", "invalid", "invalid", "malformed");
		}

	}

	@Nested
	class Ndjson {

		@Test
		void validLinesAreAppliedNullClearsAndBadLinesAreReported() throws Exception {
			GraphSimulator graph = simulator(SimulatorSettings.healthy());
			Path input = ImportCommandTests.this.workspace.write("statuses.ndjson", """
					{"deviceConfigurationId":"cfg-1","id":"dcs-1","status":"COMPLIANT","userName":"Adele"}
					{"deviceConfigurationId":"cfg-1","id":"dcs-1","userName":null}

					{"deviceConfigurationId":"cfg-1","id":"dcs-2","stauts":"error"}
					not json at all
					{"id":"dcs-3","status":"error","_note":"uses --configuration-id"}
					{"deviceConfigurationId":"cfg-1","id":"dcs-4","userName":null,"deviceModel":"Surface"}
					""");

			CommandRun run = ImportCommandTests.this.workspace.importInto(graph, input, "--configuration-id", "cfg-9");

			assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
			assertThat(graph.statuses()).containsOnlyKeys("cfg-1/dcs-1", "cfg-9/dcs-3", "cfg-1/dcs-4");
			assertThat(graph.statuses().get("cfg-1/dcs-1").path("status").asString()).isEqualTo("compliant");
			JsonNode cleared = graph.lastPatch("cfg-1/dcs-4");
			assertThat(cleared.has("userName")).isTrue();
			assertThat(cleared.get("userName").isNull()).isTrue();

			List<JsonNode> report = Files.readAllLines(Workspace.reportOf(input))
				.stream()
				.map(line -> (JsonNode) JSON.readTree(line))
				.toList();
			assertThat(report).extracting(n -> n.path("_line").asLong() + " " + n.path("_error").asString())
				.containsExactly("2 duplicate", "4 invalid", "5 malformed");
			assertThat(report.get(1).path("stauts").asString()).isEqualTo("error");
			assertThat(report.get(1).path("_message").asString()).contains("unknown key 'stauts'");
			assertThat(report.get(2).path("_raw").asString()).isEqualTo("not json at all");
		}

	}

	@Nested
	class Faults {

		@Test
		void theFaultProfileLosesNoRowAndReportsNone() {
			GraphSimulator graph = simulator(SimulatorSettings.healthy()
				.withFaults(0.20, 0.25, Duration.ofMillis(50), 0.10, 0.02));
			Path input = ImportCommandTests.this.workspace.write("statuses.csv", validRows(300));

			// one request at a time, so that the simulator can tell a request sent during a wait from one in flight
			CommandRun run = ImportCommandTests.this.workspace.importInto(graph, input, "--concurrency", "1");

			assertThat(run.exitCode()).as(run.output()).isZero();
			assertThat(graph.statuses()).hasSize(300);
			assertThat(graph.statuses().get("cfg-1/dcs-300").path("deviceDisplayName").asString())
				.isEqualTo("LAPTOP-300");
			assertThat(graph.answers()).containsKeys(429, 200);
			assertThat(graph.dropped()).isPositive();
			assertThat(graph.earlyRequests()).as("requests sent while a Retry-After was running").isZero();
			assertThat(Workspace.readCsv(Workspace.reportOf(input))).hasSize(1);
		}

		@Test
		void theFaultProfileWithConcurrentRequestsLosesNoRow() {
			GraphSimulator graph = simulator(SimulatorSettings.healthy()
				.withFaults(0.20, 0.25, Duration.ofMillis(50), 0.10, 0.02)
				.withLatency(Duration.ofMillis(5)));
			Path input = ImportCommandTests.this.workspace.write("statuses.csv", validRows(300));

			CommandRun run = ImportCommandTests.this.workspace.importInto(graph, input, "--concurrency", "8");

			assertThat(run.exitCode()).as(run.output()).isZero();
			assertThat(graph.statuses()).hasSize(300);
			assertThat(graph.maxInFlight()).isGreaterThan(1);
			assertThat(Workspace.readCsv(Workspace.reportOf(input))).hasSize(1);
		}

		@Test
		void theFaultProfileInJsonBatchesLosesNoRow() {
			GraphSimulator graph = simulator(SimulatorSettings.healthy()
				.withFaults(0.20, 0.25, Duration.ofMillis(50), 0.10, 0.02)
				.withKnownIds(java.util.stream.IntStream.rangeClosed(1, 300)
					.filter(i -> i != 150)
					.mapToObj(i -> "dcs-" + i)
					.collect(java.util.stream.Collectors.toSet())));
			Path input = ImportCommandTests.this.workspace.write("statuses.csv", validRows(300));

			CommandRun run = ImportCommandTests.this.workspace.importInto(graph, input, "--batch-size", "20");

			assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
			assertThat(graph.statuses()).hasSize(299);
			assertThat(graph.batches()).isGreaterThanOrEqualTo(15);
			assertThat(Workspace.readCsvRows(Workspace.reportOf(input))).extracting(r -> r.get("id") + " " + r.get("_error"))
				.containsExactly("dcs-150 not_found");
		}

		@Test
		void anUnknownIdIsReportedAsNotFoundWithGraphsIds() {
			GraphSimulator graph = simulator(SimulatorSettings.healthy().withKnownIds(Set.of("dcs-1", "cfg-1/dcs-3")));
			Path input = ImportCommandTests.this.workspace.write("statuses.csv", validRows(3));

			CommandRun run = ImportCommandTests.this.workspace.importInto(graph, input);

			assertThat(run.exitCode()).isEqualTo(1);
			List<Map<String, String>> rows = Workspace.readCsvRows(Workspace.reportOf(input));
			assertThat(rows).hasSize(1);
			Map<String, String> row = rows.get(0);
			assertThat(row.get("id")).isEqualTo("dcs-2");
			assertThat(row.get("_error")).isEqualTo("not_found");
			assertThat(row.get("_http_status")).isEqualTo("404");
			assertThat(row.get("_graph_code")).isEqualTo("ResourceNotFound");
			assertThat(row.get("_request_id")).matches("[0-9a-f-]{36}");
			assertThat(row.get("_client_request_id")).matches("[0-9a-f-]{36}");
			assertThat(row.get("_attempts")).isEqualTo("1");
		}

		@Test
		void aRejectedTokenStopsTheRunWithExitCode3() {
			GraphSimulator graph = simulator(SimulatorSettings.healthy().withToken("another-token"));
			Path input = ImportCommandTests.this.workspace.write("statuses.csv", validRows(50));

			CommandRun run = ImportCommandTests.this.workspace.importInto(graph, input);

			assertThat(run.exitCode()).isEqualTo(3);
			assertThat(run.err()).contains("Graph rejected the access token (401 InvalidAuthenticationToken");
			assertThat(graph.requests()).as("at most the requests already in flight").isBetween(1L, 4L);
			assertThat(run.output()).doesNotContain(Workspace.TOKEN);
		}

		@Test
		void graphUnreachableStopsTheRunWithExitCode3AndResumesLater() throws Exception {
			int closedPort;
			try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
				closedPort = socket.getLocalPort();
			}
			Path input = ImportCommandTests.this.workspace.write("statuses.csv", validRows(5));

			CommandRun run = ImportCommandTests.this.workspace.importInto("http://127.0.0.1:" + closedPort + "/v1.0",
					input, "--max-attempts", "3");

			assertThat(run.exitCode()).isEqualTo(3);
			assertThat(run.err()).contains("could not be reached").contains("run the same command again to resume");
		}

		@Test
		void passingMaxFailuresStopsWithExitCode2AndTheSameCommandResumes() {
			GraphSimulator graph = simulator(SimulatorSettings.healthy());
			StringBuilder csv = new StringBuilder(HEADER).append('\n');
			for (int i = 1; i <= 40; i++) {
				csv.append("cfg-1,dcs-").append(i).append(",X,").append(i % 4 == 0 ? "bad" : "compliant").append(",,,\n");
			}
			Path input = ImportCommandTests.this.workspace.write("statuses.csv", csv.toString());

			CommandRun stopped = ImportCommandTests.this.workspace.importInto(graph, input, "--max-failures", "2",
					"--chunk-size", "10");

			assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(2);
			assertThat(stopped.err()).contains("5 rows failed, more than --max-failures 2");
			assertThat(graph.statuses()).hasSize(8 + 7);

			CommandRun resumed = ImportCommandTests.this.workspace.importInto(graph, input, "--max-failures", "100",
					"--chunk-size", "10");

			assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(1);
			assertThat(resumed.out()).contains("Resuming run 1");
			assertThat(graph.statuses()).hasSize(30);
			assertThat(Workspace.readCsvRows(Workspace.reportOf(input))).extracting(r -> r.get("id"))
				.containsExactly("dcs-4", "dcs-8", "dcs-12", "dcs-16", "dcs-20", "dcs-24", "dcs-28", "dcs-32", "dcs-36",
						"dcs-40");
		}

	}

	@Nested
	class Runs {

		@Test
		void aDryRunSendsNothingAndReportsTheInvalidRows() {
			GraphSimulator graph = simulator(SimulatorSettings.healthy());
			Path input = ImportCommandTests.this.workspace.write("statuses.csv",
					validRows(3) + "cfg-1,dcs-9,X,wrong,,,\n");

			CommandRun run = ImportCommandTests.this.workspace.importInto(graph, input, "--dry-run");

			assertThat(run.exitCode()).isEqualTo(1);
			assertThat(graph.requests()).isZero();
			assertThat(run.out()).contains("valid          3").contains("nothing was sent");
			assertThat(Workspace.readCsvRows(Workspace.reportOf(input))).extracting(r -> r.get("_line"))
				.containsExactly("5");
		}

		@Test
		void aDryRunNeedsNoToken() {
			Path input = ImportCommandTests.this.workspace.write("statuses.csv", validRows(2));
			CommandRun run = CommandRun.run(Map.of(), "import", "--dry-run", "--job-store",
					ImportCommandTests.this.workspace.jobStore().toString(), input.toString());
			assertThat(run.exitCode()).as(run.output()).isZero();
		}

		@Test
		void withoutATokenTheRunDoesNotStart() {
			Path input = ImportCommandTests.this.workspace.write("statuses.csv", validRows(2));
			CommandRun run = CommandRun.run(Map.of(), "import", "--job-store",
					ImportCommandTests.this.workspace.jobStore().toString(), input.toString());
			assertThat(run.exitCode()).isEqualTo(3);
			assertThat(run.err()).contains("no credential").contains("GRAPH_ACCESS_TOKEN").contains("--tenant-id");
		}

		@Test
		void theSameCommandAfterACompletedRunStartsANewRun() {
			GraphSimulator graph = simulator(SimulatorSettings.healthy());
			Path input = ImportCommandTests.this.workspace.write("statuses.csv", validRows(4));

			assertThat(ImportCommandTests.this.workspace.importInto(graph, input).exitCode()).isZero();
			CommandRun again = ImportCommandTests.this.workspace.importInto(graph, input);

			assertThat(again.exitCode()).isZero();
			assertThat(again.out()).doesNotContain("Resuming").contains("rows read      4").contains("unchanged      4");
			assertThat(graph.writes().values().stream().mapToLong(Long::longValue).sum())
				.as("the new run found every row already applied")
				.isEqualTo(4);
		}

		@Test
		void aSecondProcessOnTheSameJobStoreStopsAtOnce() throws Exception {
			Path input = ImportCommandTests.this.workspace.write("statuses.csv", validRows(2));
			Path lockFile = ImportCommandTests.this.workspace.jobStore().resolveSibling("job-store.lock");
			Files.createDirectories(lockFile.getParent());
			try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
					FileLock held = channel.lock()) {
				CommandRun run = ImportCommandTests.this.workspace.importInto("http://127.0.0.1:9/v1.0", input);
				assertThat(run.exitCode()).as("a scheduler may retry it").isEqualTo(6);
				assertThat(run.err()).contains("another import is running on the job store");
			}
		}

		@Test
		void theTokenAppearsNowhere() {
			GraphSimulator graph = simulator(SimulatorSettings.healthy()
				.withToken(Workspace.TOKEN)
				.withKnownIds(Set.of("dcs-1"))
				.withFaults(0.2, 0.5, Duration.ofMillis(20), 0.1, 0.0));
			Path input = ImportCommandTests.this.workspace.write("statuses.csv", validRows(6) + "cfg-1,x/y,a,b,,,\n");

			CommandRun run = ImportCommandTests.this.workspace.importInto(graph, input);

			assertThat(run.exitCode()).isEqualTo(1);
			String everything = run.output() + ImportCommandTests.this.workspace.allFilesAsText();
			assertThat(everything).as("the job store, its saved contexts and the report were searched")
				.contains("input.sha256")
				.contains("\"counters.applied\"")
				.contains("_error");
			assertThat(everything).doesNotContain(Workspace.TOKEN);
		}

		@Test
		void theJobStoreIsTheOneGivenWhateverSpringSettingsLieAround() throws Exception {
			// a stray application.properties in the working folder, and Spring's own variable, must not move the
			// job store into memory, where a crash would lose what resuming needs
			Path folder = ImportCommandTests.this.workspace.write("elsewhere/application.properties",
					"spring.main.banner-mode=console\nspring.batch.jdbc.table-prefix=STRAY_\n"
							+ "spring.datasource.url=jdbc:h2:mem:not-the-job-store\n")
				.getParent();
			Path input = ImportCommandTests.this.workspace.write("statuses.csv", validRows(2));
			ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-cp", System.getProperty("java.class.path"), Main.class.getName(), "import", "--dry-run",
					"--job-store", ImportCommandTests.this.workspace.jobStore().toString(), input.toString())
				.directory(folder.toFile())
				.redirectErrorStream(true);
			command.environment().put("SPRING_DATASOURCE_URL", "jdbc:h2:mem:not-the-job-store-either");
			Process process = command.start();
			String output = new String(process.getInputStream().readAllBytes());
			assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

			assertThat(process.exitValue()).as(output).isZero();
			assertThat(output).doesNotContain("Spring Boot ::");
			assertThat(ImportCommandTests.this.workspace.jobStore().resolveSibling("job-store.mv.db")).exists();
		}

	}

}
