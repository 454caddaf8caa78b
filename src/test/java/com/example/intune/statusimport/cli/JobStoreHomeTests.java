package com.example.intune.statusimport.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.intune.statusimport.support.CommandRun;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the job store goes without {@code --job-store}: under {@code DEVICE_STATUS_IMPORT_HOME} when it is set (a
 * service account without a home), and a home that cannot be used is answered with both ways out.
 */
class JobStoreHomeTests {

	private static final String ROWS = "deviceConfigurationId,id,status\ncfg,a,compliant\n";

	@TempDir
	Path dir;

	@Test
	void theVariableSaysWhereTheJobStoreGoes() throws Exception {
		Path input = Files.writeString(this.dir.resolve("statuses.csv"), ROWS);
		Path home = this.dir.resolve("service-home");

		CommandRun run = CommandRun.run(Map.of("DEVICE_STATUS_IMPORT_HOME", home.toString()), "import", "--dry-run",
				input.toString());

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(home.resolve("job-store.mv.db")).isRegularFile();
	}

	@Test
	void aHomeThatCannotBeUsedIsAnsweredWithTheOptionAndTheVariable() throws Exception {
		Path input = Files.writeString(this.dir.resolve("statuses.csv"), ROWS);
		// a file where the folder would be: no folder can be made under it, as under a home that does not exist
		Path notAFolder = Files.writeString(this.dir.resolve("not-a-folder"), "");

		CommandRun run = CommandRun.run(Map.of("DEVICE_STATUS_IMPORT_HOME", notAFolder.resolve("home").toString()),
				"import", "--dry-run", input.toString());

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("the job store " + notAFolder.resolve("home").resolve("job-store"))
			.contains("Give --job-store PATH in a folder this user can write, or set DEVICE_STATUS_IMPORT_HOME")
			.doesNotContain("Exception");
	}

}
