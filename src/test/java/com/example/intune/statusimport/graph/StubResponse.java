package com.example.intune.statusimport.graph;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSession;

/** An HTTP answer as the client hands it over, for judging answers without a server. */
record StubResponse(int statusCode, HttpHeaders headers, byte[] body) implements HttpResponse<byte[]> {

	/** @param headers name, value, name, value... */
	static StubResponse of(int status, String body, String... headers) {
		Map<String, List<String>> map = new LinkedHashMap<>();
		for (int i = 0; i < headers.length; i += 2) {
			map.put(headers[i], List.of(headers[i + 1]));
		}
		return new StubResponse(status, HttpHeaders.of(map, (name, value) -> true),
				body == null ? null : body.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public HttpRequest request() {
		return HttpRequest.newBuilder(uri()).build();
	}

	@Override
	public Optional<HttpResponse<byte[]>> previousResponse() {
		return Optional.empty();
	}

	@Override
	public Optional<SSLSession> sslSession() {
		return Optional.empty();
	}

	@Override
	public URI uri() {
		return URI.create("https://graph.example/v1.0");
	}

	@Override
	public HttpClient.Version version() {
		return HttpClient.Version.HTTP_1_1;
	}

}
