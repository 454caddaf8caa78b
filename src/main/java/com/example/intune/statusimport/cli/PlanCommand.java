package com.example.intune.statusimport.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import com.example.intune.statusimport.input.InputFormat;
import com.example.intune.statusimport.job.OutputSettings;
import com.example.intune.statusimport.job.RunSettings;

/**
 * {@code plan [import options] FILE}: what an import would do, without a write. It reads the input and what Graph
 * holds, exactly as the import does, and writes the plan where the import would write its report.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = Version.class, showDefaultValues = true,
		sortOptions = false, defaultValueProvider = InitialValueDefaults.class,
		description = { "Reads FILE and what Graph holds for each of its statuses, sends no write, and writes the plan:"
				+ " the input's columns with _line, _action (update, or the failure an import would report) and"
				+ " _changes (each property that would change, Graph's value -> the new one). Rows Graph already"
				+ " holds are counted, not listed. Takes the import's options and needs its credential (reading"
				+ " Graph needs one).", "" })
final class PlanCommand extends ImportCommand {

	@Option(names = "--plan", paramLabel = "PATH", order = 0,
			description = "The plan, in the input's format. Default: next to FILE, named NAME.plan.EXT.")
	Path plan;

	PlanCommand(Console console, Map<String, String> environment, boolean ownsProcess) {
		super(console, environment, ownsProcess);
	}

	@Override
	String reportOption() {
		return "--plan";
	}

	@Override
	RunSettings runSettings() {
		return this.run.planSettings(this.environment);
	}

	@Override
	OutputSettings outputSettings(Path inputPath, InputFormat format, boolean onTerminal, Instant start) {
		return this.output.planSettings(inputPath, format, onTerminal, this.plan);
	}

	/** A plan writes its one plan, {@code NAME.plan.EXT}, replaced by the next: no run files, none removed. */
	@Override
	boolean keepsRunFiles() {
		return false;
	}

}
