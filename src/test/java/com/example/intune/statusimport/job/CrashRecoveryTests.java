package com.example.intune.statusimport.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import com.example.intune.statusimport.simulator.GraphSimulator;
import com.example.intune.statusimport.simulator.SimulatorSettings;
import com.example.intune.statusimport.support.CommandRun;
import com.example.intune.statusimport.support.ForkedImport;
import com.example.intune.statusimport.support.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run killed in the middle, then the same command: everything applied, nothing lost, each failure reported once.
 * The import runs in a forked JVM so that it can be killed for real.
 */
class CrashRecoveryTests {

	private static final int ROWS = 400;

	@TempDir
	protected Path dir;

	private GraphSimulator simulator;

	@AfterEach
	void stopSimulator() {
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	/** Where the runs keep their state: an H2 file here, a PostgreSQL database in CrashRecoveryOnPostgresTests. */
	protected Workspace workspace() {
		return new Workspace(this.dir);
	}

	/** Every tenth row is invalid and every ninth id is unknown to Graph: failures all through the file. */
	private Path input(Workspace workspace) {
		StringBuilder csv = new StringBuilder("deviceConfigurationId,id,deviceDisplayName,status\n");
		for (int i = 1; i <= ROWS; i++) {
			csv.append("cfg-1,dcs-").append(i).append(",LAPTOP-").append(i).append(',')
				.append(i % 10 == 0 ? "not-a-status" : "compliant")
				.append('\n');
		}
		return workspace.write("statuses.csv", csv.toString());
	}

	private long writesSoFar() {
		return this.simulator.writes().values().stream().mapToLong(Long::longValue).sum();
	}

	private static Set<String> knownIds() {
		return IntStream.rangeClosed(1, ROWS).filter(i -> i % 9 != 0).mapToObj(i -> "dcs-" + i).collect(Collectors.toSet());
	}

	private static void awaitAtLeast(LongSupplier count, long wanted, ForkedImport run) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (count.getAsLong() < wanted) {
			if (!run.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("the import did not get far enough:\n" + run.output());
			}
			Thread.sleep(20);
		}
	}

	/** The rows that fail, by id: every tenth is invalid, every ninth unknown to Graph. */
	private static List<String> failingIds() {
		return IntStream.rangeClosed(1, ROWS).filter(i -> i % 10 == 0 || i % 9 == 0).mapToObj(i -> "dcs-" + i).toList();
	}

	private void assertEverythingAppliedAndEachFailureReportedOnce(Path input) {
		for (int i = 1; i <= ROWS; i++) {
			boolean applies = i % 10 != 0 && i % 9 != 0;
			assertThat(this.simulator.statuses().containsKey("cfg-1/dcs-" + i)).as("dcs-" + i + " applied")
				.isEqualTo(applies);
		}
		assertThat(this.simulator.statuses().get("cfg-1/dcs-399").path("deviceDisplayName").asString())
			.isEqualTo("LAPTOP-399");
		// the resumed run wrote on in the report its first start named, and the copy for scripts is that report
		assertThat(Workspace.runReportsOf(input)).hasSize(1);
		assertThat(Workspace.reportOf(input)).hasSameBinaryContentAs(Workspace.runReportsOf(input).get(0));
		assertThat(Workspace.runSummariesOf(input)).hasSize(1);
		List<Map<String, String>> report = Workspace.readCsvRows(Workspace.reportOf(input));
		assertThat(report).extracting(row -> row.get("id")).containsExactlyElementsOf(failingIds());
		assertThat(report).filteredOn(row -> row.get("_error").equals("not_found")).hasSize(ROWS / 9 - ROWS / 90);
		assertThat(rollbackIds(input)).as("each applied row undone once, and no row that failed")
			.containsExactlyElementsOf(IntStream.rangeClosed(1, ROWS)
				.filter(i -> i % 10 != 0 && i % 9 != 0)
				.mapToObj(i -> "dcs-" + i)
				.toList());
	}

	/** The ids of the rollback file's rows: there is one, which the resumed run went on with under its first name. */
	private static List<String> rollbackIds(Path input) {
		return Workspace.readCsvRows(rollbackFileOf(input)).stream().map(row -> row.get("id")).toList();
	}

	/** The one rollback file next to {@code input} (a CSV), under the default name its first run chose. */
	private static Path rollbackFileOf(Path input) {
		String name = input.getFileName().toString().replaceFirst("\\.csv$", "");
		try (Stream<Path> files = Files.list(input.getParent())) {
			List<Path> found = files
				.filter(file -> file.getFileName().toString().matches(name + "\\.rollback-\\d{8}T\\d{6}Z\\.csv"))
				.toList();
			assertThat(found).as("the rollback files").hasSize(1);
			return found.get(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Each row was written once, except the rows of the chunks that had not committed when the run died, which the
	 * resumed run sent again; invalid rows, and rows whose status Graph does not hold, were never written.
	 */
	private void assertWrittenOnceExceptInChunks(int firstUncommitted, int lastUncommitted) {
		Map<String, Long> writes = this.simulator.writes();
		for (int i = 1; i <= ROWS; i++) {
			long count = writes.getOrDefault("cfg-1/dcs-" + i, 0L);
			if (i % 10 == 0 || i % 9 == 0) {
				assertThat(count).as("dcs-" + i + ", invalid or a status Graph does not hold, is never sent").isZero();
			}
			else if (i >= firstUncommitted && i <= lastUncommitted) {
				assertThat(count).as("dcs-" + i + " of a chunk that never committed").isBetween(1L, 2L);
			}
			else {
				assertThat(count).as("dcs-" + i + " of a committed chunk is sent once").isOne();
			}
		}
	}

	@Test
	void killedWithSigkillThenTheSameCommandCompletesTheRun() throws Exception {
		Workspace workspace = workspace();
		this.simulator = GraphSimulator
			.start(SimulatorSettings.healthy().withKnownIds(knownIds()).withLatency(Duration.ofMillis(20)));
		Path input = input(workspace);

		ForkedImport crashed = ForkedImport.start(workspace, this.simulator.graphUrl(), input, "--chunk-size", "25");
		awaitAtLeast(this.simulator::requests, 120, crashed);
		crashed.kill();
		long writtenBeforeCrash = this.simulator.writes().size();

		CommandRun resumed = workspace.importInto(this.simulator, input, "--chunk-size", "25");

		assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(1);
		assertThat(resumed.out()).contains("Recovered run 1").contains("Resuming run 1");
		assertEverythingAppliedAndEachFailureReportedOnce(input);
		// the chunk in flight when the run died may be sent again: it is the one that holds the last row written
		// 72 rows in 90 are written: not the invalid tenth, nor the ninth Graph does not hold
		int inFlight = (int) ((writtenBeforeCrash * 90 / 72 - 1) / 25);
		assertWrittenOnceExceptInChunks(Math.max(1, inFlight * 25 - 24), inFlight * 25 + 50);

		// on record: the killed run with no exit code of ours, and the run that resumed it, which says so
		CommandRun runs = CommandRun.run(workspace.environment(Map.of()), "runs", "--json", "--job-store",
				workspace.jobStoreOption());
		assertThat(runs.exitCode()).as(runs.output()).isZero();
		JsonNode record = tools.jackson.databind.json.JsonMapper.builder().build().readTree(runs.out());
		assertThat(record).hasSize(2);
		assertThat(record.get(0).path("resumedRunId").asLong()).isEqualTo(record.get(1).path("runId").asLong());
		assertThat(record.get(0).path("exitCode").asInt()).isEqualTo(1);
		assertThat(record.get(1).path("exitCode").isNull()).isTrue();
		assertThat(record.get(0).path("report").asString()).isEqualTo(record.get(1).path("report").asString())
			.isEqualTo(Workspace.runReportsOf(input).get(0).toString());

		// every row Graph confirmed, also just before the kill, is known as applied: a new run sends none of them
		long appliedBefore = writesSoFar();
		CommandRun nextNight = workspace.importInto(this.simulator, input, "--chunk-size", "25");
		assertThat(nextNight.out()).contains("unchanged      " + this.simulator.statuses().size());
		assertThat(writesSoFar()).isEqualTo(appliedBefore);
	}

	/**
	 * Graph holds the statuses of the file, and a share of them drifted since; the run is killed while the requests of
	 * its first chunk are in flight, before anything committed. The resumed run finds the statuses the killed run
	 * changed already as the file sets them, and sends nothing for them: only the rows the killed run was sending
	 * tell what they replaced.
	 */
	@Test
	void killedWhileItsFirstChunkWasSentTheRollbackFileStillUndoesEveryStatusTheRunChanged() throws Exception {
		Workspace workspace = workspace();
		this.simulator = GraphSimulator.start(SimulatorSettings.healthy().withLatency(Duration.ofMillis(20)));
		StringBuilder csv = new StringBuilder("deviceConfigurationId,id,deviceDisplayName,status,lastReportedDateTime\n");
		for (int i = 1; i <= ROWS; i++) {
			csv.append("cfg-1,dcs-").append(i).append(",LAPTOP-").append(i).append(',')
				.append(i % 2 == 0 ? "compliant" : "nonCompliant")
				.append(",2026-11-0").append(i % 9 + 1).append("T08:30:00Z\n");
		}
		Path input = workspace.write("drifted.csv", csv.toString());
		this.simulator.hold(input);
		Set<String> drifted = Set.copyOf(this.simulator.drift(0.5));
		Map<String, JsonNode> beforeTheRun = this.simulator.statuses();

		// one chunk: nothing commits before the kill
		ForkedImport crashed = ForkedImport.start(workspace, this.simulator.graphUrl(), input, "--chunk-size",
				String.valueOf(ROWS));
		awaitAtLeast(this.simulator::writeCount, 20, crashed);
		crashed.kill();
		assertThat(this.simulator.writeCount()).as("killed while its requests were in flight")
			.isLessThan(drifted.size());

		CommandRun resumed = workspace.importInto(this.simulator, input, "--chunk-size", String.valueOf(ROWS));

		assertThat(resumed.exitCode()).as(resumed.output()).isZero();
		assertThat(resumed.out()).contains("Resuming run 1");
		assertThat(this.simulator.writes()).as("each drifted status written once, by one run or the other")
			.containsOnlyKeys(drifted)
			.allSatisfy((key, count) -> assertThat(count).isOne());
		Path rollback = rollbackFileOf(input);
		assertThat(Workspace.readCsvRows(rollback)).as("one rollback row for each status the run changed")
			.extracting(row -> row.get("deviceConfigurationId") + "/" + row.get("id"))
			.containsExactlyInAnyOrderElementsOf(drifted);
		assertThat(this.dir.toFile().list()).as("nothing is left in flight").noneMatch(name -> name.endsWith(".pending"));

		CommandRun undone = workspace.importInto(this.simulator, rollback);

		assertThat(undone.exitCode()).as(undone.output()).isZero();
		assertThat(this.simulator.statuses()).as("Graph holds again what it held before the run")
			.isEqualTo(beforeTheRun);
		assertThat(resumed.out()).as("the rows the killed run applied are counted applied, as their rollback rows are")
			.contains("applied        " + drifted.size())
			.contains("unchanged      " + (ROWS - drifted.size()));
	}

	@Test
	void sigtermStopsWithExitCode4AndTheSameCommandResumes() throws Exception {
		Workspace workspace = workspace();
		this.simulator = GraphSimulator
			.start(SimulatorSettings.healthy().withKnownIds(knownIds()).withLatency(Duration.ofMillis(20)));
		Path input = input(workspace);

		ForkedImport interrupted = ForkedImport.start(workspace, this.simulator.graphUrl(), input, "--chunk-size",
				"25");
		awaitAtLeast(this.simulator::requests, 120, interrupted);
		int exitCode = interrupted.terminate();

		assertThat(exitCode).as(interrupted.output()).isEqualTo(4);
		assertThat(interrupted.output()).contains("interrupted").contains("Run the same command to resume");

		CommandRun resumed = workspace.importInto(this.simulator, input, "--chunk-size", "25");

		assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(1);
		assertThat(resumed.out()).contains("Resuming run 1").doesNotContain("Recovered");
		assertEverythingAppliedAndEachFailureReportedOnce(input);
	}

	@Test
	void killedAfterAChunkWroteItsReportRowsButBeforeItCommittedEachFailureIsReportedOnce() throws Exception {
		Workspace workspace = workspace();
		this.simulator = GraphSimulator.start(SimulatorSettings.healthy().withKnownIds(knownIds()));
		Path input = input(workspace);
		Path paused = this.dir.resolve("paused-before-commit");

		// the fifth chunk (rows 101 to 125) has written its failures to the report but not committed them
		ForkedImport crashed = ForkedImport.start(workspace, this.simulator.graphUrl(), input,
				List.of("-Ddevice-status-import.test.pause-before-commit=" + paused + ":5"), "--chunk-size", "25");
		crashed.awaitFile(paused);
		// the run's own report: the copy of the newest is made when a run ends
		assertThat(Workspace.readCsvRows(Workspace.runReportsOf(input).get(0))).extracting(row -> row.get("id"))
			.as("the uncommitted chunk's failures reached the disk")
			.contains("dcs-108", "dcs-110", "dcs-117", "dcs-120");
		assertThat(rollbackIds(input)).as("so did its rollback rows").contains("dcs-101", "dcs-125");
		crashed.kill();

		CommandRun resumed = workspace.importInto(this.simulator, input, "--chunk-size", "25");

		assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(1);
		assertThat(resumed.out()).contains("Resuming run 1 of statuses.csv: 100 rows were done before");
		assertEverythingAppliedAndEachFailureReportedOnce(input);
		assertWrittenOnceExceptInChunks(101, 125);
		assertThat(this.simulator.writes().get("cfg-1/dcs-101"))
			.as("Graph already held what the uncommitted chunk sent: the resumed run read it and sent nothing again")
			.isEqualTo(1);
	}

	@Test
	void aSecondProcessOnTheSameJobStoreStopsAtOnceWhileTheFirstRuns() throws Exception {
		Workspace workspace = workspace();
		this.simulator = GraphSimulator.start(SimulatorSettings.healthy().withKnownIds(knownIds()));
		Path input = input(workspace);
		Path paused = this.dir.resolve("first-process-running");
		ForkedImport first = ForkedImport.start(workspace, this.simulator.graphUrl(), input,
				List.of("-Ddevice-status-import.test.pause-before-commit=" + paused + ":1"), "--chunk-size", "25");
		first.awaitFile(paused);

		CommandRun second = workspace.importInto(this.simulator, input, "--chunk-size", "25");
		first.kill();

		assertThat(second.exitCode()).as("a scheduler may retry it").isEqualTo(6);
		assertThat(second.err()).contains("another import is running on the job store");
		assertThat(this.simulator.writes().values()).as("the second process sent nothing").allMatch(count -> count == 1);
	}

}
