package com.example.intune.statusimport.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * Spending the quota well: rows Graph already holds are not sent again, requests run concurrently but joined per
 * chunk, and the progress display and the JSON summary tell people and schedulers what happened.
 */
class QuotaAndChangesTests {

	@TempDir
	Path dir;

	Workspace workspace;

	GraphSimulator simulator;

	@BeforeEach
	void setUp() {
		this.workspace = new Workspace(this.dir);
	}

	@AfterEach
	void stop() {
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	private static String rows(int count, int changedRow) {
		StringBuilder csv = new StringBuilder("deviceConfigurationId,id,deviceDisplayName,status\n");
		for (int i = 1; i <= count; i++) {
			csv.append("cfg-1,dcs-").append(i).append(",LAPTOP-").append(i).append(i == changedRow ? "-NEW" : "")
				.append(",compliant\n");
		}
		return csv.toString();
	}

	private long patches() {
		return this.simulator.writes().values().stream().mapToLong(Long::longValue).sum();
	}

	@Test
	void rowsGraphAlreadyConfirmedAreNotSentAgainUnlessForced() {
		this.simulator = GraphSimulator.start(SimulatorSettings.healthy());
		Path input = this.workspace.write("nightly.csv", rows(50, 0));
		assertThat(this.workspace.importInto(this.simulator, input).exitCode()).isZero();
		assertThat(patches()).isEqualTo(50);

		CommandRun unchanged = this.workspace.importInto(this.simulator, input);

		assertThat(unchanged.exitCode()).as(unchanged.output()).isZero();
		assertThat(patches()).as("nothing sent for an unchanged file").isEqualTo(50);
		assertThat(unchanged.out()).contains("unchanged      50");

		Path nextNight = this.workspace.write("nightly.csv", rows(50, 17));
		CommandRun oneChanged = this.workspace.importInto(this.simulator, nextNight);

		assertThat(oneChanged.exitCode()).isZero();
		assertThat(patches()).as("only the changed row is sent").isEqualTo(51);
		assertThat(this.simulator.statuses().get("cfg-1/dcs-17").path("deviceDisplayName").asString())
			.isEqualTo("LAPTOP-17-NEW");

		CommandRun dryRun = this.workspace.importInto(this.simulator, nextNight, "--dry-run", "--compare", "recorded");
		assertThat(dryRun.out()).contains("unchanged      50 (would not be sent");

		CommandRun forced = this.workspace.importInto(this.simulator, nextNight, "--force");
		assertThat(forced.exitCode()).isZero();
		assertThat(patches()).isEqualTo(101);

		CommandRun stale = this.workspace.importInto(this.simulator, nextNight, "--compare", "recorded",
				"--resend-older-than", "0s");
		assertThat(stale.exitCode()).isZero();
		assertThat(patches()).isEqualTo(151);
	}

	@Test
	void rowsGraphRefusedAreNotRememberedAsApplied() {
		this.simulator = GraphSimulator.start(SimulatorSettings.healthy().withKnownIds(Set.of("dcs-1", "dcs-2")));
		Path input = this.workspace.write("nightly.csv", rows(3, 0));
		assertThat(this.workspace.importInto(this.simulator, input).exitCode()).isEqualTo(1);

		CommandRun again = this.workspace.importInto(this.simulator, input);

		assertThat(again.exitCode()).isEqualTo(1);
		assertThat(again.out()).contains("unchanged      2");
		assertThat(this.simulator.answers()).containsEntry(404, 2L);
	}

	@Test
	void requestsRunConcurrentlyUpToTheLimitAndTheReportKeepsRowOrder() {
		this.simulator = GraphSimulator
			.start(SimulatorSettings.healthy().withLatency(Duration.ofMillis(40)).withKnownIds(Set.of("dcs-1", "dcs-3",
					"dcs-5", "dcs-7", "dcs-9", "dcs-11", "dcs-13", "dcs-15", "dcs-17", "dcs-19")));
		Path input = this.workspace.write("nightly.csv", rows(20, 0));

		CommandRun run = this.workspace.importInto(this.simulator, input, "--concurrency", "3", "--chunk-size", "10");

		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(this.simulator.maxInFlight()).isBetween(2, 3);
		assertThat(Workspace.readCsvRows(Workspace.reportOf(input))).extracting(row -> row.get("id"))
			.containsExactly("dcs-2", "dcs-4", "dcs-6", "dcs-8", "dcs-10", "dcs-12", "dcs-14", "dcs-16", "dcs-18",
					"dcs-20");
	}

	@Test
	void progressIsOnePlainLinePerIntervalInALogAndALiveBarOnATerminal() {
		this.simulator = GraphSimulator.start(SimulatorSettings.healthy().withLatency(Duration.ofMillis(20)));
		Path input = this.workspace.write("nightly.csv", rows(60, 0));

		CommandRun lines = this.workspace.importInto(this.simulator, input, "--progress", "lines",
				"--progress-interval", "200ms", "--concurrency", "1");
		CommandRun bar = this.workspace.importInto(this.simulator, input, "--progress", "bar", "--force",
				"--concurrency", "1");

		assertThat(lines.out()).containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ progress: \\[[#.]{24}\\]"
				+ " [\\d,]+ of 60 rows \\([\\d.]+%\\), [\\d.,]+ rows/s");
		assertThat(lines.out()).doesNotContain("\r");
		assertThat(bar.out()).contains("\r[").contains(" of 60 rows").doesNotContain("progress:");
	}

	@Test
	void theSummaryCanBeWrittenAsJsonForASchedulder() throws Exception {
		this.simulator = GraphSimulator.start(SimulatorSettings.healthy());
		Path input = this.workspace.write("nightly.csv", rows(5, 0) + "cfg-1,dcs-9,X,wrong\n");
		Path summary = this.dir.resolve("out/summary.json");

		CommandRun run = this.workspace.importInto(this.simulator, input, "--summary-json", summary.toString());

		assertThat(run.exitCode()).isEqualTo(1);
		JsonNode json = JsonMapper.builder().build().readTree(Files.readString(summary));
		assertThat(json.path("exitCode").asInt()).isEqualTo(1);
		assertThat(json.path("rows").asLong()).isEqualTo(6);
		assertThat(json.path("applied").asLong()).isEqualTo(5);
		assertThat(json.path("failedByCategory").path("invalid").asLong()).isEqualTo(1);
		// one list page, then the five valid rows read one by one (the simulator's list holds only what was written)
		assertThat(json.path("reads").asLong()).isEqualTo(6);
		assertThat(json.path("requests").asLong()).isEqualTo(11);
		assertThat(json.path("compare").asString()).isEqualTo("live");
		assertThat(json.has("elapsedSeconds")).isTrue();
		assertThat(json.has("throttleWaitSeconds")).isTrue();
	}

	@Test
	void theSummaryNamesTheMostFrequentFailuresAddedUpAcrossAResumedRun() throws Exception {
		this.simulator = GraphSimulator.start(SimulatorSettings.healthy());
		StringBuilder csv = new StringBuilder("deviceConfigurationId,id,status,lastReportedDateTime\n");
		for (int i = 1; i <= 40; i++) {
			csv.append("cfg-1,dcs-").append(i).append(i <= 30 ? ",nope-" + i + "," : ",compliant,31/12/2026")
				.append('\n');
		}
		Path input = this.workspace.write("people.csv", csv.toString());
		Path summary = this.dir.resolve("summary.json");
		CommandRun stopped = this.workspace.importInto(this.simulator, input, "--chunk-size", "10", "--max-failures",
				"5", "--summary-json", summary.toString());
		assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(2);

		CommandRun resumed = this.workspace.importInto(this.simulator, input, "--chunk-size", "10", "--max-failures",
				"100", "--summary-json", summary.toString());

		assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(1);
		assertThat(resumed.out()).contains("Resuming run 1");
		JsonNode top = JsonMapper.builder().build().readTree(Files.readString(summary)).path("topMessages");
		assertThat(top.size()).isEqualTo(2);
		assertThat(top.get(0).path("category").asString()).isEqualTo("invalid");
		assertThat(top.get(0).path("count").asLong()).as("10 before the stop, 20 after it").isEqualTo(30);
		assertThat(top.get(0).path("message").asString()).startsWith("status: '…' is not");
		assertThat(top.get(0).path("example").asString()).startsWith("status: 'nope-1' is not");
		assertThat(top.get(1).path("count").asLong()).isEqualTo(10);
		assertThat(top.get(1).path("example").asString()).contains("'31/12/2026'");
	}

	@Test
	void resendOlderThanSendsOnlyTheRowsWhoseLastConfirmedWriteIsOlder() throws Exception {
		this.simulator = GraphSimulator.start(SimulatorSettings.healthy());
		Path input = this.workspace.write("nightly.csv", rows(10, 0));
		assertThat(this.workspace.importInto(this.simulator, input).exitCode()).isZero();
		// rows 1 to 4 were confirmed two hours ago, the others just now
		try (java.sql.Connection store = java.sql.DriverManager.getConnection("jdbc:h2:file:"
				+ this.workspace.jobStore(), "sa", "")) {
			store.createStatement().executeUpdate("UPDATE DSI_APPLIED_STATUS SET APPLIED_AT = DATEADD(HOUR, -2,"
					+ " APPLIED_AT) WHERE STATUS_ID IN ('dcs-1', 'dcs-2', 'dcs-3', 'dcs-4')");
		}

		CommandRun run = this.workspace.importInto(this.simulator, input, "--compare", "recorded",
				"--resend-older-than", "1h");

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.out()).contains("applied        4").contains("unchanged      6");
		assertThat(this.simulator.writes()).containsEntry("cfg-1/dcs-1", 2L).containsEntry("cfg-1/dcs-4", 2L)
			.containsEntry("cfg-1/dcs-5", 1L).containsEntry("cfg-1/dcs-10", 1L);
	}

	@Test
	void retriesAndEachRequestOfABatchTakeTheirWriteSlots() {
		// Graph allows 20 writes a second and the job is told 15, one batch of slack for a request that arrives late;
		// a third of the writes meet a 5xx and are sent again: retries without slots would make about 23 a second
		this.simulator = GraphSimulator.start(SimulatorSettings.healthy()
			.withQuota(20, Duration.ofSeconds(1))
			.withFaults(0, 0, Duration.ZERO, 0.35, 0));
		Path input = this.workspace.write("nightly.csv", rows(60, 0));

		CommandRun run = this.workspace.importPaced(this.simulator.graphUrl(), input, "--batch-size", "5",
				"--concurrency", "4", "--rate", "15/1s");

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(this.simulator.statuses()).hasSize(60);
		assertThat(run.out()).doesNotContain("of which 0 retries");
		assertThat(this.simulator.answers()).as("the quota was never passed").doesNotContainKey(429);
	}

}
