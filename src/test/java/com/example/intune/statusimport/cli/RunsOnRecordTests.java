package com.example.intune.statusimport.cli;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
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
 * Every run on record: its own report and summary named for its start, the copy of the newest report, older runs'
 * files removed by --keep-runs, and the exit code it returned listed by {@code runs}, in full by {@code runs show}.
 */
class RunsOnRecordTests extends AgainstTheSimulator {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ONE_BAD_ROW = "deviceConfigurationId,id,status\ncfg-1,dcs-1,compliant\n"
			+ "cfg-1,dcs-2,bogus\n";

	@Test
	void eachRunKeepsItsOwnReportAndSummaryAndTheNewestReportIsCopiedForScripts() throws Exception {
		Path input = this.workspace.write("statuses.csv", ONE_BAD_ROW);

		CommandRun first = this.workspace.importInto(this.graph, input);
		CommandRun second = this.workspace.importInto(this.graph, input);

		assertThat(first.exitCode()).as(first.output()).isEqualTo(1);
		assertThat(second.exitCode()).as(second.output()).isEqualTo(1);
		List<Path> reports = Workspace.runReportsOf(input);
		List<Path> summaries = Workspace.runSummariesOf(input);
		assertThat(reports).hasSize(2);
		assertThat(summaries).hasSize(2);
		for (Path report : reports) {
			assertThat(report.getFileName().toString()).matches("statuses\\.failures-\\d{8}T\\d{6}Z(-2)?\\.csv");
			assertThat(Workspace.readCsvRows(report)).extracting(row -> row.get("id")).containsExactly("dcs-2");
		}
		assertThat(first.out()).contains(reports.get(0).toString());
		assertThat(second.out()).contains(reports.get(1).toString());
		Path latest = input.resolveSibling("statuses.failures.latest.csv");
		assertThat(Files.isSymbolicLink(latest)).isFalse();
		assertThat(Files.readAllBytes(latest)).isEqualTo(Files.readAllBytes(reports.get(1)));
		for (Path file : List.of(latest, reports.get(1), summaries.get(1))) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		}
		JsonNode summary = JSON.readTree(summaries.get(1).toFile());
		assertThat(summary.path("exitCode").asInt()).isEqualTo(1);
		assertThat(summary.path("runId").isNumber()).isTrue();
		assertThat(summary.path("version").asString()).isNotBlank();
		assertThat(summary.path("startTime").asString()).endsWith("Z");
		assertThat(summary.path("report").asString()).isEqualTo(reports.get(1).toString());
	}

	@Test
	void keepRunsRemovesOlderRunsFilesButNeverALinkAnotherInputsFilesOrAnUnfinishedRunsFiles() throws Exception {
		Path input = this.workspace.write("statuses.csv", "deviceConfigurationId,id,status\ncfg-1,dcs-2,bogus\n"
				+ "cfg-1,dcs-1,compliant\ncfg-1,dcs-3,compliant\n");
		// stopped at --max-failures: unfinished, the same command resumes it into this report
		CommandRun stopped = this.workspace.importInto(this.graph, input, "--max-failures", "0", "--chunk-size",
				"1");
		assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(2);
		Path unfinishedReport = Workspace.runReportsOf(input).get(0);
		Path old = this.workspace.write("statuses.failures-20200101T000000Z.csv", "old\n");
		Path oldSummary = this.workspace.write("statuses.summary-20200101T000000Z.json", "{}\n");
		Path otherInputs = this.workspace.write("other.failures-20200101T000000Z.csv", "other\n");
		Path target = this.workspace.write("target.txt", "not a run's file\n");
		Path link = Files.createSymbolicLink(this.dir.resolve("statuses.failures-20190101T000000Z.csv"), target);
		Path changed = this.workspace.write("statuses.csv", ONE_BAD_ROW + "cfg-1,dcs-3,compliant\n");

		CommandRun first = this.workspace.importInto(this.graph, changed, "--keep-runs", "1");
		CommandRun second = this.workspace.importInto(this.graph, changed, "--keep-runs", "1");

		assertThat(first.exitCode()).as(first.output()).isEqualTo(1);
		assertThat(second.exitCode()).as(second.output()).isEqualTo(1);
		List<Path> reports = Workspace.runReportsOf(input);
		assertThat(reports).as("the unfinished run's and the newest run's reports, and the link")
			.containsExactlyInAnyOrder(unfinishedReport, link, secondReport(second));
		assertThat(old).doesNotExist();
		assertThat(oldSummary).doesNotExist();
		assertThat(otherInputs).exists();
		assertThat(target).hasContent("not a run's file");
		assertThat(Workspace.runSummariesOf(input)).hasSize(2);
	}

	@Test
	void keepRunsNeverRemovesTheEndingRunsFilesWhateverOtherNamesSay() throws Exception {
		Path input = this.workspace.write("statuses.csv", ONE_BAD_ROW);
		Path future = this.workspace.write("statuses.failures-20991231T000000Z.csv", "named for a later run\n");

		CommandRun run = this.workspace.importInto(this.graph, input, "--keep-runs", "1");

		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		assertThat(secondReport(run)).exists();
		assertThat(Workspace.runReportsOf(input)).containsExactly(secondReport(run));
		assertThat(future).doesNotExist();
		assertThat(rollbacksOf(input)).as("the run applied a row: its rollback file is what undoes it").hasSize(1);
	}

	@Test
	void keepRunsCountsOnlyRunsThatRanAndNeverRemovesAReportFedBackIn() throws Exception {
		Path input = this.workspace.write("statuses.csv", ONE_BAD_ROW);
		assertThat(this.workspace.importInto(this.graph, input).exitCode()).isEqualTo(1);
		Path firstReport = Workspace.runReportsOf(input).get(0);
		Path firstRollback = rollbacksOf(input).get(0);
		for (int i = 0; i < 3; i++) {
			// no credential: these never start, and leave only a summary
			assertThat(CommandRun.run(Map.of(), "import", "--graph-url", this.graph.graphUrl(), "--job-store",
					this.workspace.jobStore().toString(), input.toString()).exitCode()).isEqualTo(3);
			Thread.sleep(1000);
		}
		Path changed = this.workspace.write("statuses.csv", ONE_BAD_ROW + "cfg-1,dcs-3,compliant\n");

		CommandRun kept = this.workspace.importInto(this.graph, changed, "--keep-runs", "2");

		assertThat(kept.exitCode()).as(kept.output()).isEqualTo(1);
		assertThat(firstReport).as("the summaries of commands that never started take no run's place").exists();
		assertThat(firstRollback).exists();

		// the first run's report, fixed, is fed back: it is the input of a run on record from now on
		Files.writeString(firstReport, Files.readString(firstReport).replace("bogus", "compliant"));
		assertThat(this.workspace.importInto(this.graph, firstReport).exitCode()).isZero();
		CommandRun next = this.workspace.importInto(this.graph, changed, "--keep-runs", "1");

		assertThat(next.exitCode()).as(next.output()).isEqualTo(1);
		assertThat(firstReport).as("a file a run read is not an older run's leftover").exists();
		assertThat(firstRollback).doesNotExist();
		assertThat(secondReport(next)).exists();
		CommandRun list = runs("runs");
		assertThat(list.out()).as("the record names a report --keep-runs removed as removed")
			.contains(secondReport(kept) + " (removed since)")
			.doesNotContain(secondReport(next) + " (removed since)");
	}

	private static List<Path> rollbacksOf(Path input) throws java.io.IOException {
		try (java.util.stream.Stream<Path> files = Files.list(input.getParent())) {
			return files.filter(file -> file.getFileName().toString().startsWith("statuses.rollback-")).toList();
		}
	}

	private static Path secondReport(CommandRun run) {
		// a log's lines start with their time
		String line = CommandRun.withoutTimes(run.out())
			.lines()
			.filter(each -> each.startsWith("  report "))
			.findFirst()
			.orElseThrow();
		return Path.of(line.substring("  report ".length()).strip());
	}

	@Test
	void keepRunsRefusesZeroWithOneLineAndExitCode3() {
		Path input = this.workspace.write("statuses.csv", ONE_BAD_ROW);

		CommandRun run = this.workspace.importInto(this.graph, input, "--keep-runs", "0");

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("--keep-runs must be at least 1, not 0").doesNotContain("\tat ");
		assertThat(this.graph.statuses()).isEmpty();
	}

	@Test
	void runsListsTheExitCodeEachRunReturnedAndShowPrintsItsSummaryCategoriesAndMessages() throws Exception {
		Path input = this.workspace.write("statuses.csv", ONE_BAD_ROW);
		Path clean = this.workspace.write("clean.csv", "deviceConfigurationId,id,status\ncfg-1,dcs-9,compliant\n");
		CommandRun failed = this.workspace.importInto(this.graph, input);
		CommandRun applied = this.workspace.importInto(this.graph, clean);
		assertThat(failed.exitCode()).isEqualTo(1);
		assertThat(applied.exitCode()).isZero();

		CommandRun list = runs("runs");
		CommandRun json = runs("runs", "--json");

		assertThat(list.exitCode()).as(list.output()).isZero();
		// the figures fit 80 columns; the paths below them are as long as they are
		assertThat(list.out().lines().filter(line -> !line.startsWith("       ")))
			.hasSize(3)
			.allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
		JsonNode runs = JSON.readTree(json.out());
		assertThat(runs).hasSize(2);
		JsonNode newest = runs.get(0);
		JsonNode older = runs.get(1);
		assertThat(newest.path("input").asString()).isEqualTo(clean.toString());
		assertThat(newest.path("exitCode").asInt()).isZero();
		assertThat(older.path("exitCode").asInt()).as("a run that exited 1 is not on record as 0").isEqualTo(1);
		assertThat(older.path("status").asString()).isEqualTo("COMPLETED");
		assertThat(older.path("exitMeaning").asString()).contains("some rows failed");
		assertThat(older.path("rows").asLong()).isEqualTo(2);
		assertThat(older.path("failed").asLong()).isEqualTo(1);
		assertThat(older.path("graphUrl").asString()).isEqualTo(this.graph.graphUrl());
		assertThat(older.path("report").asString()).isEqualTo(Workspace.runReportsOf(input).get(0).toString());
		assertThat(list.out()).contains(older.path("report").asString()).contains("exit 1: the run finished; some");

		CommandRun show = runs("runs", "show", older.path("runId").asString());

		assertThat(show.exitCode()).as(show.output()).isZero();
		assertThat(show.out()).contains("exit code      1: the run finished; some rows failed")
			.contains("rows read      2")
			.contains("Failures by category")
			.contains("Most frequent failure messages")
			.contains("bogus");
	}

	@Test
	void anUnknownRunOrAMissingJobStoreIsOneLineWithExitCode3AndALockedOneExitCode6() throws Exception {
		CommandRun missing = runs("runs");
		assertThat(missing.exitCode()).as(missing.output()).isEqualTo(3);
		assertThat(missing.err()).contains("there is no job store at").doesNotContain("\tat ");

		Path input = this.workspace.write("statuses.csv", ONE_BAD_ROW);
		this.workspace.importInto(this.graph, input);
		CommandRun unknown = runs("runs", "show", "999");
		assertThat(unknown.exitCode()).as(unknown.output()).isEqualTo(3);
		assertThat(unknown.err()).contains("there is no run 999").doesNotContain("\tat ");

		Path lockFile = this.workspace.jobStore().resolveSibling("job-store.lock");
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
				FileLock lock = channel.lock()) {
			CommandRun busy = runs("runs");
			assertThat(busy.exitCode()).as(busy.output()).isEqualTo(6);
			assertThat(busy.err()).contains("an import is running on the job store").doesNotContain("\tat ");
		}
	}

	@Test
	void theSummaryJsonIsWrittenOnEveryExitEvenWhenTheRunNeverStarted() throws Exception {
		Path summary = this.workspace.write("out/summary.json", "{ \"exitCode\" : 0 }\n");
		Path input = this.workspace.write("statuses.csv", ONE_BAD_ROW);

		CommandRun missingInput = this.workspace.importInto(this.graph, this.dir.resolve("nowhere.csv"),
				"--summary-json", summary.toString());
		assertEarlySummary(summary, missingInput, 3, "nowhere.csv");

		CommandRun badOption = this.workspace.importInto(this.graph, input, "--summary-json", summary.toString(),
				"--keep-runs", "none");
		assertEarlySummary(summary, badOption, 3, "--keep-runs 'none' is not a whole number");

		CommandRun noCredential = CommandRun.run(Map.of(), "import", "--graph-url", this.graph.graphUrl(),
				"--job-store", this.workspace.jobStore().toString(), "--summary-json", summary.toString(),
				input.toString());
		assertEarlySummary(summary, noCredential, 3, "");

		Path unknownColumn = this.workspace.write("unknown-column.csv",
				"deviceConfigurationId,id,status,colour\ncfg-1,dcs-1,compliant,red\n");
		CommandRun headerProblem = this.workspace.importInto(this.graph, unknownColumn, "--summary-json",
				summary.toString());
		assertEarlySummary(summary, headerProblem, 3, "colour");

		Files.createDirectories(this.workspace.jobStore().getParent());
		Path lockFile = this.workspace.jobStore().resolveSibling("job-store.lock");
		Files.createFile(lockFile);
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
				FileLock lock = channel.lock()) {
			CommandRun busy = this.workspace.importInto(this.graph, input);
			assertThat(busy.exitCode()).as(busy.output()).isEqualTo(6);
			List<Path> summaries = Workspace.runSummariesOf(input);
			assertThat(summaries).hasSize(1);
			assertEarlySummary(summaries.get(0), busy, 6, "another import is running");
		}
		assertThat(this.graph.statuses()).isEmpty();
	}

	private static void assertEarlySummary(Path summary, CommandRun run, int exitCode, String problem)
			throws Exception {
		assertThat(run.exitCode()).as(run.output()).isEqualTo(exitCode);
		assertThat(run.output()).doesNotContain("\tat ");
		JsonNode json = JSON.readTree(summary.toFile());
		assertThat(json.path("exitCode").asInt()).as(json.toString()).isEqualTo(exitCode);
		assertThat(json.path("runId").isNull()).isTrue();
		assertThat(json.path("problem").asString()).contains(problem).isNotBlank();
		assertThat(json.path("exitMeaning").asString()).isNotBlank();
		assertThat(json.path("startTime").asString()).endsWith("Z");
		assertThat(json.path("endTime").asString()).endsWith("Z");
		assertThat(json.path("version").asString()).isNotBlank();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(summary))).isEqualTo("rw-------");
	}

	private CommandRun runs(String... args) {
		String[] all = new String[args.length + 2];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "--job-store";
		all[args.length + 1] = this.workspace.jobStore().toString();
		return CommandRun.run(Map.of(), all);
	}

}
