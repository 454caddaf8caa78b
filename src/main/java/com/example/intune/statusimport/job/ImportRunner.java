package com.example.intune.statusimport.job;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.example.intune.statusimport.graph.AccessTokenSource;
import com.example.intune.statusimport.graph.GraphClient;
import com.example.intune.statusimport.graph.GraphFatalException;
import com.example.intune.statusimport.graph.GraphStats;
import com.example.intune.statusimport.graph.RunStoppedException;
import com.example.intune.statusimport.graph.StopSignal;
import com.example.intune.statusimport.input.InputProblem;

/**
 * Runs the import job once: takes the job store, works out whether this command resumes an unfinished run or starts
 * a new one, runs the job, prints the summary and answers the exit code. A run is identified by the input's path and
 * content, the Graph URL, the default configuration id and whether it is a dry run, plus a run number that grows
 * each time such a run completes.
 */
public final class ImportRunner {

	private static final String STEP_NAME = "importRows";

	private final PrintStream out;

	private final PrintStream err;

	private final boolean progressBar;

	/**
	 * @param progressBar a live bar (for a terminal) rather than a plain line per interval (for a log)
	 */
	public ImportRunner(PrintStream out, PrintStream err, boolean progressBar) {
		this.out = out;
		this.err = err;
		this.progressBar = progressBar;
	}

	public ExitCode run(ImportSettings settings, AccessTokenSource tokens, StopSignal stop) {
		JobStoreLock lock;
		try {
			lock = JobStoreLock.tryAcquire(settings.jobStore());
		}
		catch (IOException ex) {
			return fatal("the job store " + settings.jobStore() + " cannot be used: " + ex.getMessage());
		}
		if (lock == null) {
			return fatal("another import is running on the job store " + settings.jobStore() + ". Wait for it to"
					+ " finish, or give this run its own --job-store.");
		}
		try (lock) {
			ConfigurableApplicationContext context;
			try {
				context = startContext(settings, tokens, stop);
			}
			catch (RuntimeException ex) {
				return fatal("the job store " + settings.jobStore() + " cannot be opened: " + rootMessage(ex)
						+ ". Give another --job-store, or remove this one to forget unfinished runs.");
			}
			try (context) {
				return runJob(context, settings, stop);
			}
		}
		catch (IOException ex) {
			return fatal("the job store lock cannot be released: " + ex.getMessage());
		}
	}

	/** The database's own words when it has some, else the innermost cause. */
	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		for (Throwable t = failure; t != null; t = t.getCause()) {
			root = t;
			if (t instanceof java.sql.SQLException) {
				break;
			}
		}
		String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
		return message.lines().findFirst().orElse(message);
	}

	private ConfigurableApplicationContext startContext(ImportSettings settings, AccessTokenSource tokens,
			StopSignal stop) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.web-application-type", "none");
		properties.put("spring.main.log-startup-info", "false");
		properties.put("spring.batch.job.enabled", "false");
		properties.put("spring.batch.jdbc.initialize-schema", "always");
		// WRITE_DELAY=0: a kill -9 must not lose the last commits; DB_CLOSE_ON_EXIT=FALSE: on SIGTERM the job still
		// commits its last chunk after the JVM began shutting down
		properties.put("spring.datasource.url", "jdbc:h2:file:" + settings.jobStore().toAbsolutePath()
				+ ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
		properties.put("spring.datasource.username", "sa");
		properties.put("spring.datasource.password", "");
		properties.put("spring.datasource.hikari.maximum-pool-size", "2");
		properties.put("logging.level.root", "WARN");
		// start-up failures (a broken job store) are explained in one line by the runner
		properties.put("logging.level.org.springframework", "OFF");
		properties.put("logging.level.com.zaxxer.hikari", "OFF");
		// failures are explained by the summary; Batch would print each as a stack trace
		properties.put("logging.level.org.springframework.batch", "OFF");
		properties.put("logging.level.org.springframework.jdbc.datasource.init", "OFF");
		return new SpringApplicationBuilder(ImportApplication.class).registerShutdownHook(false)
			.properties(properties)
			.initializers(context -> {
				context.getBeanFactory().registerSingleton("importSettings", settings);
				context.getBeanFactory().registerSingleton("accessTokenSource", tokens);
				context.getBeanFactory().registerSingleton("stopSignal", stop);
			})
			.run();
	}

	private ExitCode runJob(ConfigurableApplicationContext context, ImportSettings settings, StopSignal stop) {
		JobRepository repository = context.getBean(JobRepository.class);
		JobOperator operator = context.getBean(JobOperator.class);
		Job job = context.getBean(Job.class);
		DeviceStatusWriter writer = context.getBean(DeviceStatusWriter.class);
		RunControl control = context.getBean(RunControl.class);
		GraphStats stats = context.getBean(GraphStats.class);
		GraphClient graph = context.getBean(GraphClient.class);

		JobParameters parameters = chooseRun(repository, operator, settings);
		Instant started = Instant.now();
		JobExecution execution;
		try (ProgressReporter progress = ProgressReporter.start(writer, graph, settings, this.out,
				this.progressBar)) {
			execution = operator.start(job, parameters);
		}
		catch (Exception ex) {
			return internalError(ex);
		}
		Duration elapsed = Duration.between(started, Instant.now());
		RunCounters counters = writer.counters();
		long rowsThisRun = counters.rows() - writer.countersAtOpen().rows();

		ExitCode exitCode;
		String reason = null;
		Optional<Throwable> fatal = findCause(execution, GraphFatalException.class, InputProblem.class,
				ItemStreamException.class);
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			exitCode = counters.failed() == 0 ? ExitCode.ALL_APPLIED : ExitCode.SOME_FAILED;
		}
		else if (stop.isRequested() || findCause(execution, RunStoppedException.class).isPresent()) {
			exitCode = ExitCode.INTERRUPTED;
			reason = "interrupted; rows committed so far are kept. Run the same command to resume.";
		}
		else if (fatal.isPresent()) {
			exitCode = ExitCode.FATAL;
			reason = messageOf(fatal.get());
		}
		else if (execution.getStatus() == BatchStatus.STOPPED && control.isFailureLimitReached()) {
			exitCode = ExitCode.FAILURE_LIMIT;
			reason = counters.failed() + " rows failed, more than --max-failures " + settings.maxFailures()
					+ ". Look at the report, fix the cause or raise --max-failures, then run the same command to"
					+ " resume.";
		}
		else {
			Throwable cause = execution.getAllFailureExceptions().stream().findFirst().orElse(null);
			return cause == null ? fatal("the run ended " + execution.getStatus()) : internalError(cause);
		}
		RunSummary summary = new RunSummary(settings, counters, stats, rowsThisRun, elapsed, exitCode);
		summary.print(this.out);
		if (settings.summaryJson() != null) {
			try {
				summary.writeJson(settings.summaryJson());
			}
			catch (IOException ex) {
				this.err.println("device-status-import: the summary " + settings.summaryJson() + " cannot be written: "
						+ ex.getMessage());
			}
		}
		if (reason != null) {
			this.err.println("device-status-import: " + reason);
		}
		return exitCode;
	}

	/**
	 * Resumes the latest run with this identity unless it completed; recovers an execution a crash left STARTED
	 * (holding the job store lock proves no live process owns it).
	 */
	private JobParameters chooseRun(JobRepository repository, JobOperator operator, ImportSettings settings) {
		long run = 1;
		JobInstance latest = null;
		while (true) {
			JobInstance instance = repository.getJobInstance(ImportJobConfiguration.JOB_NAME, identity(settings, run));
			if (instance == null) {
				break;
			}
			latest = instance;
			run++;
		}
		if (latest == null) {
			return identity(settings, 1);
		}
		JobExecution last = repository.getLastJobExecution(latest);
		if (last == null) {
			return identity(settings, run - 1);
		}
		if (last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED) {
			return identity(settings, run);
		}
		if (last.getStatus().isRunning()) {
			JobExecution hydrated = repository.getJobExecution(last.getId());
			operator.recover(hydrated == null ? last : hydrated);
			this.out.println("Recovered run " + (run - 1) + ", which was left unfinished by a crash.");
		}
		StepExecution step = repository.getLastStepExecution(latest, STEP_NAME);
		long done = step == null ? 0 : RunCounters.from(step.getExecutionContext()).rows();
		this.out.println("Resuming run " + (run - 1) + " of " + settings.input().path().getFileName() + ": " + done
				+ " rows were done before; they are not sent again.");
		return identity(settings, run - 1);
	}

	static JobParameters identity(ImportSettings settings, long run) {
		return new JobParametersBuilder().addString("input.path", settings.input().path().toString())
			.addString("input.sha256", settings.input().sha256())
			.addString("graph.url", settings.graph().graphUrl())
			.addString("configuration.id",
					settings.defaultConfigurationId() == null ? "" : settings.defaultConfigurationId())
			.addString("dry.run", Boolean.toString(settings.dryRun()))
			.addLong("run", run)
			.toJobParameters();
	}

	@SafeVarargs
	private static Optional<Throwable> findCause(JobExecution execution, Class<? extends Throwable>... types) {
		for (Throwable failure : execution.getAllFailureExceptions()) {
			for (Throwable t = failure; t != null; t = t.getCause()) {
				for (Class<? extends Throwable> type : types) {
					if (type.isInstance(t)) {
						return Optional.of(t);
					}
				}
			}
		}
		return Optional.empty();
	}

	private static String messageOf(Throwable failure) {
		if (failure instanceof ItemStreamException && failure.getCause() != null
				&& !(failure.getCause() instanceof IOException)) {
			return failure.getMessage() + ": " + failure.getCause().getMessage();
		}
		return failure.getMessage();
	}

	private ExitCode fatal(String message) {
		this.err.println("device-status-import: " + message);
		return ExitCode.FATAL;
	}

	private ExitCode internalError(Throwable failure) {
		this.err.println("device-status-import: internal error, please report it with the text below: " + failure);
		failure.printStackTrace(this.err);
		return ExitCode.INTERNAL_ERROR;
	}

}
