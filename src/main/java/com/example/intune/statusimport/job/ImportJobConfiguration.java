package com.example.intune.statusimport.job;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import com.example.intune.statusimport.graph.AccessTokenSource;
import com.example.intune.statusimport.graph.GraphClient;
import com.example.intune.statusimport.graph.GraphStats;
import com.example.intune.statusimport.graph.StopSignal;
import com.example.intune.statusimport.input.RowReader;
import com.example.intune.statusimport.input.SourceRow;
import com.example.intune.statusimport.report.FailureReport;
import com.example.intune.statusimport.validation.RowValidator;

/**
 * The import job: one chunk-oriented step that reads rows, classifies them, and sends or reports each one. The
 * reader position, the report length and the counters are committed together with every chunk, which is what makes
 * a crashed run resumable without sending or reporting a row twice.
 */
@Configuration(proxyBeanMethods = false)
public class ImportJobConfiguration {

	public static final String JOB_NAME = "deviceStatusImport";

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
		return new RowClassifier(new RowValidator(settings.defaultConfigurationId()));
	}

	@Bean
	FailureReport failureReport(ImportSettings settings) {
		return FailureReport.forInput(settings.input(), settings.reportPath());
	}

	@Bean
	GraphClient graphClient(ImportSettings settings, AccessTokenSource tokens, StopSignal stopSignal,
			GraphStats graphStats) {
		return new GraphClient(settings.graph(), tokens, stopSignal, graphStats);
	}

	@Bean
	AppliedFingerprints appliedFingerprints(DataSource dataSource, ImportSettings settings) {
		AppliedFingerprints fingerprints = new AppliedFingerprints(new JdbcTemplate(dataSource),
				settings.graph().graphUrl());
		fingerprints.createTableIfMissing();
		return fingerprints;
	}

	/** The requests of a chunk in flight at once; joined before the chunk commits. */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService graphRequests(ImportSettings settings) {
		AtomicInteger count = new AtomicInteger();
		return Executors.newFixedThreadPool(settings.concurrency(), runnable -> {
			Thread thread = new Thread(runnable, "graph-request-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@Bean
	DeviceStatusWriter deviceStatusWriter(GraphClient graphClient, FailureReport failureReport,
			ImportSettings settings, RunControl runControl, AppliedFingerprints appliedFingerprints,
			ExecutorService graphRequests) {
		return new DeviceStatusWriter(graphClient, failureReport, settings, runControl, appliedFingerprints,
				graphRequests);
	}

	@Bean
	Step importStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ImportSettings settings, RowReader rowReader, RowClassifier rowClassifier, DeviceStatusWriter writer,
			FailureReport failureReport, RunControl runControl) {
		return new StepBuilder("importRows", jobRepository).<SourceRow, ImportItem>chunk(settings.chunkSize())
			.transactionManager(transactionManager)
			.reader(rowReader)
			.processor(rowClassifier)
			.writer(writer)
			.stream(failureReport)
			.interruptionPolicy(runControl)
			.build();
	}

	@Bean
	Job importJob(JobRepository jobRepository, Step importStep) {
		return new JobBuilder(JOB_NAME, jobRepository).start(importStep).build();
	}

}
