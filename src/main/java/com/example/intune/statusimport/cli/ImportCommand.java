package com.example.intune.statusimport.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import com.example.intune.statusimport.files.DistinctFiles;
import com.example.intune.statusimport.files.PrivateFiles;
import com.example.intune.statusimport.graph.AccessTokenSource;
import com.example.intune.statusimport.graph.GraphSettings;
import com.example.intune.statusimport.graph.StopSignal;
import com.example.intune.statusimport.input.ColumnMapping;
import com.example.intune.statusimport.input.InputFile;
import com.example.intune.statusimport.input.InputFormat;
import com.example.intune.statusimport.input.TextOptions;
import com.example.intune.statusimport.job.ExitCode;
import com.example.intune.statusimport.job.ImportRunner;
import com.example.intune.statusimport.job.ImportSettings;
import com.example.intune.statusimport.job.OutputSettings;
import com.example.intune.statusimport.job.RunOutcome;
import com.example.intune.statusimport.job.RunSettings;
import com.example.intune.statusimport.runlog.RunLog;
import com.example.intune.statusimport.runlog.Terminal;
import com.example.intune.statusimport.runlog.TerminalWidth;

/** {@code import [options] FILE}: the job. Each concern's options are a group of their own. */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = Version.class, showDefaultValues = true,
		sortOptions = false, defaultValueProvider = InitialValueDefaults.class,
		description = { "Reads device statuses from FILE, validates each row, and PATCHes the valid ones to Graph."
				+ " Rows that cannot be applied go to the failure report, which is itself a valid input.",
				"Sign in with exactly one credential: --tenant-id and --client-id with a client secret"
						+ " (GRAPH_CLIENT_SECRET or --client-secret-file), --certificate or --federated-token-file;"
						+ " --managed-identity on Azure; or a token in GRAPH_ACCESS_TOKEN. --dry-run needs none.",
				"" })
class ImportCommand implements Callable<Integer> {

	/** A dry run sends nothing, so it needs no credential. */
	private static final AccessTokenSource NO_TOKEN_NEEDED = () -> {
		throw new IllegalStateException("a dry run sends nothing");
	};

	private final Console console;

	final Map<String, String> environment;

	private final boolean ownsProcess;

	@Parameters(paramLabel = "FILE", description = "The input: .csv/.txt are read as CSV, .tsv as tab-separated,"
			+ " .ndjson/.jsonl as NDJSON, .xlsx as an Excel workbook (see --sheet).")
	Path file;

	@ArgGroup(validate = false, heading = "%nInput:%n", order = 1)
	InputOptions input = new InputOptions();

	@ArgGroup(validate = false, heading = "%nValues:%n", order = 1)
	ValueOptions values = new ValueOptions();

	@ArgGroup(validate = false, heading = "%nSigning in:%n", order = 2)
	SignInOptions signIn = new SignInOptions();

	@ArgGroup(validate = false, heading = "%nGraph and pacing:%n", order = 3)
	GraphOptions graph = new GraphOptions();

	@ArgGroup(validate = false, heading = "%nRun control:%n", order = 4)
	RunOptions run = new RunOptions();

	@ArgGroup(validate = false, heading = "%nOutput:%n", order = 5)
	OutputOptions output = new OutputOptions();

	ImportCommand(Console console, Map<String, String> environment, boolean ownsProcess) {
		this.console = console;
		this.environment = environment;
		this.ownsProcess = ownsProcess;
	}

	/** How the run is kept and bounded; a plan's differ. */
	RunSettings runSettings() {
		return this.run.settings(this.environment);
	}

	/**
	 * Where the run writes; a plan writes its plan where an import writes its report.
	 * @param start when the command started, which names the run's files
	 */
	OutputSettings outputSettings(Path inputPath, InputFormat format, boolean onTerminal, Instant start) {
		return this.output.settings(inputPath, format, onTerminal, start);
	}

	/** Whether the run keeps files of its own next to the input (a plan keeps its one plan). */
	boolean keepsRunFiles() {
		return true;
	}

	/**
	 * The JSON of a command that stopped before its run started: {@code --summary-json}, or the run's own summary
	 * next to the input; never the input itself.
	 */
	void earlySummary(Instant started, ExitCode code, String problem) {
		Path input = this.file == null ? null : this.file.toAbsolutePath().normalize();
		Path summary = this.output.summaryJsonOfEarlyExit(input, started, keepsRunFiles());
		if (summary != null && !summary.equals(input)) {
			this.console.earlySummary(summary, started, code, problem);
		}
	}

	/** The option that names the file written where the report goes: a plan's is {@code --plan}. */
	String reportOption() {
		return "--report";
	}

	@Override
	public Integer call() {
		Instant started = Instant.now();
		try {
			return run(started);
		}
		catch (RuntimeException ex) {
			// the run never started (an option, the input, the sign-in): its JSON says so all the same
			earlySummary(started, ExitCode.forFailure(ex), RunOutcome.describe(ex));
			throw ex;
		}
	}

	private int run(Instant started) {
		GraphSettings graphSettings = this.graph.settings(this.signIn.cloud);
		RunSettings runSettings = runSettings();
		InputFormat format = this.input.formatOf(this.file);
		String sheet = this.input.sheetFor(this.file, format);
		ColumnMapping mapping = this.input.mapping();
		TextOptions textOptions = this.input.textOptions(format);
		Path inputPath = this.file.toAbsolutePath().normalize();
		boolean onTerminal = this.ownsProcess && Terminal.isAttached();
		OutputSettings outputSettings = outputSettings(inputPath, format, onTerminal, started);
		Path logFile = this.output.logFile == null ? null : this.output.logFile.toAbsolutePath().normalize();
		DistinctFiles files = new DistinctFiles().add("the input", inputPath)
			.add("--mapping", this.input.mappingFile)
			.add(reportOption(), outputSettings.reportPath())
			.add("--rollback", outputSettings.rollbackPath())
			.add("--summary-json", outputSettings.summaryJson())
			.add("--html-report", outputSettings.htmlReport())
			.add("--log-file", logFile);
		runSettings.jobStore().files().forEach(file -> files.add("the job store's file", file));
		files.check();
		PrivateFiles.refuseUnsafe(outputSettings.reportPath(), reportOption());
		if (outputSettings.rollbackPath() != null) {
			PrivateFiles.refuseUnsafe(outputSettings.rollbackPath(), "--rollback");
		}
		if (outputSettings.summaryJson() != null) {
			PrivateFiles.refuseUnsafe(outputSettings.summaryJson(), "--summary-json");
		}
		if (outputSettings.htmlReport() != null) {
			PrivateFiles.refuseUnsafe(outputSettings.htmlReport(), "--html-report");
		}
		this.console.logTo(openLog(logFile, onTerminal));
		AccessTokenSource tokens = runSettings.dryRun() ? NO_TOKEN_NEEDED : this.signIn.tokenSource(this.environment);
		if (!runSettings.dryRun()) {
			// the first token comes before the input is read: a wrong secret fails in seconds, not after hours
			tokens.verify();
		}
		InputFile inputFile = InputFile.inspect(this.file, format, mapping, textOptions, sheet);
		if (runSettings.dryRun() && inputFile.headerProblem() != null) {
			// first, so that the rows' summary below reads as what the dry run found beyond it
			this.console.headerProblemBeforeDryRun(inputFile.headerProblem());
		}
		ImportSettings settings = new ImportSettings(inputFile, this.input.configurationId, graphSettings, runSettings,
				outputSettings, this.values.dateTimes());
		StopSignal stop = new StopSignal();
		Path earlySummary = outputSettings.summaryJson();
		Supplier<ExitCode> job = () -> this.console
			.outcome(new ImportRunner(this.console.log()).run(settings, tokens, stop), earlySummary, started);
		if (!this.ownsProcess) {
			return job.get().code();
		}
		return StopOnSignal.around(job, stop, graphSettings.requestTimeout().plusSeconds(30), this.console).code();
	}

	/** The run's lines from here on: timed unless on a terminal, and appended to {@code --log-file} too. */
	private RunLog openLog(Path logFile, boolean onTerminal) {
		try {
			return RunLog.open(this.console.out(), this.console.err(), onTerminal, logFile,
					new TerminalWidth(this.environment));
		}
		catch (IOException ex) {
			throw new OptionProblem("--log-file " + logFile + " cannot be written: " + ex.getMessage()
					+ "; give a file in a folder this user can write");
		}
	}

}
