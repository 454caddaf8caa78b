package com.example.intune.statusimport.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.intune.statusimport.graph.GraphSettings;
import com.example.intune.statusimport.graph.RateLimit;
import com.example.intune.statusimport.graph.RetryPolicy;
import com.example.intune.statusimport.graph.StopSignal;
import com.example.intune.statusimport.input.InputFile;
import com.example.intune.statusimport.input.InputFormat;
import com.example.intune.statusimport.job.ExitCode;
import com.example.intune.statusimport.job.ImportRunner;
import com.example.intune.statusimport.job.JobStore;
import com.example.intune.statusimport.job.CompareMode;
import com.example.intune.statusimport.job.ImportSettings;
import com.example.intune.statusimport.job.OutputSettings;
import com.example.intune.statusimport.job.RunOutcome;
import com.example.intune.statusimport.job.RunSettings;
import com.example.intune.statusimport.simulator.GraphSimulator;
import com.example.intune.statusimport.simulator.SimulatorSettings;
import com.example.intune.statusimport.support.Workspace;
import com.example.intune.statusimport.validation.DateTimeReading;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exit code 5 is for what only a bug explains: the run stops, the summary of what was done is printed, and the
 * stack trace asks to be reported. A part of the job that fails the way no user input can make it fail stands in
 * for the bug.
 */
class InternalErrorTests {

	@TempDir
	Path dir;

	@Test
	void anUnexpectedFailureEndsWithExitCode5AndAStackTraceToReport() throws Exception {
		Workspace workspace = new Workspace(this.dir);
		Path input = workspace.write("statuses.csv", "deviceConfigurationId,id,status\ncfg-1,dcs-1,compliant\n");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		try (GraphSimulator graph = GraphSimulator.start(SimulatorSettings.healthy())) {
			GraphSettings settings = new GraphSettings(graph.graphUrl(), RetryPolicy.DEFAULT, Duration.ofSeconds(2),
					Duration.ofSeconds(2), "test", RateLimit.INTUNE, 1, 1);
			ImportSettings importSettings = new ImportSettings(InputFile.inspect(input, InputFormat.CSV), null,
					settings, new RunSettings(new JobStore.H2File(workspace.jobStore()), false, -1, 10, CompareMode.LIVE, null, false, false),
					new OutputSettings(Workspace.reportOf(input), null, Duration.ofSeconds(10), false),
					DateTimeReading.ISO_WITH_OFFSET);
			PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
			PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);

			RunOutcome outcome = new ImportRunner(stdout).run(importSettings, () -> {
				throw new IllegalStateException("a token source that cannot happen");
			}, new StopSignal());
			ExitCode code = new Console(stdout, stderr).outcome(outcome, null, java.time.Instant.now());

			assertThat(code).isEqualTo(ExitCode.INTERNAL_ERROR);
			assertThat(code.code()).isEqualTo(5);
		}
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("rows read      0").contains("exit code      5");
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("internal error, please report it")
			.contains("IllegalStateException: a token source that cannot happen")
			.contains("\tat com.example.intune.statusimport");
	}

}
