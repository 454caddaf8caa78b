package com.example.intune.statusimport.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.example.intune.statusimport.report.FailureCategory;

/**
 * The runs a job store holds, read through Spring Batch's own repository: the one place {@code runs} reads the job
 * store. Opened read-only, and never while an import holds the store.
 */
public final class RunHistory implements AutoCloseable {

	/** H2's code for a database another process has open. */
	private static final int IN_USE = 90020;

	private final SingleConnectionDataSource dataSource;

	private final JobRepository repository;

	private final boolean empty;

	/** For an H2 file, held while the runs are read: an import starting meanwhile waits its turn (exit 6). */
	private final AutoCloseable lock;

	private RunHistory(SingleConnectionDataSource dataSource, JobRepository repository, boolean empty,
			AutoCloseable lock) {
		this.dataSource = dataSource;
		this.repository = repository;
		this.empty = empty;
		this.lock = lock;
	}

	/**
	 * @throws UsageProblem when there is no job store there, or it cannot be read
	 * @throws BusyJobStore when an import holds an H2 job store (a PostgreSQL one is read while imports run)
	 */
	public static RunHistory open(JobStore store) {
		if (store instanceof JobStore.Postgres postgres) {
			try {
				return read(new SingleConnectionDataSource(postgres.connect(), true), store, null);
			}
			catch (SQLException ex) {
				throw new UsageProblem(PostgresProblem.describe(postgres, ex));
			}
		}
		Path jobStore = ((JobStore.H2File) store).path();
		Path database = JobStoreFiles.database(jobStore);
		if (!Files.isRegularFile(database)) {
			throw new UsageProblem("there is no job store at " + database + " (no import has run with it); give the"
					+ " --job-store the imports use.");
		}
		JobStoreLock.OnFile lock;
		try {
			lock = JobStoreLock.OnFile.tryAcquire(jobStore);
		}
		catch (java.io.IOException ex) {
			throw new UsageProblem("the job store " + database + " cannot be read: " + ex.getMessage());
		}
		if (lock == null) {
			throw busy(store);
		}
		try {
			return read(new SingleConnectionDataSource("jdbc:h2:file:" + jobStore.toAbsolutePath()
					+ ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r;TRACE_LEVEL_FILE=0", "sa", "", true), store, lock);
		}
		catch (RuntimeException ex) {
			closeQuietly(lock);
			throw ex;
		}
	}

	private static RunHistory read(SingleConnectionDataSource dataSource, JobStore store, AutoCloseable lock) {
		try {
			boolean empty;
			try (java.sql.Connection connection = dataSource.getConnection();
					java.sql.ResultSet tables = connection.getMetaData().getTables(null, null, "%", null)) {
				empty = true;
				while (tables.next()) {
					// H2 keeps names in upper case, PostgreSQL in lower case
					empty &= !"BATCH_JOB_EXECUTION".equalsIgnoreCase(tables.getString("TABLE_NAME"));
				}
			}
			JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
			factory.setDataSource(dataSource);
			factory.setTransactionManager(new DataSourceTransactionManager(dataSource));
			factory.setSerializer(new ReadableContexts());
			factory.afterPropertiesSet();
			return new RunHistory(dataSource, factory.getObject(), empty, lock);
		}
		catch (Exception ex) {
			dataSource.destroy();
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof SQLException sql && sql.getErrorCode() == IN_USE) {
					throw busy(store);
				}
			}
			Throwable root = ex;
			while (root.getCause() != null) {
				root = root.getCause();
			}
			throw new UsageProblem("the job store " + store.describe() + " cannot be read: "
					+ String.valueOf(root.getMessage()).lines().findFirst().orElse(""));
		}
	}

	private static void closeQuietly(AutoCloseable lock) {
		try {
			lock.close();
		}
		catch (Exception ex) {
			// the lock file is released when this process ends in any case
		}
	}

	private static BusyJobStore busy(JobStore store) {
		return new BusyJobStore("an import is running on the job store " + store.describe()
				+ "; its runs can be listed once it ends (exit 6: try again later).");
	}

	/** The newest {@code count} runs, newest first. */
	public List<PastRun> last(int count) {
		if (this.empty) {
			return List.of();
		}
		List<Long> ids = new JdbcTemplate(this.dataSource).queryForList("SELECT JOB_EXECUTION_ID FROM"
				+ " BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC LIMIT ?", Long.class, count);
		List<PastRun> runs = new ArrayList<>();
		for (long id : ids) {
			find(id).ifPresent(runs::add);
		}
		return runs;
	}

	public Optional<PastRun> find(long id) {
		JobExecution execution;
		try {
			execution = this.empty ? null : this.repository.getJobExecution(id);
		}
		catch (org.springframework.dao.EmptyResultDataAccessException ex) {
			execution = null;
		}
		if (execution == null || !ImportJobConfiguration.JOB_NAME.equals(execution.getJobInstance().getJobName())) {
			return Optional.empty();
		}
		return Optional.of(pastRun(execution));
	}

	private PastRun pastRun(JobExecution execution) {
		JobParameters parameters = execution.getJobParameters();
		ExecutionContext context = execution.getExecutionContext();
		RunCounters counters = execution.getStepExecutions()
			.stream()
			.filter(step -> ImportJobConfiguration.STEP_NAME.equals(step.getStepName()))
			.map(StepExecution::getExecutionContext)
			.map(RunCounters::from)
			.findFirst()
			.orElseGet(RunCounters::new);
		Map<String, Long> byCategory = new LinkedHashMap<>();
		for (FailureCategory category : FailureCategory.values()) {
			if (counters.failed(category) > 0) {
				byCategory.put(category.label(), counters.failed(category));
			}
		}
		Long resumed = this.repository.getJobExecutions(execution.getJobInstance())
			.stream()
			.map(JobExecution::getId)
			.filter(other -> other < execution.getId())
			.max(Long::compare)
			.orElse(null);
		String exit = execution.getExitStatus().getExitCode();
		Integer exitCode = exit.matches("\\d") ? Integer.valueOf(exit) : null;
		String meaning = exitCode != null ? execution.getExitStatus().getExitDescription()
				: execution.getEndTime() == null ? "unfinished: running, or stopped by a crash (the same command"
						+ " resumes it)" : "not recorded (Spring Batch says " + exit + ")";
		boolean plan = "true".equals(parameters.getString("plan"));
		boolean dryRun = "true".equals(parameters.getString("dry.run"));
		String rollback = context.getString(RunFiles.ROLLBACK_KEY, "");
		return new PastRun(execution.getId(), resumed, instant(execution.getStartTime()),
				instant(execution.getEndTime()), execution.getStatus().name(), exitCode, meaning,
				parameters.getString("input.path"), parameters.getString("graph.url"),
				plan ? "plan" : dryRun ? "dry run" : "import", counters.rows(),
				dryRun || plan ? counters.valid() : counters.applied(), counters.unchanged(), counters.failed(),
				byCategory, counters.topMessages(RunSummary.TOP_MESSAGES), context.getString(RunFiles.REPORT_KEY, null),
				context.getString(RunFiles.SUMMARY_KEY, null),
				rollback.isEmpty() ? List.of() : Arrays.asList(rollback.split("\n")),
				context.getString(RunFiles.PROBLEM_KEY, null), context.getString(RunFiles.SUMMARY_TEXT_KEY, null));
	}

	/** Spring Batch keeps local date-times, written in this machine's zone. */
	private static Instant instant(LocalDateTime time) {
		return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
	}

	@Override
	public void close() {
		this.dataSource.destroy();
		if (this.lock != null) {
			closeQuietly(this.lock);
		}
	}

	/** Another run holds the job store: exit 6, try later. */
	public static final class BusyJobStore extends RuntimeException {

		BusyJobStore(String message) {
			super(message);
		}

	}

}
