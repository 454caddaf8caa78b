package com.example.intune.statusimport.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import picocli.CommandLine.Option;

import com.example.intune.statusimport.input.InputFormat;
import com.example.intune.statusimport.job.OutputSettings;

/** Where the failure report, the rollback file and the figures go, and how progress is shown. */
final class OutputOptions {

	/** A live bar for a person at a terminal; a plain line per interval for a scheduler's log. */
	enum Progress {
		AUTO, BAR, LINES
	}

	@Option(names = "--report", paramLabel = "PATH",
			description = "The failure report, in the input's format. Default: next to FILE, named NAME.failures.EXT.")
	Path report;

	@Option(names = "--rollback", paramLabel = "PATH",
			description = "The rollback file: for each applied row, the values Graph held before, in the input's"
					+ " format; importing it undoes the run. Never written over. Default: next to FILE, named"
					+ " NAME.rollback-<run start, UTC>.EXT.")
	Path rollback;

	@Option(names = "--summary-json", paramLabel = "PATH",
			description = "Write the end-of-run figures as JSON, for a scheduler or a dashboard.")
	Path summaryJson;

	@Option(names = "--log-file", paramLabel = "PATH",
			description = "Also append the run's lines to PATH, each with its time (UTC): progress, notes, messages and"
					+ " the summary. Created owner-only if missing.")
	Path logFile;

	@Option(names = "--progress", paramLabel = "auto|bar|lines", converter = ProgressValue.class,
			description = "A live bar (on a terminal) or a plain line every --progress-interval (in a log); auto picks"
					+ " by whether the output is a terminal.")
	Progress progress = Progress.AUTO;

	@Option(names = "--progress-interval", paramLabel = "DURATION", converter = OptionValues.PositiveDurationValue.class,
			description = "How often a progress line is printed.")
	Duration progressInterval = OutputSettings.DEFAULT_PROGRESS_INTERVAL;

	/**
	 * @param input the input's absolute path
	 * @param onTerminal whether the output is a person's terminal
	 */
	OutputSettings settings(Path input, InputFormat format, boolean onTerminal) {
		boolean bar = this.progress == Progress.BAR || (this.progress == Progress.AUTO && onTerminal);
		Path rollbackPath = this.rollback != null ? named("--rollback", "rollback file", this.rollback, format)
				: besideInput(input, format, ".rollback-" + ROLLBACK_TIME.format(Instant.now()));
		return new OutputSettings(reportPath(input, format),
				this.summaryJson == null ? null : this.summaryJson.toAbsolutePath().normalize(), this.progressInterval,
				bar, rollbackPath, this.rollback != null);
	}

	/** When the run started, in UTC to the second, as the default name of the rollback file carries it. */
	private static final DateTimeFormatter ROLLBACK_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'",
			Locale.ROOT).withZone(ZoneOffset.UTC);

	/**
	 * Next to the input, {@code NAME.failures.EXT}, so that it is found where the file is fixed; with the extension of
	 * the report's own format when the input's name says another (an NDJSON report is never named .csv).
	 */
	private Path reportPath(Path input, InputFormat format) {
		if (this.report != null) {
			return named("--report", "report", this.report, format);
		}
		return besideInput(input, format, ".failures");
	}

	/** A path given for a file written in the input's format, refused when it is named for another format. */
	private static Path named(String option, String what, Path path, InputFormat format) {
		InputFormat named = InputFormat.forFileName(path).orElse(format);
		if (family(named) != family(format)) {
			// a workbook written under a .csv name, or CSV under .xlsx, opens as garbage and replaces what was there
			throw new OptionProblem(option + " " + path + " is named as " + family(named) + ", but the " + what
					+ " is written in the input's format, " + family(format) + "; name it ." + (format == InputFormat.TSV
							? "tsv" : format.name().toLowerCase(Locale.ROOT)) + ", or leave " + option + " out");
		}
		return path.toAbsolutePath().normalize();
	}

	/** {@code NAME<suffix>.EXT} next to the input, with the extension of the input's format. */
	private static Path besideInput(Path input, InputFormat format, String suffix) {
		String name = input.getFileName().toString();
		int dot = name.lastIndexOf('.');
		String stem = dot > 0 ? name.substring(0, dot) : name;
		boolean nameSaysFormat = dot > 0 && InputFormat.forFileName(input).orElse(null) == format;
		String extension = nameSaysFormat ? name.substring(dot) : "." + format.name().toLowerCase(Locale.ROOT);
		return input.resolveSibling(stem + suffix + extension);
	}

	/**
	 * A plan's outputs: the plan where an import writes its report ({@code NAME.plan.EXT} next to the input, or
	 * {@code --plan}); a plan writes no report.
	 */
	OutputSettings planSettings(Path input, InputFormat format, boolean onTerminal, Path plan) {
		if (this.report != null) {
			throw new OptionProblem("a plan writes its plan, not a failure report (its rows that would fail are in the"
					+ " plan); give --plan PATH instead of --report, or leave it out");
		}
		boolean bar = this.progress == Progress.BAR || (this.progress == Progress.AUTO && onTerminal);
		if (this.rollback != null) {
			throw new OptionProblem("a plan writes no status, so it has nothing to roll back; leave --rollback out");
		}
		Path path = plan != null ? named("--plan", "plan", plan, format) : besideInput(input, format, ".plan");
		return new OutputSettings(path, this.summaryJson == null ? null : this.summaryJson.toAbsolutePath().normalize(),
				this.progressInterval, bar);
	}

	/** What a file of the format is, as a person would name it; CSV and TSV are both delimited text. */
	private static String family(InputFormat format) {
		return switch (format) {
			case CSV, TSV -> "delimited text (.csv, .tsv, .txt)";
			case NDJSON -> "NDJSON (.ndjson, .jsonl)";
			case XLSX -> "a workbook (.xlsx)";
		};
	}

	static final class ProgressValue extends OptionValues.Choice<Progress> {

		ProgressValue() {
			super(Progress.class);
		}

	}

}
