package com.example.intune.statusimport.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP requests to a simulator, as a Graph client sends them. */
final class SimulatorHttp {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String TYPE = "\"@odata.type\":\"#microsoft.graph.deviceConfigurationDeviceStatus\"";

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final String graphUrl;

	SimulatorHttp(String graphUrl) {
		this.graphUrl = graphUrl;
	}

	static String statusPath(String configurationId, String id) {
		return "/deviceManagement/deviceConfigurations/" + configurationId + "/deviceStatuses/" + id;
	}

	/** A GET of a path below the service root, or of an absolute URL (a next link). */
	HttpResponse<String> get(String pathOrUrl) throws Exception {
		String url = pathOrUrl.startsWith("http") ? pathOrUrl : this.graphUrl + pathOrUrl;
		return send(HttpRequest.newBuilder(URI.create(url)).GET());
	}

	HttpResponse<String> patch(String configurationId, String id, String properties) throws Exception {
		String body = "{" + TYPE + (properties.isEmpty() ? "" : "," + properties) + "}";
		return send(HttpRequest.newBuilder(URI.create(this.graphUrl + statusPath(configurationId, id)))
			.header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
	}

	HttpResponse<String> post(String pathOrUrl, String body) throws Exception {
		String url = pathOrUrl.startsWith("http") ? pathOrUrl : this.graphUrl + pathOrUrl;
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** A {@code $batch} of GETs of these paths, ids 1, 2, ...; answers by id. */
	JsonNode batchOfGets(String... paths) throws Exception {
		StringBuilder body = new StringBuilder("{\"requests\":[");
		for (int i = 0; i < paths.length; i++) {
			body.append(i == 0 ? "" : ",")
				.append("{\"id\":\"")
				.append(i + 1)
				.append("\",\"method\":\"GET\",\"url\":\"")
				.append(paths[i])
				.append("\"}");
		}
		HttpResponse<String> answer = post("/$batch", body.append("]}").toString());
		if (answer.statusCode() != 200) {
			throw new AssertionError("the batch was answered " + answer.statusCode() + ": " + answer.body());
		}
		var byId = JSON.createObjectNode();
		JSON.readTree(answer.body()).path("responses").forEach(inner -> byId.set(inner.path("id").asString(), inner));
		return byId;
	}

	static JsonNode json(HttpResponse<String> answer) {
		return JSON.readTree(answer.body());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.header("Authorization", "Bearer t")
			.header("client-request-id", "c-1")
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
