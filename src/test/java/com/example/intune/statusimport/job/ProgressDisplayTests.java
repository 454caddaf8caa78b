package com.example.intune.statusimport.job;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.intune.statusimport.simulator.GraphSimulator;
import com.example.intune.statusimport.simulator.SimulatorSettings;
import com.example.intune.statusimport.support.CommandRun;
import com.example.intune.statusimport.support.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person watching the run sees: a bar that fits the terminal and is redrawn in place, rows that move as they
 * are done rather than per chunk, what Graph is being read for before the first row moves, and the connection
 * failures by name while Graph does not answer, in the progress, the summary and the JSON summary.
 */
class ProgressDisplayTests {

	private static final Pattern REDRAW = Pattern.compile("\r([^\r\n]*)\u001b\\[K");

	@TempDir
	Path dir;

	Workspace workspace;

	GraphSimulator simulator;

	@BeforeEach
	void setUp() {
		this.workspace = new Workspace(this.dir);
	}

	@AfterEach
	void stop() {
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	private static String rows(int count) {
		StringBuilder csv = new StringBuilder("deviceConfigurationId,id,deviceDisplayName,status\n");
		for (int i = 1; i <= count; i++) {
			csv.append("cfg-1,dcs-").append(i).append(",LAPTOP-").append(i).append(",compliant\n");
		}
		return csv.toString();
	}

	private CommandRun importAt(int columns, Path input, String... extraArgs) {
		List<String> args = new ArrayList<>(List.of(extraArgs));
		return this.workspace.importWith(Map.of("GRAPH_ACCESS_TOKEN", Workspace.TOKEN, "COLUMNS",
				Integer.toString(columns)), this.simulator.graphUrl(), input, args.toArray(String[]::new));
	}

	private static List<String> redraws(String out) {
		List<String> redraws = new ArrayList<>();
		Matcher redraw = REDRAW.matcher(out);
		while (redraw.find()) {
			redraws.add(redraw.group(1));
		}
		return redraws;
	}

	@ParameterizedTest
	@ValueSource(ints = { 40, 80, 200 })
	void theBarFitsTheTerminalsWidthAndIsRedrawnInPlace(int columns) throws Exception {
		this.simulator = GraphSimulator.start(SimulatorSettings.healthy().withLatency(Duration.ofMillis(20)));
		Path input = this.workspace.write("nightly.csv", rows(120));

		Path log = this.dir.resolve("import.log");

		CommandRun run = importAt(columns, input, "--progress", "bar", "--force", "--concurrency", "1",
				"--batch-size", "1", "--chunk-size", "200", "--log-file", log.toString(), "--progress-interval", "1s");

		assertThat(run.exitCode()).as(run.output()).isZero();
		List<String> redraws = redraws(run.out());
		assertThat(redraws).as(run.out()).hasSizeGreaterThanOrEqualTo(2);
		assertThat(redraws).as("never as wide as the terminal: the cursor would wrap")
			.allSatisfy(line -> assertThat(line.length()).isLessThan(columns))
			.allSatisfy(line -> assertThat(line).containsPattern("(reading Graph|[\\d,]+ of 120 rows)"));
		String drawn = run.out().substring(run.out().indexOf('\r'), run.out().lastIndexOf("\u001b[K"));
		assertThat(drawn).as("redrawn in place: no new line per redraw").doesNotContain("\n");
		assertThat(Files.readString(log)).as("the log file gets whole lines, every --progress-interval")
			.containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ progress: .* of 120 rows .*unchanged 0")
			.doesNotContain("\r");
		if (columns == 200) {
			assertThat(redraws).anySatisfy(line -> assertThat(line).matches("\\[[#.]{24}\\] .*rows/s.*unchanged 0.*"));
		}
		else if (columns == 80) {
			assertThat(redraws).as("the drawn bar and the failures stay; the unchanged count goes first")
				.anySatisfy(line -> assertThat(line).startsWith("[").contains("failed 0").doesNotContain("unchanged"));
		}
		else {
			assertThat(redraws).anySatisfy(line -> assertThat(line).matches("[\\d,]+ of 120 rows \\(.*"));
		}
	}

	@Test
	void rowsMoveAsTheyAreDoneNotWhenTheirChunkCommits() {
		this.simulator = GraphSimulator.start(SimulatorSettings.healthy().withLatency(Duration.ofMillis(20)));
		Path input = this.workspace.write("nightly.csv", rows(60));

		CommandRun run = this.workspace.importInto(this.simulator, input, "--force", "--progress", "lines",
				"--progress-interval", "150ms", "--concurrency", "1", "--batch-size", "1", "--chunk-size", "100");

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.out()).as("rows done in the one chunk, none of them committed yet")
			.containsPattern("progress: \\[#+\\.+\\] [1-9]\\d* of 60 rows \\([\\d.]+%\\), 0 committed, [\\d.]+ rows/s");
		assertThat(run.out()).contains("rows read      60").contains("applied        60");
	}

	@Test
	void listingAConfigurationBeforeTheFirstRowMovesIsSaid() {
		this.simulator = GraphSimulator.start(SimulatorSettings.healthy().withPageSize(5)
			.withLatency(Duration.ofMillis(40)));
		Path input = this.workspace.write("nightly.csv", rows(150));
		assertThat(this.workspace.importInto(this.simulator, input, "--force").exitCode()).isZero();

		CommandRun run = this.workspace.importInto(this.simulator, input, "--compare", "live", "--progress", "lines",
				"--progress-interval", "100ms");

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.out()).containsPattern("progress: \\[\\.{24}\\] reading Graph: \\d+ pages, ")
			.contains("unchanged      150");
	}

	@Test
	void connectionFailuresAreNamedWhileTheRunWaitsAndCountedInBothSummaries() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		Path input = this.workspace.write("nightly.csv", rows(5));
		Path summary = this.dir.resolve("summary.json");

		CommandRun run = this.workspace.importInto("http://127.0.0.1:" + closedPort + "/v1.0", input, "--force",
				"--max-attempts", "8", "--progress", "lines", "--progress-interval", "100ms", "--summary-json",
				summary.toString());

		assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
		assertThat(run.out()).containsPattern("progress: .*no answer from Graph for \\d+ s: the connection was"
				+ " refused, \\d+ tries");
		Matcher line = Pattern.compile("no answer      connection refused (\\d+) \\(tries that got no HTTP answer\\)")
			.matcher(run.out());
		assertThat(line.find()).as(run.out()).isTrue();
		JsonNode json = JsonMapper.builder().build().readTree(summary.toFile());
		assertThat(json.path("connectionErrors").path("connection refused").asLong())
			.isEqualTo(Long.parseLong(line.group(1)))
			.isGreaterThanOrEqualTo(8);
		assertThat(json.path("connectionErrors").size()).isEqualTo(1);
	}

	@Test
	void aGraphThatTakesTheConnectionButNeverAnswersIsCountedAsTimedOut() throws Exception {
		try (ServerSocket silent = new ServerSocket(0)) {
			List<Socket> held = new ArrayList<>();
			Thread accepting = new Thread(() -> {
				try {
					while (true) {
						held.add(silent.accept());
					}
				}
				catch (IOException ex) {
					// closed at the end of the test
				}
			});
			accepting.setDaemon(true);
			accepting.start();
			Path input = this.workspace.write("nightly.csv", rows(2));
			Path summary = this.dir.resolve("summary.json");

			CommandRun run = this.workspace.importInto("http://127.0.0.1:" + silent.getLocalPort() + "/v1.0", input,
					"--force", "--max-attempts", "2", "--request-timeout", "300ms", "--summary-json",
					summary.toString());

			assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
			assertThat(run.out()).containsPattern("no answer      timed out \\d+ ");
			JsonNode json = JsonMapper.builder().build().readTree(summary.toFile());
			assertThat(json.path("connectionErrors").path("timed out").asLong()).isGreaterThanOrEqualTo(2);
			for (Socket socket : held) {
				socket.close();
			}
		}
	}

	@Test
	void aRunWithoutConnectionTroubleSaysNothingOfIt() throws Exception {
		this.simulator = GraphSimulator.start(SimulatorSettings.healthy());
		Path input = this.workspace.write("nightly.csv", rows(3));
		Path summary = this.dir.resolve("summary.json");

		CommandRun run = this.workspace.importInto(this.simulator, input, "--summary-json", summary.toString());

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.out()).doesNotContain("no answer ");
		JsonNode json = JsonMapper.builder().build().readTree(summary.toFile());
		assertThat(json.path("connectionErrors").isObject()).isTrue();
		assertThat(json.path("connectionErrors").size()).isZero();
	}

}
