package com.example.intune.statusimport.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.intune.statusimport.job.ExitCode;
import com.example.intune.statusimport.support.CommandRun;

import static org.assertj.core.api.Assertions.assertThat;

/** The exit codes are written once, in {@link ExitCode}; the README and {@code --help} say the same. */
class ExitCodeTableTests {

	@Test
	void theReadmeTableIsTheExitCodeTable() throws IOException {
		Map<Integer, String> readme = new LinkedHashMap<>();
		boolean inSection = false;
		for (String line : Files.readAllLines(Path.of("README.md"))) {
			if (line.startsWith("## ")) {
				inSection = line.equals("## Exit codes");
			}
			else if (inSection && line.matches("\\| \\d+ \\|.*")) {
				String[] cells = line.split("\\|");
				readme.put(Integer.parseInt(cells[1].strip()), cells[2].strip().replace("`", ""));
			}
		}
		Map<Integer, String> table = new LinkedHashMap<>();
		for (ExitCode code : ExitCode.values()) {
			table.put(code.code(), code.explanation());
		}
		assertThat(readme).containsExactlyEntriesOf(table);
	}

	@Test
	void helpListsEveryExitCodeWithItsExplanation() {
		for (String[] args : new String[][] { { "--help" }, { "import", "--help" } }) {
			CommandRun run = CommandRun.run(Map.of(), args);
			String help = run.out().replaceAll("\\s+", " ");
			assertThat(help).contains("Exit codes:");
			for (ExitCode code : ExitCode.values()) {
				assertThat(help).contains(code.code() + " " + code.explanation());
			}
		}
	}

	@Test
	void codesAreTheOnesSchedulersDependOn() {
		assertThat(ExitCode.values()).extracting(ExitCode::code).containsExactly(0, 1, 2, 3, 4, 5, 6);
	}

}
