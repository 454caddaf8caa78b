package com.example.intune.statusimport.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import com.example.intune.statusimport.graph.AccessTokenSource;
import com.example.intune.statusimport.graph.GraphSettings;
import com.example.intune.statusimport.graph.RateLimit;
import com.example.intune.statusimport.graph.RetryPolicy;
import com.example.intune.statusimport.graph.StopSignal;
import com.example.intune.statusimport.input.InputFile;
import com.example.intune.statusimport.input.InputFormat;
import com.example.intune.statusimport.simulator.GraphSimulator;
import com.example.intune.statusimport.simulator.SimulatorSettings;
import com.example.intune.statusimport.support.Workspace;
import com.example.intune.statusimport.validation.DateTimeReading;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job as Spring Batch runs it, through spring-batch-test, on the bundled sample: what the step counted, what
 * the simulator holds and what the report says.
 */
@SpringBatchTest
@SpringBootTest(classes = { ImportApplication.class, ImportJobFunctionalTests.Fixture.class },
		properties = { "spring.batch.job.enabled=false", "spring.batch.jdbc.initialize-schema=always",
				"spring.datasource.url=jdbc:h2:mem:import-job-functional-tests;DB_CLOSE_DELAY=-1",
				"logging.level.org.springframework.batch=OFF" })
class ImportJobFunctionalTests {

	static final GraphSimulator SIMULATOR = GraphSimulator.start(SimulatorSettings.healthy());

	static final Path DIR = temporaryFolder();

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	JobRepositoryTestUtils jobRepositoryTestUtils;

	@Autowired
	ImportSettings settings;

	@AfterEach
	void removeJobExecutions() {
		this.jobRepositoryTestUtils.removeJobExecutions();
	}

	@AfterAll
	static void stopSimulator() {
		SIMULATOR.close();
	}

	@Test
	void importJob_whenTheSampleHasGoodAndBadRows_thenGoodRowsAppliedAndBadRowsReported() throws Exception {
		// when
		JobExecution execution = this.jobOperatorTestUtils.startJob(RunIdentity.of(this.settings, 1));

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		StepExecution step = execution.getStepExecutions().iterator().next();
		assertThat(step.getReadCount()).isEqualTo(16);
		assertThat(step.getWriteCount()).as("every row reaches the writer: applied or reported").isEqualTo(16);
		assertThat(step.getFilterCount()).isZero();
		assertThat(step.getExecutionContext().getLong("counters.applied")).isEqualTo(9);
		assertThat(step.getExecutionContext().getLong("counters.invalid")).isEqualTo(5);
		assertThat(SIMULATOR.statuses()).hasSize(9);
		assertThat(SIMULATOR.statuses().get("b8f2c2a4-1d6e-4e5f-9a0b-5d2f3e7c1a01/dcs-0002").path("status").asString())
			.isEqualTo("nonCompliant");
		List<Map<String, String>> report = Workspace.readCsvRows(this.settings.output().reportPath());
		assertThat(report).extracting(row -> row.get("_line")).containsExactly("7", "8", "9", "10", "11", "13", "16");
	}

	private static Path temporaryFolder() {
		try {
			Path dir = Files.createTempDirectory("import-job-functional-tests");
			dir.toFile().deleteOnExit();
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Fixture {

		@Bean
		ImportSettings importSettings() throws IOException {
			Path input = Files.copy(Path.of("samples/device-statuses.csv"), DIR.resolve("device-statuses.csv"));
			GraphSettings graph = new GraphSettings(SIMULATOR.graphUrl(),
					new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(100)), Duration.ofSeconds(5),
					Duration.ofSeconds(5), "device-status-import/test", new RateLimit(10_000, Duration.ofSeconds(1)), 2,
					1);
			return new ImportSettings(InputFile.inspect(input, InputFormat.CSV), null, graph,
					new RunSettings(new JobStore.H2File(DIR.resolve("unused-job-store")), false, -1, 5, CompareMode.LIVE, null, false, false),
					new OutputSettings(DIR.resolve("report.csv"), null, Duration.ofSeconds(10), false),
					DateTimeReading.ISO_WITH_OFFSET);
		}

		@Bean
		AccessTokenSource accessTokenSource() {
			return () -> Workspace.TOKEN;
		}

		@Bean
		StopSignal stopSignal() {
			return new StopSignal();
		}

	}

}
