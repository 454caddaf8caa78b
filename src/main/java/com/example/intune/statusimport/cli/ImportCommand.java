package com.example.intune.statusimport.cli;

import java.nio.file.Path;
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
import com.example.intune.statusimport.job.RunSettings;

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

	/** Where the run writes; a plan writes its plan where an import writes its report. */
	OutputSettings outputSettings(Path inputPath, InputFormat format, boolean onTerminal) {
		return this.output.settings(inputPath, format, onTerminal);
	}

	/** The option that names the file written where the report goes: a plan's is {@code --plan}. */
	String reportOption() {
		return "--report";
	}

	@Override
	public Integer call() {
		GraphSettings graphSettings = this.graph.settings(this.signIn.cloud);
		RunSettings runSettings = runSettings();
		InputFormat format = this.input.formatOf(this.file);
		String sheet = this.input.sheetFor(this.file, format);
		ColumnMapping mapping = this.input.mapping();
		TextOptions textOptions = this.input.textOptions(format);
		Path inputPath = this.file.toAbsolutePath().normalize();
		OutputSettings outputSettings = outputSettings(inputPath, format, this.ownsProcess && System.console() != null);
		DistinctFiles files = new DistinctFiles().add("the input", inputPath)
			.add("--mapping", this.input.mappingFile)
			.add(reportOption(), outputSettings.reportPath())
			.add("--rollback", outputSettings.rollbackPath())
			.add("--summary-json", outputSettings.summaryJson());
		runSettings.jobStore().files().forEach(file -> files.add("the job store's file", file));
		files.check();
		PrivateFiles.refuseUnsafe(outputSettings.reportPath(), reportOption());
		if (outputSettings.rollbackPath() != null) {
			PrivateFiles.refuseUnsafe(outputSettings.rollbackPath(), "--rollback");
		}
		if (outputSettings.summaryJson() != null) {
			PrivateFiles.refuseUnsafe(outputSettings.summaryJson(), "--summary-json");
		}
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
		Supplier<ExitCode> job = () -> this.console
			.outcome(new ImportRunner(this.console.out()).run(settings, tokens, stop), settings.output().summaryJson());
		if (!this.ownsProcess) {
			return job.get().code();
		}
		return StopOnSignal.around(job, stop, graphSettings.requestTimeout().plusSeconds(30), this.console).code();
	}

}
