package com.example.intune.statusimport.runlog;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The one rule for times: a terminal's lines as they are, a log's and the log file's with their time in front. */
class RunLogLinesTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T02:00:07.654Z"), ZoneOffset.UTC);

	@TempDir
	Path dir;

	private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

	private final ByteArrayOutputStream errors = new ByteArrayOutputStream();

	private RunLog open(boolean terminal, Path file) throws Exception {
		return RunLog.open(new PrintStream(this.screen, true, StandardCharsets.UTF_8),
				new PrintStream(this.errors, true, StandardCharsets.UTF_8), terminal, file, () -> 80, CLOCK);
	}

	@Test
	void aTerminalsLinesAreLeftAsTheyAreAndTheLogFileGetsThemTimed() throws Exception {
		Path file = this.dir.resolve("run.log");
		try (RunLog log = open(true, file)) {
			log.out().print("Resuming the run ");
			assertThat(this.screen.toString(StandardCharsets.UTF_8)).as("a terminal shows what comes at once")
				.isEqualTo("Resuming the run ");
			log.out().println("of nightly.csv");
			log.out().println();
			log.err().println("device-status-import: a problem");
			log.redraw("[#...] 1 of 4 rows");
			log.endRedraws();
		}

		assertThat(this.screen.toString(StandardCharsets.UTF_8))
			.isEqualTo("Resuming the run of nightly.csv\n\n\r[#...] 1 of 4 rows\u001b[K\n");
		assertThat(this.errors.toString(StandardCharsets.UTF_8)).isEqualTo("device-status-import: a problem\n");
		assertThat(Files.readString(file)).isEqualTo("2026-11-30T02:00:07Z Resuming the run of nightly.csv\n\n"
				+ "2026-11-30T02:00:07Z device-status-import: a problem\n");
	}

	@Test
	void aLogsLinesStartWithTheirTimeInUtcToTheSecond() throws Exception {
		try (RunLog log = open(false, null)) {
			log.out().println("Import of nightly.csv");
			log.out().println();
			log.out().print("  exit code      1");
			log.err().println("device-status-import: a problem");
			assertThat(this.screen.toString(StandardCharsets.UTF_8)).as("a log's line waits for its end")
				.doesNotContain("exit code");
		}

		assertThat(this.screen.toString(StandardCharsets.UTF_8))
			.isEqualTo("2026-11-30T02:00:07Z Import of nightly.csv\n\n2026-11-30T02:00:07Z   exit code      1\n");
		assertThat(this.errors.toString(StandardCharsets.UTF_8))
			.isEqualTo("2026-11-30T02:00:07Z device-status-import: a problem\n");
	}

	@Test
	void progressLinesCarryTheirTimeOnATerminalToo() throws Exception {
		try (RunLog log = open(true, null)) {
			log.timedLine("progress: 1 of 4 rows");
		}

		assertThat(this.screen.toString(StandardCharsets.UTF_8))
			.isEqualTo("2026-11-30T02:00:07Z progress: 1 of 4 rows\n");
	}

	@Test
	void theWidthIsColumnsWhenSetAndEightyWhenNothingTellsIt() {
		assertThat(new TerminalWidth(Map.of("COLUMNS", "132")).getAsInt()).isEqualTo(132);
		assertThat(new TerminalWidth(Map.of("COLUMNS", " 40 ")).getAsInt()).isEqualTo(40);
		assertThat(new TerminalWidth(Map.of("COLUMNS", "3")).getAsInt()).as("nothing of use fits in 3")
			.isEqualTo(TerminalWidth.MIN);
		assertThat(TerminalWidth.parse("wide")).isNull();
		assertThat(TerminalWidth.parse("0")).isNull();
		assertThat(TerminalWidth.parse(null)).isNull();
	}

	@Test
	void aWidthThatCannotBeReadKeepsTheLastOneRead() {
		java.util.Iterator<Integer> stty = java.util.Arrays.asList(132, 50, null).iterator();
		TerminalWidth width = new TerminalWidth(Map.of(), stty::next);

		assertThat(width.getAsInt()).isEqualTo(132);
		assertThat(width.getAsInt()).as("a resized window").isEqualTo(50);
		assertThat(width.getAsInt()).as("stty interrupted as the run ends").isEqualTo(50);
		assertThat(new TerminalWidth(Map.of(), () -> null).getAsInt()).isEqualTo(TerminalWidth.DEFAULT);
	}

}
