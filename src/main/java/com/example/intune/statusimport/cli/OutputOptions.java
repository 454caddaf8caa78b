package com.example.intune.statusimport.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import picocli.CommandLine.Option;

import com.example.intune.statusimport.input.InputFormat;
import com.example.intune.statusimport.job.OutputSettings;
import com.example.intune.statusimport.job.RunFileNames;

/** Where the failure report, the rollback file and the figures go, and how progress is shown. */
final class OutputOptions {

	/** A live bar for a person at a terminal; a plain line per interval for a scheduler's log. */
	enum Progress {
		AUTO, BAR, LINES
	}

	@Option(names = "--report", paramLabel = "PATH",
			description = "The failure report, in the input's format. Default: next to FILE, named"
					+ " NAME.failures-<run start, UTC>.EXT, with a copy of the newest in NAME.failures.latest.EXT.")
	Path report;

	@Option(names = "--rollback", paramLabel = "PATH",
			description = "The rollback file: for each applied row, the values Graph held before, in the input's"
					+ " format; importing it undoes the run. Never written over. Default: next to FILE, named"
					+ " NAME.rollback-<run start, UTC>.EXT.")
	Path rollback;

	@Option(names = "--summary-json", paramLabel = "PATH",
			description = "Write the end-of-run figures as JSON, for a scheduler or a dashboard, on every exit (a run"
					+ " that could not start too). Default: next to FILE, named NAME.summary-<run start, UTC>.json.")
	Path summaryJson;

	@Option(names = "--keep-runs", paramLabel = "N", converter = KeepRuns.class,
			description = "Keep the files of the newest N runs next to FILE (reports, summaries, rollback files named"
					+ " for their run) and remove older ones; an unfinished run's are always kept.")
	int keepRuns = OutputSettings.DEFAULT_KEEP_RUNS;

	@Option(names = "--html-report", paramLabel = "PATH",
			description = "Also write the run as one self-contained HTML page (figures, failures by category, the most"
					+ " frequent messages, a chart of rows applied, 429s and throttle waits over time), owner-only.")
	Path htmlReport;

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
	 * @param start when the run started, which names the files not given
	 */
	OutputSettings settings(Path input, InputFormat format, boolean onTerminal, Instant start) {
		boolean bar = this.progress == Progress.BAR || (this.progress == Progress.AUTO && onTerminal);
		RunFileNames names = RunFileNames.beside(input, extension(input, format));
		String stamp = RunFileNames.stamp(start);
		Path report = this.report != null ? named("--report", "report", this.report, format) : names.report(stamp);
		Path rollbackPath = this.rollback != null ? named("--rollback", "rollback file", this.rollback, format)
				: names.rollback(stamp);
		return new OutputSettings(report, summaryJsonGiven() != null ? summaryJsonGiven() : names.summary(stamp),
				this.progressInterval, bar, rollbackPath, this.rollback != null, names, this.report != null,
				this.summaryJson != null, this.keepRuns, htmlReportPath());
	}

	private Path htmlReportPath() {
		return this.htmlReport == null ? null : this.htmlReport.toAbsolutePath().normalize();
	}

	/** {@code --summary-json} as an absolute path, or {@code null} when not given. */
	Path summaryJsonGiven() {
		return this.summaryJson == null ? null : this.summaryJson.toAbsolutePath().normalize();
	}

	/**
	 * Where the figures of a run that never started go: {@code --summary-json}, or the run's own summary next to the
	 * input (named for this moment) when a run keeps its files and the input's folder is there (no folder is made
	 * for it); {@code null} when neither applies.
	 */
	Path summaryJsonOfEarlyExit(Path input, Instant start, boolean runFiles) {
		if (summaryJsonGiven() != null || input == null || !runFiles
				|| !java.nio.file.Files.isDirectory(input.getParent())) {
			return summaryJsonGiven();
		}
		return RunFileNames.beside(input, "").summary(RunFileNames.stamp(start));
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
		return input.resolveSibling(stem + suffix + extension(input, format));
	}

	/**
	 * The input's own extension when it says the format, or the format's: an NDJSON report is never named .csv.
	 */
	private static String extension(Path input, InputFormat format) {
		String name = input.getFileName().toString();
		int dot = name.lastIndexOf('.');
		boolean nameSaysFormat = dot > 0 && InputFormat.forFileName(input).orElse(null) == format;
		return nameSaysFormat ? name.substring(dot) : "." + format.name().toLowerCase(Locale.ROOT);
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
		return new OutputSettings(path, summaryJsonGiven(), this.progressInterval, bar).withHtmlReport(htmlReportPath());
	}

	/** What a file of the format is, as a person would name it; CSV and TSV are both delimited text. */
	private static String family(InputFormat format) {
		return switch (format) {
			case CSV, TSV -> "delimited text (.csv, .tsv, .txt)";
			case NDJSON -> "NDJSON (.ndjson, .jsonl)";
			case XLSX -> "a workbook (.xlsx)";
		};
	}

	/** At least one run: the one just finished. */
	static final class KeepRuns extends OptionValues.Bounded<Integer> {

		KeepRuns() {
			super(1, Integer.MAX_VALUE, null, number -> (int) number);
		}

	}

	static final class ProgressValue extends OptionValues.Choice<Progress> {

		ProgressValue() {
			super(Progress.class);
		}

	}

}
