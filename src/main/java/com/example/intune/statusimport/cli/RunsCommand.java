package com.example.intune.statusimport.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.job.ExitCode;
import com.example.intune.statusimport.job.PastRun;
import com.example.intune.statusimport.job.RunHistory;
import com.example.intune.statusimport.report.FailureMessages;

/**
 * {@code runs}: the runs on record in the job store, newest first, with the exit code each returned; {@code runs show
 * ID}: one run's summary as it printed it, its failures by category and its most frequent failure messages.
 */
@Command(name = "runs", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
		showDefaultValues = true,
		description = { "Lists the runs kept in the job store, newest first: a resumed run is a run of its own that"
				+ " names the one it resumed. 'runs show ID' prints one run in full.", "" },
		subcommands = RunsCommand.Show.class)
final class RunsCommand implements Callable<Integer> {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Console console;

	private final Map<String, String> environment;

	@Option(names = "--job-store", paramLabel = "PATH|URL", scope = ScopeType.INHERIT,
			description = "The job store the imports use. Default: as for import.")
	String jobStore;

	@Option(names = "--last", paramLabel = "N", converter = Last.class, description = "How many runs, the newest.")
	int last = 20;

	@Option(names = "--json", scope = ScopeType.INHERIT, description = "JSON, for scripts.")
	boolean json;

	RunsCommand(Console console, Map<String, String> environment) {
		this.console = console;
		this.environment = environment;
	}

	@Override
	public Integer call() {
		try (RunHistory history = RunHistory.open(RunOptions.jobStore(this.jobStore, this.environment))) {
			List<PastRun> runs = history.last(this.last);
			PrintStream out = this.console.out();
			if (this.json) {
				ArrayNode array = JSON.createArrayNode();
				runs.forEach(run -> array.add(json(run)));
				out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array));
			}
			else if (runs.isEmpty()) {
				out.println("No runs in the job store yet.");
			}
			else {
				out.println("  RUN  STARTED (UTC)         TOOK      READ   APPLIED UNCHANGED   FAILED EXIT");
				runs.forEach(run -> line(out, run));
			}
			return ExitCode.ALL_APPLIED.code();
		}
		catch (RunHistory.BusyJobStore ex) {
			this.console.problem(ex.getMessage());
			return ExitCode.BUSY.code();
		}
	}

	/**
	 * A line of figures that fits 80 columns, then the run's files and its exit code's meaning, indented, each on a
	 * line of its own so that a long path does not wrap the figures.
	 */
	static void line(PrintStream out, PastRun run) {
		out.printf(Locale.ROOT, "%5d  %-19s %7s %9d %9d %9d %8d %4s%n", run.id(), time(run.start()),
				took(run.duration()), run.read(), run.applied(), run.unchanged(), run.failed(),
				run.exitCode() == null ? "-" : run.exitCode().toString());
		out.println("       " + run.kind() + " of " + run.input() + " into " + run.graphUrl()
				+ (run.resumed() == null ? "" : ", resuming run " + run.resumed()));
		out.println("       ended " + (run.end() == null ? "-" : time(run.end())) + "; exit "
				+ (run.exitCode() == null ? "-" : run.exitCode()) + ": " + run.exitMeaning());
		if (run.report() != null) {
			// --keep-runs may have removed it since
			boolean there = java.nio.file.Files.exists(java.nio.file.Path.of(run.report()),
					java.nio.file.LinkOption.NOFOLLOW_LINKS);
			out.println("       report " + run.report() + (there ? "" : " (removed since)"));
		}
	}

	static ObjectNode json(PastRun run) {
		ObjectNode node = JSON.createObjectNode();
		node.put("runId", run.id());
		node.put("resumedRunId", run.resumed());
		node.put("startTime", run.start() == null ? null : run.start().toString());
		node.put("endTime", run.end() == null ? null : run.end().toString());
		node.put("durationSeconds", run.duration() == null ? null : run.duration().toMillis() / 1000.0);
		node.put("kind", run.kind());
		node.put("input", run.input());
		node.put("graphUrl", run.graphUrl());
		node.put("status", run.status());
		node.put("exitCode", run.exitCode());
		node.put("exitMeaning", run.exitMeaning());
		node.put("problem", run.problem());
		node.put("rows", run.read());
		node.put("applied", run.applied());
		node.put("unchanged", run.unchanged());
		node.put("failed", run.failed());
		ObjectNode byCategory = node.putObject("failedByCategory");
		run.failedByCategory().forEach(byCategory::put);
		ArrayNode messages = node.putArray("topMessages");
		for (FailureMessages.Entry entry : run.topMessages()) {
			messages.addObject()
				.put("category", entry.category() == null ? null : entry.category().label())
				.put("count", entry.count())
				.put("message", entry.shape())
				.put("example", entry.example());
		}
		node.put("report", run.report());
		node.put("summaryJson", run.summaryJson());
		run.rollback().forEach(file -> node.withArray("rollbackFiles").add(file));
		return node;
	}

	static String time(Instant time) {
		return time == null ? "-" : TIME.format(time);
	}

	/** {@code 42s}, {@code 3m20s}, {@code 5h33m}: short enough for its column. */
	static String took(Duration duration) {
		if (duration == null) {
			return "-";
		}
		long seconds = (long) Math.ceil(duration.toMillis() / 1000.0);
		return seconds < 60 ? seconds + "s" : seconds < 3600 ? seconds / 60 + "m" + String.format("%02ds", seconds % 60)
				: seconds / 3600 + "h" + String.format("%02dm", (seconds % 3600) / 60);
	}

	/** {@code runs show ID}. */
	@Command(name = "show", mixinStandardHelpOptions = true, versionProvider = Version.class,
			description = { "Prints one run: its summary as it printed it at its end, its failures by category and its"
					+ " most frequent failure messages.", "" })
	static final class Show implements Callable<Integer> {

		@picocli.CommandLine.ParentCommand
		RunsCommand parent;

		@Parameters(paramLabel = "ID", description = "The run's id, as 'runs' lists it.")
		long id;

		@Override
		public Integer call() {
			Console console = this.parent.console;
			try (RunHistory history = RunHistory
				.open(RunOptions.jobStore(this.parent.jobStore, this.parent.environment))) {
				PastRun run = history.find(this.id).orElse(null);
				if (run == null) {
					console.problem("there is no run " + this.id + " in the job store; 'runs' lists the ids.");
					return ExitCode.FATAL.code();
				}
				if (this.parent.json) {
					console.out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(run)));
				}
				else {
					RunReport.print(console.out(), run);
				}
				return ExitCode.ALL_APPLIED.code();
			}
			catch (RunHistory.BusyJobStore ex) {
				console.problem(ex.getMessage());
				return ExitCode.BUSY.code();
			}
		}

	}

	static final class Last extends OptionValues.Bounded<Integer> {

		Last() {
			super(1, Integer.MAX_VALUE, null, number -> (int) number);
		}

	}

}
