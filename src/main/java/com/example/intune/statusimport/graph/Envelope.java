package com.example.intune.statusimport.graph;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/**
 * How the requests of one round travel over HTTP: one request alone ({@link #ALONE}), or several inside one
 * {@code POST $batch} ({@link BatchEnvelope}). The attempt loop does not care which.
 */
interface Envelope {

	Envelope ALONE = new Alone();

	/**
	 * The HTTP request that carries {@code calls}, with its URL, method, body, {@code Content-Type} and
	 * {@code client-request-id}; the engine adds the rest of the headers.
	 */
	HttpRequest.Builder wrap(String serviceRoot, List<Call> calls);

	/** Graph's answer for each of {@code calls}, in their order. */
	List<Answer> unwrap(HttpResponse<byte[]> response, List<Call> calls);

	/** One request, one HTTP exchange. */
	final class Alone implements Envelope {

		private static final JsonMapper JSON = JsonMapper.builder().build();

		@Override
		public HttpRequest.Builder wrap(String serviceRoot, List<Call> calls) {
			Call call = calls.get(0);
			GraphRequest request = call.request();
			HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(serviceRoot + request.path()))
				.header("client-request-id", call.clientRequestId());
			if (request.body() == null) {
				return builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
			}
			byte[] body = JSON.writeValueAsBytes(request.body());
			return builder.header("Content-Type", "application/json")
				.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(body));
		}

		@Override
		public List<Answer> unwrap(HttpResponse<byte[]> response, List<Call> calls) {
			return List.of(Answer.of(response).judgedFor(calls.get(0).request()));
		}

	}

}
