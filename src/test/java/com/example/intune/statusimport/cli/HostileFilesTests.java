package com.example.intune.statusimport.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.intune.statusimport.simulator.GraphSimulator;
import com.example.intune.statusimport.simulator.SimulatorSettings;
import com.example.intune.statusimport.support.CommandRun;
import com.example.intune.statusimport.support.SmallDisk;
import com.example.intune.statusimport.support.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files a run writes: never over the input or one another, never through a link, owner-only, and a clear stop
 * when a disk is full, with the report left as it was at the last commit.
 */
class HostileFilesTests {

	@TempDir
	Path dir;

	Workspace workspace;

	GraphSimulator graph;

	static final String ROWS = "deviceConfigurationId,id,status,userPrincipalName\ncfg-1,dcs-1,compliant,ann@contoso.com\n"
			+ "cfg-1,dcs-2,compliantt,bob@contoso.com\n";

	@BeforeEach
	void setUp() {
		this.workspace = new Workspace(this.dir);
		this.graph = GraphSimulator.start(SimulatorSettings.healthy());
	}

	@AfterEach
	void tearDown() {
		this.graph.close();
	}

	private CommandRun importWith(Path input, String... options) {
		return this.workspace.importInto(this.graph, input, options);
	}

	/** The import with a job store of the test's choosing. */
	private CommandRun importWithStore(Path input, Path store, String... options) {
		List<String> args = new java.util.ArrayList<>(List.of("import", "--graph-url", this.graph.graphUrl(),
				"--job-store", store.toString(), "--rate", "10000/1s"));
		args.addAll(List.of(options));
		args.add(input.toString());
		return CommandRun.run(Map.of("GRAPH_ACCESS_TOKEN", Workspace.TOKEN), args.toArray(String[]::new));
	}

	@Nested
	class NeverOverwriteWhatMatters {

		@Test
		void aReportNamedLikeTheInputIsRefusedAndTheInputKeepsEveryByte() throws Exception {
			Path input = HostileFilesTests.this.workspace.write("statuses.csv", ROWS);

			CommandRun run = importWith(input, "--report", input.toString());

			assertThat(run.exitCode()).isEqualTo(3);
			assertThat(run.err()).contains("--report " + input + " is the same file as the input");
			assertThat(Files.readString(input)).isEqualTo(ROWS);
			assertThat(HostileFilesTests.this.graph.requests()).isZero();
		}

		@Test
		void theInputReachedThroughALinkOrDotsIsStillTheInput() throws Exception {
			Path input = HostileFilesTests.this.workspace.write("data/statuses.csv", ROWS);
			Path link = Files.createSymbolicLink(HostileFilesTests.this.dir.resolve("link.csv"), input);

			CommandRun run = importWith(link, "--report", HostileFilesTests.this.dir.resolve("data/../data/statuses.csv")
				.toString());

			assertThat(run.exitCode()).isEqualTo(3);
			assertThat(Files.readString(input)).isEqualTo(ROWS);
		}

		@Test
		void theSummaryCannotBeTheReportAndNeitherCanBeTheJobStore() {
			Path input = HostileFilesTests.this.workspace.write("statuses.csv", ROWS);
			Path report = HostileFilesTests.this.dir.resolve("out.csv");
			String store = HostileFilesTests.this.workspace.jobStore() + ".mv.db";

			CommandRun sameAsReport = importWith(input, "--report", report.toString(), "--summary-json", report.toString());
			CommandRun inTheStore = importWith(input, "--report", store);

			assertThat(sameAsReport.exitCode()).isEqualTo(3);
			assertThat(sameAsReport.err()).contains("--summary-json").contains("is the same file as --report");
			assertThat(inTheStore.exitCode()).isEqualTo(3);
			assertThat(inTheStore.err()).contains("the job store's file");
		}

		@Test
		void aReportOrSummaryPathThatIsALinkIsRefusedAndItsTargetLeftAlone() throws Exception {
			Path input = HostileFilesTests.this.workspace.write("statuses.csv", ROWS);
			Path target = HostileFilesTests.this.workspace.write("precious.txt", "do not overwrite\n");
			Path reportLink = Files.createSymbolicLink(HostileFilesTests.this.dir.resolve("report.csv"), target);
			Path summaryLink = Files.createSymbolicLink(HostileFilesTests.this.dir.resolve("summary.json"), target);

			CommandRun report = importWith(input, "--report", reportLink.toString());
			CommandRun summary = importWith(input, "--summary-json", summaryLink.toString());

			assertThat(report.exitCode()).isEqualTo(3);
			assertThat(report.err()).contains("is a symbolic link").doesNotContain("at com.");
			assertThat(summary.exitCode()).isEqualTo(3);
			assertThat(Files.readString(target)).isEqualTo("do not overwrite\n");
			assertThat(HostileFilesTests.this.graph.requests()).isZero();
		}

		@Test
		void aJobStoreGivenWithItsDatabaseSuffixIsTheSameJobStore() {
			Path input = HostileFilesTests.this.workspace.write("statuses.csv", ROWS);
			Path store = HostileFilesTests.this.dir.resolve("state/nightly");

			CommandRun run = importWithStore(input, Path.of(store + ".mv.db"));

			assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
			assertThat(HostileFilesTests.this.dir.resolve("state/nightly.mv.db")).exists();
			assertThat(HostileFilesTests.this.dir.resolve("state/nightly.mv.db.mv.db")).doesNotExist();
		}

	}

	@Nested
	class OwnerOnly {

		@Test
		void theReportTheSummaryAndTheJobStoreAreReadableByTheirOwnerOnly() throws Exception {
			Path input = HostileFilesTests.this.workspace.write("statuses.csv", ROWS);
			Path summary = HostileFilesTests.this.dir.resolve("summary.json");
			Path store = HostileFilesTests.this.dir.resolve("new-folder/job-store");

			CommandRun run = importWithStore(input, store, "--summary-json", summary.toString());

			assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
			for (Path file : List.of(Workspace.reportOf(input), Workspace.runReportsOf(input).get(0), summary,
					store.resolveSibling("job-store.mv.db"),
					store.resolveSibling("job-store.lock"))) {
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
					.isEqualTo("rw-------");
			}
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.getParent())))
				.isEqualTo("rwx------");
			assertThat(store.resolveSibling("job-store.trace.db")).doesNotExist();
		}


		@Test
		void aJobStoreLeftReadableByAllByAnEarlierVersionIsNarrowedToItsOwner() throws Exception {
			Path input = HostileFilesTests.this.workspace.write("statuses.csv", ROWS);
			Path store = HostileFilesTests.this.dir.resolve("old/job-store");
			assertThat(importWithStore(input, store).exitCode()).isEqualTo(1);
			Path database = store.resolveSibling("job-store.mv.db");
			Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));

			CommandRun run = importWithStore(input, store);

			assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(database))).isEqualTo("rw-------");
		}
	}

	@Nested
	class Inputs {

		@Test
		void aPipeIsRefusedAtOnceInsteadOfHanging() throws Exception {
			Path fifo = HostileFilesTests.this.dir.resolve("statuses.csv");
			Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
			assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();

			CommandRun run = importWith(fifo);

			assertThat(run.exitCode()).isEqualTo(3);
			assertThat(run.err()).contains("is not a regular file").contains("save it to a file first");
		}

		@Test
		void aJobStoreThatIsNotADatabaseIsNamedAndNoStackTraceIsShown() throws Exception {
			Path input = HostileFilesTests.this.workspace.write("statuses.csv", ROWS);
			Files.createDirectories(HostileFilesTests.this.workspace.jobStore().getParent());
			Files.write(HostileFilesTests.this.workspace.jobStore().resolveSibling("job-store.mv.db"),
					"not a database".getBytes(StandardCharsets.UTF_8));

			CommandRun run = importWith(input);

			assertThat(run.exitCode()).isEqualTo(3);
			assertThat(run.err()).contains("is not a database this job can read").contains("remove this one")
				.doesNotContain("at com.").doesNotContain("at org.");
		}

	}

	@Nested
	class ReportChangedBetweenRuns {

		@Test
		void aReportEditedAfterAStopIsRefusedUntouchedAndANewReportPathTakesTheRestOfTheFailures() throws Exception {
			StringBuilder csv = new StringBuilder("deviceConfigurationId,id,status\n");
			for (int i = 1; i <= 40; i++) {
				csv.append("cfg-1,dcs-").append(i).append(i % 4 == 0 ? ",nope\n" : ",compliant\n");
			}
			Path input = HostileFilesTests.this.workspace.write("statuses.csv", csv.toString());

			CommandRun stopped = importWith(input, "--max-failures", "2", "--chunk-size", "10");
			// the run's own report, which its resume takes up (not the copy of the newest)
			Path report = Workspace.runReportsOf(input).get(0);

			assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(2);
			assertThat(stopped.err()).contains("Look at the report and fix the cause");
			// what the user did: fixed a row in place (sed -i '2s/,nope,/,compliant,/'), which changes its length
			List<String> lines = Files.readAllLines(report);
			assertThat(lines.get(1)).startsWith("cfg-1,dcs-4,nope,");
			Files.writeString(report, Files.readString(report).replaceFirst(",nope,", ",compliant,"));
			byte[] edited = Files.readAllBytes(report);
			long requests = HostileFilesTests.this.graph.requests();

			CommandRun refused = importWith(input, "--max-failures", "100", "--chunk-size", "10");

			assertThat(refused.exitCode()).as(refused.output()).isEqualTo(3);
			String problem = "the failure report " + report + " was changed since this run last wrote it (it holds the"
					+ " failures of the rows already done): put it back as it was, or give --report with a new path for"
					+ " the rest of this run's failures.";
			assertThat(refused.err()).contains(problem).doesNotContain("at com.").doesNotContain("at org.");
			assertThat(refused.err().lines().filter(line -> line.contains("failure report"))).hasSize(1);
			assertThat(Files.readAllBytes(report)).isEqualTo(edited);
			assertThat(HostileFilesTests.this.graph.requests()).as("nothing sent").isEqualTo(requests);

			Path rest = HostileFilesTests.this.dir.resolve("rest.failures.csv");
			CommandRun resumed = importWith(input, "--max-failures", "100", "--chunk-size", "10", "--report",
					rest.toString());

			assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(1);
			assertThat(resumed.out()).contains("Resuming run 1");
			assertThat(Workspace.readCsvRows(rest)).extracting(row -> row.get("id"))
				.containsExactly("dcs-24", "dcs-28", "dcs-32", "dcs-36", "dcs-40");
			assertThat(Files.readAllBytes(report)).isEqualTo(edited);
			assertThat(HostileFilesTests.this.graph.statuses()).hasSize(30);
		}

	}

	@Nested
	class FullDisks {

		@Test
		void aJobStoreWhoseDiskFillsDuringTheRunStopsItInOneLineAndTheSameCommandResumes() throws Exception {
			StringBuilder csv = new StringBuilder("deviceConfigurationId,id,status\n");
			for (int i = 1; i <= 3000; i++) {
				csv.append("cfg-1,dcs-").append(i).append(i % 3 == 0 ? ",wrong\n" : ",compliant\n");
			}
			Path input = HostileFilesTests.this.workspace.write("statuses.csv", csv.toString());
			Path report = HostileFilesTests.this.dir.resolve("report.csv");
			try (SmallDisk disk = SmallDisk.mount(HostileFilesTests.this.dir.resolve("small"), 4096)) {
				Path store = disk.folder().resolve("job-store");
				Path filler = disk.folder().resolve("filler");
				Thread fill = new Thread(() -> fillOnceRowsArrive(filler, 100));
				fill.start();

				CommandRun stopped = importWithStore(input, store, "--chunk-size", "20", "--report", report.toString());
				fill.join(60_000);

				assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(3);
				assertThat(stopped.err()).contains("the job store " + store + ".mv.db cannot be written: No space left"
						+ " on device").contains("run the same command again to resume")
					.doesNotContain("at com.").doesNotContain("at org.").doesNotContain("internal error");
				Files.delete(filler);

				CommandRun resumed = importWithStore(input, store, "--chunk-size", "20", "--report", report.toString());

				assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(1);
				assertThat(HostileFilesTests.this.graph.statuses()).hasSize(2000);
				List<Map<String, String>> failures = Workspace.readCsvRows(report);
				assertThat(failures).hasSize(1000);
				assertThat(failures.stream().map(row -> row.get("id")).distinct()).hasSize(1000);
			}
		}

		/** Fills the disk up once Graph holds {@code rows} statuses: the job store's next write finds no space. */
		private void fillOnceRowsArrive(Path filler, int rows) {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			try {
				while (HostileFilesTests.this.graph.statuses().size() < rows && System.nanoTime() < deadline) {
					Thread.sleep(5);
				}
				try (java.io.OutputStream out = Files.newOutputStream(filler)) {
					byte[] block = new byte[4096];
					while (true) {
						out.write(block);
					}
				}
			}
			catch (java.io.IOException ex) {
				// the disk is full: what the test wanted
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Test
		void aReportOnAFullDiskStopsTheRunInOneLineAndKeepsTheRowsOfTheLastCommit() throws Exception {
			StringBuilder csv = new StringBuilder("deviceConfigurationId,id,status,deviceDisplayName\n");
			for (int i = 1; i <= 400; i++) {
				csv.append("cfg-1,dcs-").append(i).append(",wrong,").append("x".repeat(200)).append('\n');
			}
			Path input = HostileFilesTests.this.workspace.write("statuses.csv", csv.toString());
			try (SmallDisk disk = SmallDisk.mount(HostileFilesTests.this.dir.resolve("small"), 24)) {
				Path report = disk.folder().resolve("report.csv");

				CommandRun run = importWith(input, "--report", report.toString(), "--chunk-size", "10");

				assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
				assertThat(run.err()).contains("the failure report " + report).contains("No space left on device")
					.doesNotContain("at com.").doesNotContain("delegate");
				List<Map<String, String>> rows = Workspace.readCsvRows(report);
				assertThat(rows).isNotEmpty();
				assertThat(rows.size() % 10).as("whole chunks only").isZero();
				assertThat(rows).allSatisfy(row -> assertThat(row.get("_attempts")).isEqualTo("0"));
			}
		}

		@Test
		void aJobStoreOnAFullDiskStopsTheRunInOneLineWithoutAdvisingToRemoveIt() throws Exception {
			Path input = HostileFilesTests.this.workspace.write("statuses.csv", ROWS);
			try (SmallDisk disk = SmallDisk.mount(HostileFilesTests.this.dir.resolve("small"), 16)) {
				Files.write(disk.folder().resolve("filler"), new byte[15 * 1024]);

				CommandRun run = importWithStore(input, disk.folder().resolve("job-store"));

				assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
				assertThat(run.err()).contains("job store").contains("No space left on device")
					.doesNotContain("remove this one").doesNotContain("at com.").doesNotContain("at org.");
			}
		}

	}

}
