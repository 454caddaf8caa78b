package com.example.intune.statusimport.cli;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.intune.statusimport.support.CommandRun;
import com.example.intune.statusimport.support.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --verify} reads each chunk's statuses back after writing them: a status that Graph accepted (200) but does not
 * hold as sent (Intune recomputed it, a policy overrides it) is reported {@code not_applied}. Graph here accepts every
 * PATCH of status {@code b} and keeps answering its old value.
 */
class VerifyTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dir;

	private final MockWebServer graph = new MockWebServer();

	private final Map<String, AtomicInteger> patches = new ConcurrentHashMap<>();

	@BeforeEach
	void start() throws Exception {
		this.graph.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				if (request.getTarget().endsWith("/$batch")) {
					StringBuilder answers = new StringBuilder();
					for (JsonNode inner : JSON.readTree(request.getBody().utf8()).path("requests")) {
						String method = inner.path("method").asString();
						String url = inner.path("url").asString();
						// c is written, but reading it back never succeeds
						boolean unreadable = method.equals("GET") && url.contains("/deviceStatuses/c")
								&& VerifyTests.this.patches.containsKey("c");
						answers.append(answers.isEmpty() ? "" : ",")
							.append("{\"id\":\"")
							.append(inner.path("id").asString())
							.append(unreadable ? "\",\"status\":503,\"headers\":{},\"body\":"
									+ "{\"error\":{\"code\":\"serviceNotAvailable\",\"message\":\"try later\"}}"
									: "\",\"status\":200,\"headers\":{},\"body\":" + answer(method, url))
							.append("}");
					}
					return json("{\"responses\":[" + answers + "]}");
				}
				return json(answer(request.getMethod(), request.getTarget()));
			}
		});
		this.graph.start(InetAddress.getLoopbackAddress(), 0);
	}

	@AfterEach
	void stop() {
		this.graph.close();
	}

	@Test
	void aStatusGraphAcceptedButDoesNotHoldIsReportedNotApplied() {
		Workspace workspace = new Workspace(this.dir);
		Path input = workspace.write("statuses.csv",
				"deviceConfigurationId,id,status\ncfg,a,compliant\ncfg,b,compliant\n");

		CommandRun run = workspace.importInto("http://127.0.0.1:" + this.graph.getPort() + "/v1.0", input, "--verify");

		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		assertThat(this.patches.keySet()).containsExactlyInAnyOrder("a", "b");
		List<String[]> report = Workspace.readCsv(Workspace.reportOf(input));
		assertThat(report).hasSize(2);
		assertThat(report.get(1)[1]).isEqualTo("b");
		assertThat(report.get(1)[4]).isEqualTo("not_applied");
		assertThat(report.get(1)[5]).contains("Graph holds status 'nonCompliant' (sent 'compliant')");
		assertThat(run.out()).containsPattern("applied +1\\b").contains("not_applied 1");
	}

	@Test
	void aStatusThatCannotBeReadBackIsNotReportedButCountedNotVerified() throws Exception {
		Workspace workspace = new Workspace(this.dir);
		Path input = workspace.write("statuses.csv",
				"deviceConfigurationId,id,status\ncfg,a,compliant\ncfg,c,compliant\n");
		Path summary = this.dir.resolve("summary.json");

		CommandRun run = workspace.importInto("http://127.0.0.1:" + this.graph.getPort() + "/v1.0", input, "--verify",
				"--max-attempts", "2", "--summary-json", summary.toString());

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(this.patches.keySet()).containsExactlyInAnyOrder("a", "c");
		assertThat(run.out()).containsPattern("applied +2\\b")
			.contains("not verified   1 (written, but reading them back failed: not reported)");
		assertThat(JSON.readTree(summary.toFile()).path("notVerified").asLong()).isEqualTo(1);
	}

	@Test
	void withoutVerifyTheSameRunCountsBothApplied() {
		Workspace workspace = new Workspace(this.dir);
		Path input = workspace.write("statuses.csv",
				"deviceConfigurationId,id,status\ncfg,a,compliant\ncfg,b,compliant\n");

		CommandRun run = workspace.importInto("http://127.0.0.1:" + this.graph.getPort() + "/v1.0", input);

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.out()).containsPattern("applied +2\\b");
	}

	/** Graph's answer: an empty list, a PATCH accepted, or the status as held (b never takes the new status). */
	private String answer(String method, String target) {
		if (target.contains("/deviceStatuses?")) {
			return "{\"value\":[]}";
		}
		String id = target.replaceAll("\\?.*", "").replaceAll(".*/", "");
		if (method.equals("PATCH")) {
			this.patches.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
			return "{\"id\":\"" + id + "\"}";
		}
		boolean written = this.patches.containsKey(id) && !id.equals("b");
		return "{\"id\":\"" + id + "\",\"status\":\"" + (written ? "compliant" : "nonCompliant")
				+ "\",\"lastReportedDateTime\":\"2026-11-30T08:00:00Z\",\"deviceModel\":null}";
	}

	private static MockResponse json(String body) {
		return new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.addHeader("request-id", "req-1")
			.body(body)
			.build();
	}

}
