package com.example.intune.statusimport.cli;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import com.example.intune.statusimport.graph.AccessTokenSource;
import com.example.intune.statusimport.graph.GraphFatalException;
import com.example.intune.statusimport.graph.GraphSettings;
import com.example.intune.statusimport.graph.RateLimit;
import com.example.intune.statusimport.graph.RetryPolicy;
import com.example.intune.statusimport.graph.StopSignal;
import com.example.intune.statusimport.input.InputFile;
import com.example.intune.statusimport.input.InputFormat;
import com.example.intune.statusimport.input.InputProblem;
import com.example.intune.statusimport.job.ExitCode;
import com.example.intune.statusimport.job.ImportRunner;
import com.example.intune.statusimport.job.ImportSettings;
import com.example.intune.statusimport.signin.Cloud;
import com.example.intune.statusimport.signin.SignInOptions;

/** {@code import [options] FILE}: the job. */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = Version.class, showDefaultValues = true,
		sortOptions = false,
		description = { "Reads device statuses from FILE, validates each row, and PATCHes the valid ones to Graph."
				+ " Rows that cannot be applied go to the failure report, which is itself a valid input.",
				"Sign in with exactly one credential: --tenant-id and --client-id with a client secret"
						+ " (GRAPH_CLIENT_SECRET or --client-secret-file), --certificate or --federated-token-file;"
						+ " --managed-identity on Azure; or a token in GRAPH_ACCESS_TOKEN. --dry-run needs none.",
				"" },
		footer = { "", "Exit codes: 0 all applied, 1 some rows failed (see the report), 2 stopped at --max-failures,"
				+ " 3 fatal (bad option, input, token, Graph unreachable), 4 interrupted (run the same command to"
				+ " resume), 5 internal error." })
final class ImportCommand implements Callable<Integer> {

	static final String DEFAULT_JOB_STORE = "~/.device-status-import/job-store";

	private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

	private final PrintStream out;

	private final PrintStream err;

	private final Map<String, String> environment;

	private final boolean ownsProcess;

	@Parameters(paramLabel = "FILE", description = "The input: .csv/.txt are read as CSV, .tsv as tab-separated,"
			+ " .ndjson/.jsonl as NDJSON.")
	Path file;

	@Option(names = "--format", paramLabel = "csv|tsv|ndjson",
			description = "Read FILE in this format, whatever its extension. Default: from the extension.")
	String format;

	@Option(names = "--graph-url", paramLabel = "URL",
			description = "The Graph service root. Default: the --cloud's, https://graph.microsoft.com/v1.0 for global.")
	String graphUrl;

	@Option(names = "--tenant-id", paramLabel = "ID", description = "Sign in as an application of this tenant.")
	String tenantId;

	@Option(names = "--client-id", paramLabel = "ID",
			description = "The application (client) id. With a client secret in GRAPH_CLIENT_SECRET or"
					+ " --client-secret-file, --certificate, or --federated-token-file.")
	String clientId;

	@Option(names = "--client-secret-file", paramLabel = "PATH",
			description = "A file holding the client secret (never give a secret as an option value).")
	Path clientSecretFile;

	@Option(names = "--certificate", paramLabel = "PATH",
			description = "The application's certificate and private key: a PKCS#12 file (password from"
					+ " GRAPH_CERTIFICATE_PASSWORD) or a PEM file.")
	Path certificate;

	@Option(names = "--federated-token-file", paramLabel = "PATH",
			description = "A federated client assertion (workload identity), re-read for every new token."
					+ " Default with --tenant-id and --client-id and no other credential: AZURE_FEDERATED_TOKEN_FILE.")
	Path federatedTokenFile;

	@Option(names = "--managed-identity", paramLabel = "CLIENT_ID", arity = "0..1", fallbackValue = "",
			description = "Sign in as the managed identity of the Azure host (VM, App Service, Container Apps);"
					+ " give the client id of a user-assigned identity as --managed-identity=CLIENT_ID.")
	String managedIdentity;

	@Option(names = "--cloud", paramLabel = "global|usgov|usgov-dod|china", defaultValue = "global",
			description = "The Microsoft cloud: sets the sign-in host, the Graph host and the token scope.")
	String cloud;

	@Option(names = "--authority-url", paramLabel = "URL",
			description = "The sign-in endpoint root instead of the cloud's (a private or test identity endpoint);"
					+ " the tenant id is appended.")
	String authorityUrl;

	@Option(names = "--configuration-id", paramLabel = "ID",
			description = "The deviceConfigurationId for rows that carry none.")
	String configurationId;

	@Option(names = "--report", paramLabel = "PATH",
			description = "The failure report, in the input's format. Default: next to FILE, named"
					+ " NAME.failures.EXT.")
	Path report;

	@Option(names = "--job-store", paramLabel = "PATH", defaultValue = DEFAULT_JOB_STORE,
			description = "The H2 database file (without .mv.db) that keeps run state for resuming.")
	String jobStore;

	@Option(names = "--dry-run", description = "Read and validate everything, write the report, send nothing.")
	boolean dryRun;

	@Option(names = "--max-failures", paramLabel = "N",
			description = "Stop the run (exit 2) once more than N rows have failed. Default: no limit.")
	Long maxFailures;

	@Option(names = "--max-attempts", paramLabel = "N", defaultValue = "12",
			description = "Attempts per row, the first included, before a transient failure is reported.")
	int maxAttempts;

	@Option(names = "--retry-base-delay", paramLabel = "DURATION", defaultValue = "1s",
			converter = DurationConverter.class,
			description = "The first back-off after a transient failure without Retry-After; it doubles with each"
					+ " attempt, with jitter.")
	Duration retryBaseDelay;

	@Option(names = "--retry-max-delay", paramLabel = "DURATION", defaultValue = "60s",
			converter = DurationConverter.class,
			description = "The longest back-off of our own; a Retry-After from Graph is always honoured in full.")
	Duration retryMaxDelay;

	@Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
			converter = DurationConverter.class, description = "How long to wait for a connection to Graph.")
	Duration connectTimeout;

	@Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "60s",
			converter = DurationConverter.class,
			description = "How long to wait for Graph's answer before trying again.")
	Duration requestTimeout;

	@Option(names = "--chunk-size", paramLabel = "N",
			description = "Rows committed together; after a crash at most this many are sent again."
					+ " Default: 100, or 1000 with --dry-run (which sends nothing, so bigger chunks only make it faster).")
	Integer chunkSize;

	@Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "10s",
			converter = DurationConverter.class, description = "How often a progress line is printed.")
	Duration progressInterval;

	@Option(names = "--rate", paramLabel = "N/DURATION", defaultValue = "100/20s",
			description = "The most writes to send, retries included: Intune allows 100 per 20 s per app. Lowered by"
					+ " itself while Graph throttles (another app may share the tenant), never raised above this.")
	String rate;

	@Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
			description = "Requests in flight at once. 4 keeps 5 writes/s going when each takes up to 800 ms.")
	int concurrency;

	@Option(names = "--batch-size", paramLabel = "N", defaultValue = "1",
			description = "Updates per request, 1 to 20: above 1 they travel in one JSON $batch. Each one still counts"
					+ " against the quota, so batching saves round trips, not quota.")
	int batchSize;

	@Option(names = "--force", description = "Send every row, also those whose values Graph already confirmed"
			+ " (for statuses changed by hand in Intune).")
	boolean force;

	@Option(names = "--resend-older-than", paramLabel = "DURATION", converter = DurationConverter.class,
			description = "Send rows whose values Graph confirmed longer ago than this, even if unchanged."
					+ " Default: never.")
	Duration resendOlderThan;

	@Option(names = "--progress", paramLabel = "auto|bar|lines", defaultValue = "auto",
			description = "A live bar (on a terminal) or a plain line every --progress-interval (in a log); auto picks"
					+ " by whether the output is a terminal.")
	String progress;

	@Option(names = "--summary-json", paramLabel = "PATH",
			description = "Write the end-of-run figures as JSON, for a scheduler or a dashboard.")
	Path summaryJson;

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	ImportCommand(PrintStream out, PrintStream err, Map<String, String> environment, boolean ownsProcess) {
		this.out = out;
		this.err = err;
		this.environment = environment;
		this.ownsProcess = ownsProcess;
	}

	@Override
	public Integer call() {
		Cloud chosenCloud = chosenCloud();
		if (this.graphUrl == null) {
			this.graphUrl = chosenCloud.graphUrl();
		}
		checkOptions();
		InputFormat inputFormat = inputFormat();
		AccessTokenSource tokens;
		try {
			// the first token comes before the input is read: a wrong secret fails in seconds, not after hours
			tokens = this.dryRun ? () -> {
				throw new IllegalStateException("a dry run sends nothing");
			} : signInOptions(chosenCloud).tokenSource(this.environment);
			if (!this.dryRun) {
				tokens.verify();
			}
		}
		catch (GraphFatalException ex) {
			throw new UserError(ex.getMessage());
		}
		InputFile input;
		try {
			input = InputFile.inspect(this.file, inputFormat);
		}
		catch (InputProblem ex) {
			throw new UserError(ex.getMessage());
		}
		RetryPolicy retryPolicy = new RetryPolicy(this.maxAttempts, this.retryBaseDelay, this.retryMaxDelay);
		GraphSettings graph = new GraphSettings(this.graphUrl, retryPolicy, this.connectTimeout, this.requestTimeout,
				Version.userAgent(), rateLimit());
		ImportSettings settings = new ImportSettings(input, reportPath(input), jobStorePath(), graph,
				this.configurationId == null ? null : this.configurationId.strip(), this.dryRun,
				this.maxFailures == null ? -1 : this.maxFailures, this.chunkSize, this.progressInterval,
				this.concurrency, this.force, this.resendOlderThan, this.summaryJson, this.batchSize);
		StopSignal stop = new StopSignal();
		ImportRunner runner = new ImportRunner(this.out, this.err, progressBar());
		if (!this.ownsProcess) {
			return runner.run(settings, tokens, stop).code();
		}
		return runHandlingSignals(runner, settings, tokens, stop);
	}

	/**
	 * On SIGTERM or Ctrl-C the job stops after its current row, rolls back the unfinished chunk and exits 4; the same
	 * command resumes it. The JVM's own shutdown waits for that, up to a bound.
	 */
	private int runHandlingSignals(ImportRunner runner, ImportSettings settings, AccessTokenSource tokens,
			StopSignal stop) {
		CountDownLatch finished = new CountDownLatch(1);
		AtomicInteger exitCode = new AtomicInteger(ExitCode.INTERRUPTED.code());
		Thread hook = new Thread(() -> {
			if (finished.getCount() == 0) {
				return;
			}
			stop.request();
			try {
				finished.await(this.requestTimeout.toMillis() + 30_000, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.out.flush();
			this.err.flush();
			// the run's own answer: 4 when the signal stopped it, whatever it ended with if it finished anyway
			Runtime.getRuntime().halt(exitCode.get());
		}, "stop-on-signal");
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			exitCode.set(runner.run(settings, tokens, stop).code());
			return exitCode.get();
		}
		finally {
			finished.countDown();
		}
	}

	private boolean progressBar() {
		return switch (this.progress.strip().toLowerCase(Locale.ROOT)) {
			case "bar" -> true;
			case "lines" -> false;
			case "auto" -> this.ownsProcess && System.console() != null;
			default -> throw new CommandLine.ParameterException(this.spec.commandLine(),
					"--progress '" + this.progress + "' is not one of auto, bar, lines");
		};
	}

	private RateLimit rateLimit() {
		try {
			return RateLimit.parse(this.rate);
		}
		catch (IllegalArgumentException ex) {
			throw new CommandLine.ParameterException(this.spec.commandLine(), "--rate " + ex.getMessage());
		}
	}

	private Cloud chosenCloud() {
		try {
			return Cloud.fromOption(this.cloud);
		}
		catch (IllegalArgumentException ex) {
			throw new CommandLine.ParameterException(this.spec.commandLine(), "--cloud " + ex.getMessage());
		}
	}

	private SignInOptions signInOptions(Cloud chosenCloud) {
		if (this.authorityUrl != null && !this.authorityUrl.strip().startsWith("https://")) {
			throw new CommandLine.ParameterException(this.spec.commandLine(), "--authority-url '" + this.authorityUrl
					+ "' must be an https URL such as https://login.microsoftonline.com");
		}
		String managedIdentityClientId = this.managedIdentity == null || this.managedIdentity.isBlank() ? null
				: this.managedIdentity.strip();
		return new SignInOptions(strip(this.tenantId), strip(this.clientId), this.clientSecretFile, this.certificate,
				this.federatedTokenFile, this.managedIdentity != null, managedIdentityClientId, chosenCloud,
				strip(this.authorityUrl));
	}

	private static String strip(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private void checkOptions() {
		if (this.maxAttempts < 1) {
			throw new CommandLine.ParameterException(this.spec.commandLine(),
					"--max-attempts must be at least 1, not " + this.maxAttempts);
		}
		if (this.chunkSize == null) {
			this.chunkSize = this.dryRun ? 1000 : 100;
		}
		if (this.chunkSize < 1 || this.chunkSize > 10_000) {
			throw new CommandLine.ParameterException(this.spec.commandLine(),
					"--chunk-size must be between 1 and 10000, not " + this.chunkSize);
		}
		if (this.concurrency < 1 || this.concurrency > 64) {
			throw new CommandLine.ParameterException(this.spec.commandLine(),
					"--concurrency must be between 1 and 64, not " + this.concurrency);
		}
		rateLimit();
		progressBar();
		if (this.batchSize < 1 || this.batchSize > 20) {
			throw new CommandLine.ParameterException(this.spec.commandLine(),
					"--batch-size must be between 1 and 20 (Graph's limit per $batch), not " + this.batchSize);
		}
		if (this.maxFailures != null && this.maxFailures < 0) {
			throw new CommandLine.ParameterException(this.spec.commandLine(),
					"--max-failures must be 0 or more, not " + this.maxFailures);
		}
		if (this.configurationId != null && (!SAFE_ID.matcher(this.configurationId.strip()).matches()
				|| this.configurationId.strip().matches("\\.\\.?"))) {
			throw new CommandLine.ParameterException(this.spec.commandLine(), "--configuration-id '"
					+ this.configurationId + "' is not a valid id: use letters, digits, '-', '_' and '.' only");
		}
		URI uri;
		try {
			uri = URI.create(this.graphUrl.strip());
		}
		catch (IllegalArgumentException ex) {
			uri = null;
		}
		if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
				|| uri.getQuery() != null || uri.getFragment() != null) {
			throw new CommandLine.ParameterException(this.spec.commandLine(), "--graph-url '" + this.graphUrl
					+ "' is not an http(s) URL such as https://graph.microsoft.com/v1.0");
		}
		this.graphUrl = this.graphUrl.strip();
	}

	private InputFormat inputFormat() {
		if (this.format != null) {
			try {
				return InputFormat.valueOf(this.format.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new CommandLine.ParameterException(this.spec.commandLine(),
						"--format '" + this.format + "' is not one of csv, tsv, ndjson");
			}
		}
		return InputFormat.forFileName(this.file)
			.orElseThrow(() -> new CommandLine.ParameterException(this.spec.commandLine(), "cannot tell the format of "
					+ this.file + " from its name; name it .csv, .tsv, .ndjson or .jsonl, or give --format"));
	}

	private Path reportPath(InputFile input) {
		if (this.report != null) {
			return this.report.toAbsolutePath().normalize();
		}
		String name = input.path().getFileName().toString();
		int dot = name.lastIndexOf('.');
		String stem = dot > 0 ? name.substring(0, dot) : name;
		String extension = dot > 0 ? name.substring(dot) : switch (input.format()) {
			case CSV -> ".csv";
			case TSV -> ".tsv";
			case NDJSON -> ".ndjson";
		};
		return input.path().resolveSibling(stem + ".failures" + extension);
	}

	private Path jobStorePath() {
		String path = this.jobStore;
		if (path.equals("~") || path.startsWith("~/")) {
			path = System.getProperty("user.home") + path.substring(1);
		}
		return Path.of(path).toAbsolutePath().normalize();
	}

}
