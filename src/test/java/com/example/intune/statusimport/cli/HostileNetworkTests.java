package com.example.intune.statusimport.cli;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.intune.statusimport.graph.GraphClient;
import com.example.intune.statusimport.graph.GraphFatalException;
import com.example.intune.statusimport.graph.GraphSettings;
import com.example.intune.statusimport.graph.GraphStats;
import com.example.intune.statusimport.graph.RateLimit;
import com.example.intune.statusimport.graph.RetryPolicy;
import com.example.intune.statusimport.graph.StopSignal;
import com.example.intune.statusimport.simulator.GraphSimulator;
import com.example.intune.statusimport.simulator.SimulatorSettings;
import com.example.intune.statusimport.support.CommandRun;
import com.example.intune.statusimport.support.Workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The import command when the network is not Graph, or not there: a sign-in page in the way, a Graph that never
 * answers. Each ends in a clear answer with the documented exit code, and nothing is remembered as applied that was
 * not.
 */
class HostileNetworkTests {

	@TempDir
	Path dir;

	Workspace workspace;

	final MockWebServer portal = new MockWebServer();

	@BeforeEach
	void setUp() throws Exception {
		this.workspace = new Workspace(this.dir);
		this.portal.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				return new MockResponse.Builder().code(200)
					.addHeader("Content-Type", "text/html; charset=utf-8")
					.body("<html><body>Sign in to the guest Wi-Fi to continue</body></html>")
					.build();
			}
		});
		this.portal.start(InetAddress.getLoopbackAddress(), 0);
	}

	@AfterEach
	void tearDown() {
		this.portal.close();
	}

	private Path rows(int count) {
		StringBuilder csv = new StringBuilder("deviceConfigurationId,id,status\n");
		for (int i = 1; i <= count; i++) {
			csv.append("cfg-1,dcs-").append(i).append(",compliant\n");
		}
		return this.workspace.write("statuses.csv", csv.toString());
	}

	@Test
	void aSignInPageAnswering200AppliedNothingAndIsNotRememberedAsApplied() {
		Path input = rows(3);

		CommandRun portalRun = this.workspace.importInto("http://127.0.0.1:" + this.portal.getPort() + "/v1.0", input);

		assertThat(portalRun.exitCode()).as(portalRun.output()).isEqualTo(1);
		assertThat(portalRun.out()).contains("applied        0").contains("failed         3  (rejected 3)");
		List<Map<String, String>> report = Workspace.readCsvRows(Workspace.reportOf(input));
		assertThat(report).extracting(row -> row.get("_error")).containsOnly("rejected");
		assertThat(report.get(0).get("_message")).contains("not Graph's JSON").contains("Sign in to the guest Wi-Fi");
		assertThat(report.get(0).get("_http_status")).isEqualTo("200");

		try (GraphSimulator graph = GraphSimulator.start(SimulatorSettings.healthy())) {
			CommandRun graphRun = this.workspace.importInto(graph, input);

			assertThat(graphRun.exitCode()).as(graphRun.output()).isZero();
			assertThat(graphRun.out()).as("none was skipped as already applied").contains("applied        3")
				.contains("unchanged      0");
			assertThat(graph.statuses()).hasSize(3);
		}
	}

	@Test
	void aWallOfAnswersThatAreNotGraphsStopsTheRunBeforeEveryRowIsTried() {
		Path input = rows(200);

		CommandRun run = this.workspace.importInto("http://127.0.0.1:" + this.portal.getPort() + "/v1.0", input);

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("the last 20 answers did not come from Graph").contains("Sign in to the guest")
			.doesNotContain("at com.");
		assertThat(this.portal.getRequestCount()).isLessThan(30);
	}

	@Test
	void aGraphUrlWhereNothingAnswersEndsWithinHalfAMinuteAtTheDefaults() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		Path input = rows(5);
		long started = System.nanoTime();

		// every retry option at its default: the back-off alone would take minutes per row
		CommandRun run = CommandRun.run(Map.of("GRAPH_ACCESS_TOKEN", Workspace.TOKEN), "import", "--graph-url",
				"http://127.0.0.1:" + closedPort + "/v1.0", "--job-store", this.workspace.jobStore().toString(),
				input.toString());

		long seconds = (System.nanoTime() - started) / 1_000_000_000L;
		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("gave no usable answer in the first 30 s")
			.contains("the connection was refused")
			.contains("Check --graph-url");
		assertThat(seconds).as("ended at the outage limit, not after the back-off of every attempt").isLessThan(60);
	}

	@Test
	void aTokenIsNeverSentOverPlainHttpToAnotherMachine() {
		Path input = rows(2);

		CommandRun run = this.workspace.importInto("http://graph.example.invalid/v1.0", input);

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("would send the access token in clear text").contains("use https");
		assertThat(this.workspace.jobStore().resolveSibling("job-store.mv.db")).as("refused before the run")
			.doesNotExist();
	}

	@Test
	void aGraphUrlWithAPasswordIsRefusedAndThePasswordIsNotRepeated() {
		Path input = rows(2);

		CommandRun run = this.workspace.importInto("http://admin:pa55word-9f3@127.0.0.1:" + this.portal.getPort()
				+ "/v1.0", input);

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("carries a user name or password");
		assertThat(run.output() + this.workspace.allFilesAsText()).doesNotContain("pa55word-9f3");
		assertThat(this.portal.getRequestCount()).isZero();
	}

	@Test
	void aTokenWithCharactersNoTokenHasIsRefusedWithoutRepeatingIt() {
		Path input = rows(2);
		for (String token : List.of("SECRET\u0001PART-TWO", "SECRET\nPART-TWO", "SECRET PART-TWO")) {
			CommandRun run = this.workspace.importWith(Map.of("GRAPH_ACCESS_TOKEN", token),
					"http://127.0.0.1:" + this.portal.getPort() + "/v1.0", input);

			assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
			assertThat(run.err()).contains("GRAPH_ACCESS_TOKEN does not hold an access token: character 7")
				.doesNotContain("at com.");
			assertThat(run.output() + this.workspace.allFilesAsText()).doesNotContain("SECRET").doesNotContain("PART-TWO");
		}
		assertThat(this.portal.getRequestCount()).isZero();
	}

	@Test
	void theClientItselfRefusesToSendATokenInClearTextToAnotherMachine() {
		GraphSettings settings = new GraphSettings("http://graph.example.invalid/v1.0", RetryPolicy.DEFAULT,
				Duration.ofSeconds(1), Duration.ofSeconds(1), "test", RateLimit.INTUNE, 1, 1);

		assertThatThrownBy(() -> new GraphClient(settings, () -> "t", new StopSignal(), new GraphStats()))
			.isInstanceOf(GraphFatalException.class)
			.hasMessageContaining("clear text");
	}

}
