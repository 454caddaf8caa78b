package com.example.intune.statusimport.graph;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.devicestatus.DeviceStatusUpdate;

/**
 * Graph on MockWebServer for the protocol tests: answers from a script, then from a fallback (Graph's 200 for the
 * status addressed), and every request and its arrival time recorded.
 */
final class MockGraph implements AutoCloseable {

	/** In the script: Graph's 200 for whatever status the request addressed. */
	static final MockResponse OK = new MockResponse.Builder().code(200).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	final MockWebServer server = new MockWebServer();

	final List<Long> arrivals = new CopyOnWriteArrayList<>();

	final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	final ConcurrentLinkedQueue<MockResponse> script = new ConcurrentLinkedQueue<>();

	volatile Function<RecordedRequest, MockResponse> fallback = MockGraph::ok;

	MockGraph() throws Exception {
		this.server.setDispatcher(new Dispatcher() {
			@Override
			public MockResponse dispatch(RecordedRequest request) {
				MockGraph.this.arrivals.add(System.nanoTime());
				MockGraph.this.requests.add(request);
				MockResponse next = MockGraph.this.script.poll();
				if (next == OK) {
					return ok(request);
				}
				return next != null ? next : MockGraph.this.fallback.apply(request);
			}
		});
		this.server.start(InetAddress.getLoopbackAddress(), 0);
	}

	@Override
	public void close() {
		this.server.close();
	}

	String graphUrl() {
		return "http://127.0.0.1:" + this.server.getPort() + "/v1.0";
	}

	GraphSettings settings(RetryPolicy policy, RateLimit rate) {
		return settings(policy, rate, RateLimit.INTUNE_READS);
	}

	GraphSettings settings(RetryPolicy policy, RateLimit rate, RateLimit readRate) {
		return new GraphSettings(graphUrl(), policy, Duration.ofSeconds(2), Duration.ofSeconds(2),
				"device-status-import/test", rate, 4, 2, readRate);
	}

	/** A client with a rate high enough not to matter. */
	GraphClient client(RetryPolicy policy, GraphStats stats) {
		return new GraphClient(settings(policy, new RateLimit(10_000, Duration.ofSeconds(1))), () -> "token-1",
				new StopSignal(), stats);
	}

	GraphClient client(int maxAttempts) {
		return client(new RetryPolicy(maxAttempts, Duration.ofMillis(20), Duration.ofSeconds(5)), new GraphStats());
	}

	long millisBetweenArrivals(int first, int second) {
		return TimeUnit.NANOSECONDS.toMillis(this.arrivals.get(second) - this.arrivals.get(first));
	}

	/** Graph's 200 with the updated status, as Graph answers a PATCH; for a {@code $batch}, one per request inside. */
	static MockResponse ok(RecordedRequest request) {
		String target = request.getTarget();
		if (target.endsWith("/$batch")) {
			List<String> answers = new ArrayList<>();
			for (JsonNode inner : JSON.readTree(request.getBody().utf8()).path("requests")) {
				String url = inner.path("url").asString();
				answers.add("{\"id\":\"" + inner.path("id").asString() + "\",\"status\":200,\"headers\":{},"
						+ "\"body\":{\"id\":\"" + url.substring(url.lastIndexOf('/') + 1) + "\"}}");
			}
			return batchAnswer(answers.toArray(String[]::new));
		}
		String id = target.substring(target.lastIndexOf('/') + 1);
		return new MockResponse.Builder().code(200)
			.addHeader("request-id", "req-ok")
			.addHeader("Content-Type", "application/json")
			.body("{\"@odata.type\":\"#microsoft.graph.deviceConfigurationDeviceStatus\",\"id\":\"" + id + "\"}")
			.build();
	}

	static MockResponse error(int status, String code, String retryAfter) {
		MockResponse.Builder builder = new MockResponse.Builder().code(status)
			.addHeader("request-id", "req-" + status)
			.addHeader("Content-Type", "application/json")
			.body("{\"error\":{\"code\":\"" + code + "\",\"message\":\"Graph says " + status + "\"}}");
		if (retryAfter != null) {
			builder.addHeader("Retry-After", retryAfter);
		}
		return builder.build();
	}

	static MockResponse batchAnswer(String... responses) {
		return new MockResponse.Builder().code(200)
			.addHeader("request-id", "req-batch")
			.addHeader("Content-Type", "application/json")
			.body("{\"responses\":[" + String.join(",", responses) + "]}")
			.build();
	}

	/** An inner answer for request {@code id}: Graph's status {@code dcs-id}, or its error with {@code code}. */
	static String inner(int id, int status, String retryAfter, String code) {
		String headers = "{\"request-id\":\"inner-" + id + "\"" + (retryAfter == null ? "" : ",\"Retry-After\":\""
				+ retryAfter + "\"") + "}";
		String body = code == null ? "{\"id\":\"dcs-" + id + "\"}" : "{\"error\":{\"code\":\"" + code
				+ "\",\"message\":\"inner " + status + "\"}}";
		return "{\"id\":\"" + id + "\",\"status\":" + status + ",\"headers\":" + headers + ",\"body\":" + body + "}";
	}

	static GraphRequest patch(String id) {
		Map<DeviceStatusProperty, String> changes = new EnumMap<>(DeviceStatusProperty.class);
		changes.put(DeviceStatusProperty.STATUS, "nonCompliant");
		return DeviceStatusResource.patch(new DeviceStatusUpdate("cfg-1", id, changes));
	}

	static GraphRequest read(String id) {
		return GraphRequest.get(DeviceStatusResource.path("cfg-1", id), id);
	}

}
