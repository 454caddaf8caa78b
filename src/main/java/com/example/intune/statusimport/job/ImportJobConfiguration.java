package com.example.intune.statusimport.job;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import com.example.intune.statusimport.graph.AccessTokenSource;
import com.example.intune.statusimport.graph.GraphClient;
import com.example.intune.statusimport.graph.GraphStats;
import com.example.intune.statusimport.graph.LiveStatusReader;
import com.example.intune.statusimport.graph.StopSignal;
import com.example.intune.statusimport.input.RowReader;
import com.example.intune.statusimport.input.SourceRow;
import com.example.intune.statusimport.report.FailureReport;
import com.example.intune.statusimport.report.RollbackFile;
import com.example.intune.statusimport.validation.RowValidator;

/**
 * The import job: one chunk-oriented step that reads rows, classifies them, and sends or reports each one. The
 * reader position, the report length and the counters are committed together with every chunk, which is what makes
 * a crashed run resumable without sending or reporting a row twice.
 */
@Configuration(proxyBeanMethods = false)
public class ImportJobConfiguration {

	public static final String JOB_NAME = "deviceStatusImport";

	static final String STEP_NAME = "importRows";

	@Bean
	GraphStats graphStats() {
		return new GraphStats();
	}

	@Bean
	RunControl runControl(StopSignal stopSignal) {
		return new RunControl(stopSignal);
	}

	@Bean
	RowReader rowReader(ImportSettings settings) {
		return RowReader.forInput(settings.input(), settings.defaultConfigurationId());
	}

	@Bean
	RowClassifier rowClassifier(ImportSettings settings) {
		return new RowClassifier(new RowValidator(settings.defaultConfigurationId(), settings.dateTimes()));
	}

	/** The run's files: where its first start put them when the command resumes it (read from the job store). */
	@Bean
	@DependsOnDatabaseInitialization
	RunFiles runFiles(JobRepository jobRepository, ImportSettings settings) {
		return RunFiles.choose(jobRepository, settings);
	}

	/** A plan writes its plan where an import writes its report, in the same transactions. */
	@Bean
	FailureReport failureReport(RunFiles runFiles) {
		ImportSettings settings = runFiles.settings();
		return settings.run().plan() ? FailureReport.planFor(settings.input(), settings.output().reportPath())
				: FailureReport.forInput(settings.input(), settings.output().reportPath());
	}

	/** None for a dry run or a plan, which change nothing. */
	@Bean
	RollbackFile rollbackFile(RunFiles runFiles) {
		ImportSettings settings = runFiles.settings();
		OutputSettings output = settings.output();
		if (!settings.run().writes() || output.rollbackPath() == null) {
			return RollbackFile.none();
		}
		return RollbackFile.forInput(settings.input(), output.rollbackPath(), output.rollbackGiven(),
				new RowValidator(settings.defaultConfigurationId(), settings.dateTimes()));
	}

	@Bean
	GraphClient graphClient(ImportSettings settings, AccessTokenSource tokens, StopSignal stopSignal,
			GraphStats graphStats) {
		return new GraphClient(settings.graph(), tokens, stopSignal, graphStats);
	}

	@Bean
	ChangeDetector changeDetector(DataSource dataSource, ImportSettings settings) {
		AppliedFingerprints fingerprints = new AppliedFingerprints(new JdbcTemplate(dataSource),
				settings.graph().graphUrl(), settings.run().jobStore());
		fingerprints.createTableIfMissing();
		return new ChangeDetector(fingerprints, settings.run(), Clock.systemUTC());
	}

	@Bean
	LiveComparison liveComparison(GraphClient graphClient) {
		return new LiveComparison(new LiveStatusReader(graphClient));
	}

	@Bean
	ChunkCounts chunkCounts() {
		return new ChunkCounts();
	}

	@Bean
	DeviceStatusWriter deviceStatusWriter(GraphClient graphClient, FailureReport failureReport,
			RollbackFile rollbackFile, ChangeDetector changeDetector, LiveComparison liveComparison,
			ChunkCounts chunkCounts, RunControl runControl, ImportSettings settings) {
		return new DeviceStatusWriter(graphClient, failureReport, rollbackFile, changeDetector, liveComparison,
				chunkCounts, runControl, settings.run(), settings.input().expectedRows());
	}

	/** The step's saved state as JSON, so that the job store can be read (and searched for what it must not hold). */
	@Bean
	ExecutionContextSerializer executionContextSerializer() {
		return new ReadableContexts();
	}

	@Bean
	Step importStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ImportSettings settings, RowReader rowReader, RowClassifier rowClassifier, DeviceStatusWriter writer,
			FailureReport failureReport, RollbackFile rollbackFile, RunControl runControl) {
		var step = new StepBuilder(STEP_NAME, jobRepository).<SourceRow, ImportItem>chunk(settings.run().chunkSize())
			.transactionManager(transactionManager)
			.reader(rowReader)
			.processor(rowClassifier)
			.writer(writer)
			.stream(failureReport)
			.listener(failureReport) // a workbook report is written whole when the step ends
			.stream(rollbackFile) // in the chunk's transaction, as the report
			.listener(rollbackFile)
			.interruptionPolicy(runControl);
		OpenedState opened = new OpenedState(jobRepository);
		step.stream(opened).listener(opened); // after the streams that keep state: saves what they chose on opening
		CommitPause pause = CommitPause.fromSystemProperty();
		if (pause != null) {
			step.stream(pause); // last: after the report and the rollback file have written their rows
		}
		return step.build();
	}

	@Bean
	Job importJob(JobRepository jobRepository, Step importStep, RunFiles runFiles) {
		return new JobBuilder(JOB_NAME, jobRepository).listener(runFiles).start(importStep).build();
	}

}
