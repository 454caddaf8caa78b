package com.example.intune.statusimport.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;

import com.example.intune.statusimport.job.ExitCode;

/**
 * The command line: {@code import} runs the job, {@code plan} previews it, {@code runs} lists the runs on record,
 * {@code simulate} serves a local Graph, {@code template} writes an empty input to fill in. Every user error ends in a one-line message and exit code 3; only an internal error prints
 * a stack trace. The exit codes are {@link ExitCode}'s, and so is the table at the end of {@code --help}.
 */
public final class Main {

	private final Console console;

	private final Map<String, String> environment;

	private final boolean ownsProcess;

	/**
	 * @param ownsProcess whether this is the program itself (which handles SIGTERM and Ctrl-C), rather than a test
	 * running the command in its own JVM
	 */
	public Main(PrintStream out, PrintStream err, Map<String, String> environment, boolean ownsProcess) {
		this.console = new Console(out, err);
		this.environment = environment;
		this.ownsProcess = ownsProcess;
	}

	public static void main(String[] args) {
		int code = new Main(System.out, System.err, System.getenv(), true).execute(args);
		System.exit(code);
	}

	public int execute(String... args) {
		CommandLine commandLine = new CommandLine(new TopCommand())
			.addSubcommand("import", new ImportCommand(this.console, this.environment, this.ownsProcess))
			.addSubcommand("plan", new PlanCommand(this.console, this.environment, this.ownsProcess))
			.addSubcommand("runs", new RunsCommand(this.console, this.environment))
			.addSubcommand("simulate", new SimulateCommand(this.console, this.ownsProcess))
			.addSubcommand("template", new TemplateCommand(this.console));
		commandLine.setOut(new PrintWriter(this.console.out(), true));
		commandLine.setErr(new PrintWriter(this.console.err(), true));
		commandLine.setUsageHelpAutoWidth(true);
		for (CommandLine command : List.of(commandLine, commandLine.getSubcommands().get("import"),
				commandLine.getSubcommands().get("plan"))) {
			command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodeList());
		}
		commandLine.setParameterExceptionHandler((ex, arguments) -> {
			if (ex.getCommandLine().getCommand() instanceof ImportCommand command) {
				// the options read before the bad one may name where the figures go: they say why there are none
				command.earlySummary(java.time.Instant.now(), ExitCode.FATAL, optionMessage(ex));
			}
			return this.console.optionProblem(optionMessage(ex), ex.getCommandLine().getCommandSpec().qualifiedName())
				.code();
		});
		commandLine.setExecutionStrategy(parseResult -> {
			refuseRepeatedOptions(parseResult);
			return new CommandLine.RunLast().execute(parseResult);
		});
		commandLine.setExecutionExceptionHandler((ex, command, parseResult) -> (ex instanceof OptionProblem
				? this.console.optionProblem(ex.getMessage(), command.getCommandSpec().qualifiedName())
				: this.console.failure(ex)).code());
		try {
			return commandLine.execute(args);
		}
		finally {
			this.console.closeLog();
		}
	}

	/**
	 * An option given twice is a mistake to point out, not a value to replace silently: a wrapper script that adds
	 * its own options to the user's would otherwise lose some of them (with option groups, even other options of
	 * the same group, such as --dry-run).
	 */
	private static void refuseRepeatedOptions(CommandLine.ParseResult parseResult) {
		for (CommandLine.ParseResult command = parseResult; command != null; command = command.subcommand()) {
			java.util.Set<CommandLine.Model.ArgSpec> seen = new java.util.HashSet<>();
			for (CommandLine.Model.ArgSpec argument : command.matchedArgs()) {
				if (argument instanceof CommandLine.Model.OptionSpec option && !option.isMultiValue()
						&& !option.usageHelp() && !option.versionHelp() && !seen.add(option)) {
					String label = option.arity().max() == 0 ? "" : " (" + option.paramLabel() + ")";
					throw new CommandLine.ParameterException(command.commandSpec().commandLine(),
							"option '" + option.longestName() + "'" + label + " should be specified only once");
				}
			}
		}
	}

	/** A bad option value reads "--rate 'fast' is not a rate; ...": the option, the value, and what would do. */
	private static String optionMessage(CommandLine.ParameterException ex) {
		if (ex.getCause() instanceof CommandLine.TypeConversionException bad
				&& ex.getArgSpec() instanceof CommandLine.Model.OptionSpec option) {
			return option.longestName() + " " + bad.getMessage();
		}
		return ex.getMessage();
	}

	/** The exit codes as {@code --help} lists them, from the one table. */
	static Map<String, String> exitCodeList() {
		Map<String, String> list = new LinkedHashMap<>();
		for (ExitCode code : ExitCode.values()) {
			list.put(Integer.toString(code.code()), code.explanation().replace("%", "%%"));
		}
		return list;
	}

	@CommandLine.Command(name = "device-status-import", mixinStandardHelpOptions = true,
			versionProvider = Version.class, synopsisSubcommandLabel = "COMMAND",
			description = { "Bulk-updates Intune device configuration statuses in Microsoft Graph from a CSV, NDJSON or .xlsx"
					+ " file, with retries, a failure report and resume after a crash.", "" },
			footer = { "%nRun 'device-status-import COMMAND --help' for the options of a command." })
	static final class TopCommand implements Runnable {

		@CommandLine.Spec
		CommandLine.Model.CommandSpec spec;

		@Override
		public void run() {
			throw new CommandLine.ParameterException(this.spec.commandLine(),
					"name a command: import, plan, runs, simulate or template");
		}

	}

}
