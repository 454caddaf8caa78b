package com.example.intune.statusimport.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;

import picocli.CommandLine;

import com.example.intune.statusimport.job.ExitCode;

/**
 * The command line: {@code import} runs the job, {@code simulate} serves a local Graph. Every user error ends in a
 * one-line message and exit code 3; only an internal error prints a stack trace.
 */
public final class Main {

	private final PrintStream out;

	private final PrintStream err;

	private final Map<String, String> environment;

	private final boolean ownsProcess;

	/**
	 * @param ownsProcess whether this is the program itself (which handles SIGTERM and Ctrl-C), rather than a test
	 * running the command in its own JVM
	 */
	public Main(PrintStream out, PrintStream err, Map<String, String> environment, boolean ownsProcess) {
		this.out = out;
		this.err = err;
		this.environment = environment;
		this.ownsProcess = ownsProcess;
	}

	public static void main(String[] args) {
		int code = new Main(System.out, System.err, System.getenv(), true).execute(args);
		System.exit(code);
	}

	public int execute(String... args) {
		CommandLine commandLine = new CommandLine(new TopCommand())
			.addSubcommand("import", new ImportCommand(this.out, this.err, this.environment, this.ownsProcess))
			.addSubcommand("simulate", new SimulateCommand(this.out, this.err, this.ownsProcess));
		commandLine.setOut(new PrintWriter(this.out, true));
		commandLine.setErr(new PrintWriter(this.err, true));
		commandLine.setUsageHelpAutoWidth(true);
		commandLine.setParameterExceptionHandler((ex, arguments) -> {
			CommandLine command = ex.getCommandLine();
			this.err.println("device-status-import: " + ex.getMessage());
			this.err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
			return ExitCode.FATAL.code();
		});
		commandLine.setExecutionExceptionHandler((ex, command, parseResult) -> {
			if (ex instanceof UserError userError) {
				this.err.println("device-status-import: " + userError.getMessage());
				return ExitCode.FATAL.code();
			}
			this.err.println("device-status-import: internal error, please report it with the text below: " + ex);
			ex.printStackTrace(this.err);
			return ExitCode.INTERNAL_ERROR.code();
		});
		return commandLine.execute(args);
	}

	@CommandLine.Command(name = "device-status-import", mixinStandardHelpOptions = true,
			versionProvider = Version.class, synopsisSubcommandLabel = "COMMAND",
			description = { "Bulk-updates Intune device configuration statuses in Microsoft Graph from a CSV or NDJSON"
					+ " file, with retries, a failure report and resume after a crash.", "" },
			footer = { "", "Run 'device-status-import COMMAND --help' for the options of a command.",
					"Exit codes: 0 all applied, 1 some rows failed (see the report), 2 stopped at --max-failures,"
							+ " 3 fatal (bad option, input, token, Graph unreachable), 4 interrupted (run again to"
							+ " resume), 5 internal error." })
	static final class TopCommand implements Runnable {

		@CommandLine.Spec
		CommandLine.Model.CommandSpec spec;

		@Override
		public void run() {
			throw new CommandLine.ParameterException(this.spec.commandLine(), "name a command: import or simulate");
		}

	}

}
