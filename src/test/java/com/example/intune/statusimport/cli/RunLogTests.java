package com.example.intune.statusimport.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.intune.statusimport.support.AgainstTheSimulator;
import com.example.intune.statusimport.support.CommandRun;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run read from a scheduler's log: every line says when it was written, and {@code --log-file} keeps the same lines,
 * run after run, for its owner only, never through a link nor over a file of the run.
 */
class RunLogTests extends AgainstTheSimulator {

	private static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ ";

	private static final String ROWS = "deviceConfigurationId,id,deviceDisplayName,status\n"
			+ "cfg-1,dcs-1,LAPTOP-1,compliant\n" + "cfg-1,dcs-2,LAPTOP-2,sideways\n";

	@Test
	void everyLineARunPrintsToALogStartsWithItsTimeInUtc() {
		Path input = this.workspace.write("nightly.csv", ROWS);

		CommandRun run = this.workspace.importInto(this.graph, input, "--progress", "lines", "--progress-interval",
				"100ms");

		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		List<String> lines = run.output().lines().filter(line -> !line.isBlank()).toList();
		assertThat(lines).as(run.output()).isNotEmpty()
			.allSatisfy(line -> assertThat(line).matches(TIME + ".*\\S.*"))
			.anySatisfy(line -> assertThat(line).matches(TIME + "Import of .*"))
			.anySatisfy(line -> assertThat(line).matches(TIME + "  failed         1  \\(invalid 1\\)"))
			.anySatisfy(line -> assertThat(line).matches(TIME + "  exit code      1: .*"));
	}

	@Test
	void aProblemMessageInALogHasItsTimeToo() {
		Path input = this.workspace.write("nightly.csv", "id,Status,Last reported\ndcs-1,compliant,x\n");

		CommandRun run = this.workspace.importInto(this.graph, input, "--configuration-id", "cfg-1");

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).matches("(?s)" + TIME + "device-status-import: " + java.util.regex.Pattern.quote(
				input.toString()) + ", line 1: unknown column 'Last reported'.*");
	}

	@Test
	void theLogFileGetsEachRunsLinesWithTheirTimesAppendedForItsOwnerOnly() throws Exception {
		Path input = this.workspace.write("nightly.csv", ROWS);
		Path log = this.dir.resolve("logs/import.log");
		Path badHeader = this.workspace.write("bad.csv", "id,Status,Last reported\ndcs-1,compliant,x\n");

		CommandRun first = this.workspace.importInto(this.graph, input, "--log-file", log.toString(), "--progress",
				"bar");
		CommandRun second = this.workspace.importInto(this.graph, badHeader, "--configuration-id", "cfg-1",
				"--log-file", log.toString());

		assertThat(first.exitCode()).as(first.output()).isEqualTo(1);
		assertThat(second.exitCode()).as(second.output()).isEqualTo(3);
		String written = Files.readString(log, StandardCharsets.UTF_8);
		assertThat(Files.getPosixFilePermissions(log)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(written.lines().filter(line -> !line.isBlank()))
			.allSatisfy(line -> assertThat(line).matches(TIME + ".*\\S.*"));
		for (CommandRun run : List.of(first, second)) {
			// the bar is redrawn on the screen alone: the file has the lines that end
			for (String line : List.of(CommandRun.withoutTimes(run.output()).split("\n"))) {
				if (line.isBlank() || line.contains("\r")) {
					continue;
				}
				assertThat(written).as("each line printed is in the file with its time")
					.containsPattern("(?m)^" + TIME + java.util.regex.Pattern.quote(line) + "$");
			}
		}
		assertThat(written).as("the first run's lines are kept, the second's follow")
			.containsSubsequence("Import of " + input, "exit code      1", "unknown column 'Last reported'")
			.doesNotContain("\r")
			.doesNotContain("\u001b");
	}

	@Test
	void theLogFileNarrowsAnOpenFileToItsOwnerAndKeepsWhatWasThere() throws Exception {
		Path input = this.workspace.write("nightly.csv", ROWS);
		Path log = this.workspace.write("import.log", "2026-11-29T02:00:00Z an earlier night\n");
		Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));

		CommandRun run = this.workspace.importInto(this.graph, input, "--log-file", log.toString());

		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		assertThat(Files.getPosixFilePermissions(log)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.readString(log)).startsWith("2026-11-29T02:00:00Z an earlier night\n")
			.contains("Import of " + input);
	}

	@Test
	void aLogFileThatIsALinkOrAFileOfTheRunIsRefusedBeforeAnythingIsSent() throws Exception {
		Path input = this.workspace.write("nightly.csv", ROWS);
		Path elsewhere = this.workspace.write("elsewhere.txt", "not a log\n");
		Path link = Files.createSymbolicLink(this.dir.resolve("import.log"), elsewhere);

		CommandRun throughLink = this.workspace.importInto(this.graph, input, "--log-file", link.toString());
		CommandRun overInput = this.workspace.importInto(this.graph, input, "--log-file", input.toString());

		assertThat(throughLink.exitCode()).isEqualTo(3);
		assertThat(throughLink.err()).contains("--log-file " + link + " is a symbolic link")
			.doesNotContain("at com.");
		assertThat(Files.readString(elsewhere)).isEqualTo("not a log\n");
		assertThat(overInput.exitCode()).isEqualTo(3);
		assertThat(overInput.err()).contains("--log-file " + input + " is the same file as the input");
		assertThat(Files.readString(input)).isEqualTo(ROWS);
		assertThat(this.graph.requests()).isZero();
	}

}
