package com.example.intune.statusimport.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
	Path dir;

	private GraphSimulator simulator;

	@AfterEach
	void stopSimulator() {
		if (this.simulator != null) {
			this.simulator.close();
		}
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

	private void assertEverythingAppliedAndEachFailureReportedOnce(Path input) {
		assertThat(this.simulator.statuses()).hasSize(ROWS - ROWS / 10 - (ROWS / 9 - ROWS / 90));
		assertThat(this.simulator.statuses().get("cfg-1/dcs-401")).isNull();
		assertThat(this.simulator.statuses().get("cfg-1/dcs-399").path("deviceDisplayName").asString())
			.isEqualTo("LAPTOP-399");
		List<Map<String, String>> report = Workspace.readCsvRows(Workspace.reportOf(input));
		List<String> expected = IntStream.rangeClosed(1, ROWS)
			.filter(i -> i % 10 == 0 || i % 9 == 0)
			.mapToObj(i -> "dcs-" + i)
			.toList();
		assertThat(report).extracting(row -> row.get("id")).containsExactlyElementsOf(expected);
		assertThat(report).filteredOn(row -> row.get("_error").equals("not_found")).hasSize(ROWS / 9 - ROWS / 90);
	}

	@Test
	void killedWithSigkillThenTheSameCommandCompletesTheRun() throws Exception {
		Workspace workspace = new Workspace(this.dir);
		this.simulator = GraphSimulator
			.start(SimulatorSettings.healthy().withKnownIds(knownIds()).withLatency(Duration.ofMillis(20)));
		Path input = input(workspace);

		ForkedImport crashed = ForkedImport.start(workspace, this.simulator.graphUrl(), input, "--chunk-size", "25");
		awaitAtLeast(this.simulator::requests, 120, crashed);
		crashed.kill();
		long sentBeforeCrash = this.simulator.requests();
		assertThat(sentBeforeCrash).isLessThan(ROWS);

		CommandRun resumed = workspace.importInto(this.simulator, input, "--chunk-size", "25");

		assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(1);
		assertThat(resumed.out()).contains("Recovered run 1").contains("Resuming run 1");
		assertEverythingAppliedAndEachFailureReportedOnce(input);
		long sendable = ROWS - ROWS / 10;
		assertThat(this.simulator.requests()).as("at most one chunk is sent again").isLessThanOrEqualTo(sendable + 25);

		// every row Graph confirmed, also just before the kill, is known as applied: a new run sends none of them
		long appliedBefore = this.simulator.answers().get(200);
		CommandRun nextNight = workspace.importInto(this.simulator, input, "--chunk-size", "25");
		assertThat(nextNight.out()).contains("unchanged      " + this.simulator.statuses().size());
		assertThat(this.simulator.answers().get(200)).isEqualTo(appliedBefore);
	}

	@Test
	void sigtermStopsWithExitCode4AndTheSameCommandResumes() throws Exception {
		Workspace workspace = new Workspace(this.dir);
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

}
