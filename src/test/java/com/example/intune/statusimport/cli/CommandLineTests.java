package com.example.intune.statusimport.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.intune.statusimport.graph.GraphSettings;
import com.example.intune.statusimport.graph.RateLimit;
import com.example.intune.statusimport.signin.Cloud;
import com.example.intune.statusimport.simulator.GraphSimulator;
import com.example.intune.statusimport.simulator.SimulatorSettings;
import com.example.intune.statusimport.support.CommandRun;
import com.example.intune.statusimport.support.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTests {

	@TempDir
	Path dir;

	@Test
	void helpListsTheCommands() {
		CommandRun run = CommandRun.run(Map.of(), "--help");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("import").contains("simulate").contains("Exit codes");
	}

	@Test
	void importHelpListsEveryOptionWithItsDefault() {
		CommandRun run = CommandRun.run(Map.of(), "import", "--help");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("--graph-url").contains("https://graph.microsoft.com/v1.0")
			.contains("--cloud")
			.contains("Default: global")
			.contains("--tenant-id")
			.contains("--certificate")
			.contains("--managed-identity")
			.contains("--job-store")
			.contains("$DEVICE_STATUS_IMPORT_HOME/job-store")
			.contains("~/.device-status-import/job-store")
			.contains("--max-attempts")
			.contains("Default: 12")
			.contains("--dry-run")
			.contains("--max-failures")
			.contains("--report")
			.contains("--configuration-id")
			.contains("--format");
	}

	@Test
	void simulateHelpListsItsKnobs() {
		CommandRun run = CommandRun.run(Map.of(), "simulate", "--help");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).contains("--throttle-rate").contains("--write-quota").contains("--known-ids")
			.contains("--dump")
			.contains("--read-quota")
			.contains("--quota-kind")
			.contains("--statuses")
			.contains("--page-size")
			.contains("/_simulator/drift");
	}

	@Test
	void versionPrintsTheVersion() {
		CommandRun run = CommandRun.run(Map.of(), "--version");
		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).matches("(?s)device-status-import \\d+\\.\\d+\\.\\d+.*");
	}

	@Test
	void anUnknownOptionIsOneLineAndExitCode3() {
		CommandRun run = CommandRun.run(Map.of(), "import", "--colour", "red", "x.csv");
		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("Unknown option").contains("'--colour'").contains("--help").doesNotContain("at com.");
	}

	@Test
	void aBadValueIsExitCode3() {
		assertThat(CommandRun.run(Map.of(), "import", "--max-attempts", "many", "x.csv").err())
			.contains("--max-attempts");
		assertThat(CommandRun.run(Map.of(), "import", "--max-attempts=0", "x.csv").exitCode()).isEqualTo(3);
		assertThat(CommandRun.run(Map.of(), "import", "--retry-base-delay=soon", "x.csv").err())
			.contains("'soon' is not a duration");
		assertThat(CommandRun.run(Map.of(), "import", "--graph-url", "graph.microsoft.com", "x.csv").err())
			.contains("is not an http(s) URL");
		assertThat(CommandRun.run(Map.of(), "import", "--configuration-id", "../x", "x.csv").err())
			.contains("--configuration-id '../x' is not a valid id");
		assertThat(CommandRun.run(Map.of(), "import", "--format", "xlsx", "x.csv").exitCode()).isEqualTo(3);
	}

	@Test
	void anOptionGivenTwiceIsRefusedBeforeAnythingIsSent() {
		Workspace workspace = new Workspace(this.dir);
		Path input = workspace.write("in.csv", "id,status\ndcs-1,compliant\n");
		try (GraphSimulator graph = GraphSimulator.start(SimulatorSettings.healthy())) {
			// a wrapper that adds its own --job-store after the user's must not turn a dry run into a real one
			CommandRun run = CommandRun.run(Map.of("GRAPH_ACCESS_TOKEN", Workspace.TOKEN), "import", "--graph-url",
					graph.graphUrl(), "--configuration-id", "cfg", "--job-store", workspace.jobStore().toString(),
					"--dry-run", "--max-failures", "0", "--job-store", workspace.jobStore() + "-2", input.toString());

			assertThat(run.exitCode()).isEqualTo(3);
			assertThat(run.err()).contains("option '--job-store' (PATH|URL) should be specified only once");
			assertThat(graph.requests()).isZero();
		}
		assertThat(CommandRun.run(Map.of(), "import", "--dry-run", "--dry-run", "x.csv").err())
			.contains("option '--dry-run' should be specified only once");
	}

	@Test
	void aManagedIdentityClientIdIsTakenOnlyWhenAttachedWithAnEqualsSign() {
		ImportCommand separate = new ImportCommand(null, Map.of(), false);
		new picocli.CommandLine(separate).parseArgs("--managed-identity", "statuses.csv");
		ImportCommand attached = new ImportCommand(null, Map.of(), false);
		new picocli.CommandLine(attached).parseArgs("--managed-identity=client-1", "statuses.csv");

		assertThat(separate.signIn.managedIdentity).as("the system-assigned identity").isEmpty();
		assertThat(separate.file).hasToString("statuses.csv");
		assertThat(attached.signIn.managedIdentity).isEqualTo("client-1");
	}

	@Test
	void theReadRateIsAnOptionOfItsOwnBesideTheWriteRate() {
		CommandRun help = CommandRun.run(Map.of(), "import", "--help");
		assertThat(help.out()).contains("--read-rate=N/DURATION").contains("Default: 1000/20s")
			.contains("--rate=N/DURATION").contains("Default: 100/20s");

		ImportCommand command = new ImportCommand(null, Map.of(), false);
		new picocli.CommandLine(command).parseArgs("--read-rate", "300/1m", "--rate", "50/20s", "statuses.csv");
		GraphSettings settings = command.graph.settings(Cloud.GLOBAL);
		assertThat(settings.readRate()).isEqualTo(new RateLimit(300, Duration.ofMinutes(1)));
		assertThat(settings.rate()).isEqualTo(new RateLimit(50, Duration.ofSeconds(20)));
		ImportCommand defaults = new ImportCommand(null, Map.of(), false);
		new picocli.CommandLine(defaults).parseArgs("statuses.csv");
		assertThat(defaults.graph.settings(Cloud.GLOBAL).readRate()).isEqualTo(RateLimit.INTUNE_READS);

		CommandRun bad = CommandRun.run(Map.of(), "import", "--read-rate", "0/20s", "--dry-run", "x.csv");
		assertThat(bad.exitCode()).isEqualTo(3);
		assertThat(bad.err()).contains("--read-rate").contains("'0/20s' allows nothing; a rate needs at least one read")
			.doesNotContain("at com.");
	}

	@Test
	void bothOptionSpellingsAreAccepted() {
		Workspace workspace = new Workspace(this.dir);
		Path input = workspace.write("in.data", "id,status\ndcs-1,compliant\n");
		CommandRun spaced = CommandRun.run(Map.of(), "import", "--dry-run", "--format", "csv", "--job-store",
				workspace.jobStore().toString(), "--configuration-id", "cfg", input.toString());
		CommandRun joined = CommandRun.run(Map.of(), "import", "--dry-run", "--format=csv",
				"--job-store=" + workspace.jobStore(), "--configuration-id=cfg", input.toString());
		assertThat(spaced.exitCode()).as(spaced.output()).isZero();
		assertThat(joined.exitCode()).as(joined.output()).isZero();
	}

	@Test
	void aMissingOrUnrecognisedFileIsExitCode3() {
		Workspace workspace = new Workspace(this.dir);
		CommandRun missing = CommandRun.run(Map.of(), "import", "--dry-run", "--job-store",
				workspace.jobStore().toString(), this.dir.resolve("nope.csv").toString());
		assertThat(missing.exitCode()).isEqualTo(3);
		assertThat(missing.err()).contains("nope.csv does not exist");
		CommandRun unknownExtension = CommandRun.run(Map.of(), "import", "--dry-run",
				workspace.write("in.xls", "x").toString());
		assertThat(unknownExtension.exitCode()).isEqualTo(3);
		assertThat(unknownExtension.err()).contains("cannot tell the format").contains("--format");
	}

	@Test
	void aReportIsNamedForItsOwnFormatWhenTheInputsNameSaysAnother() throws Exception {
		Workspace workspace = new Workspace(this.dir);
		Path input = workspace.write("statuses.csv", "{\"id\":\"dcs-1\",\"status\":\"compliantt\"}\n");
		CommandRun run = CommandRun.run(Map.of(), "import", "--dry-run", "--format", "ndjson", "--job-store",
				workspace.jobStore().toString(), "--configuration-id", "cfg", input.toString());

		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		Path report = Workspace.runReportsOf(input).get(0);
		assertThat(Workspace.runReportsOf(input)).hasSize(1);
		assertThat(report.getFileName().toString()).endsWith(".ndjson");
		assertThat(this.dir.resolve("statuses.failures.latest.ndjson")).hasSameBinaryContentAs(report);
		assertThat(java.nio.file.Files.readString(report)).startsWith("{\"id\":\"dcs-1\",\"status\":\"compliantt\",");
		assertThat(this.dir.resolve("statuses.failures.latest.csv")).doesNotExist();
		assertThat(run.output()).contains(report.toString());
	}

}
