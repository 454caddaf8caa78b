package com.example.intune.statusimport.runreport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.example.intune.statusimport.simulator.GraphSimulator;
import com.example.intune.statusimport.simulator.QuotaKind;
import com.example.intune.statusimport.simulator.SimulatorSettings;
import com.example.intune.statusimport.support.CommandRun;
import com.example.intune.statusimport.support.Workspace;

/**
 * A real import a run report is worth reading for: a few seconds long against a Graph simulator whose write quota
 * is lower than the run's rate (so Graph answers 429 and the run waits), with rows Graph does not know (404) and
 * rows whose status is a script, which the page must show as text.
 */
final class ReportedRun {

	static final String SCRIPT = "<script>document.title='pwned'</script>";

	static final int ROWS = 120;

	/** Every tenth row is not a known status. */
	static final int UNKNOWN = ROWS / 10;

	/** Rows 5, 25, 45...: a status that is a script, which Graph is never sent. */
	static final int SCRIPTS = ROWS / 20;

	private ReportedRun() {
	}

	/** A simulator that takes 15 writes and 15 reads a second, and answers 429 to more. */
	static GraphSimulator throttlingGraph() {
		Set<String> known = new HashSet<>();
		for (int i = 1; i <= ROWS; i++) {
			if (i % 10 != 0) {
				known.add("dcs-" + i);
			}
		}
		return GraphSimulator.start(SimulatorSettings.healthy()
			.withKnownIds(known)
			.withQuotas(QuotaKind.FIXED, 15, 15, Duration.ofSeconds(1)));
	}

	static Path input(Workspace workspace) {
		StringBuilder csv = new StringBuilder("deviceConfigurationId,id,deviceDisplayName,status\n");
		for (int i = 1; i <= ROWS; i++) {
			csv.append("cfg-1,dcs-").append(i).append(",LAPTOP-").append(i).append(',')
				.append(i % 20 == 5 ? "\"" + SCRIPT + "\"" : "compliant").append('\n');
		}
		return workspace.write("nightly.csv", csv.toString());
	}

	/**
	 * {@code command} ({@code import} or {@code plan}) at 40 writes and 40 reads a second, in chunks of 20, waiting what Graph
	 * asks, with the HTML report at {@code html}.
	 */
	static CommandRun run(String command, Workspace workspace, GraphSimulator graph, Path input, Path html,
			String... more) {
		List<String> args = new ArrayList<>(List.of(command, "--graph-url", graph.graphUrl(), "--job-store",
				workspace.jobStore().toString(), "--rate", "40/1s", "--read-rate", "40/1s", "--chunk-size", "20",
				"--concurrency", "4", "--retry-base-delay", "20ms", "--retry-max-delay", "5s", "--html-report",
				html.toString()));
		args.addAll(List.of(more));
		args.add(input.toString());
		return CommandRun.run(Map.of("GRAPH_ACCESS_TOKEN", Workspace.TOKEN), args.toArray(String[]::new));
	}

}
