package com.example.intune.statusimport.graph;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Encoding requests into one {@code POST $batch} and matching its answers back to them. */
class BatchEnvelopeTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BatchEnvelope envelope = new BatchEnvelope();

	private static Call call(int id, GraphRequest request) {
		Call call = new Call(id, request);
		call.beginAttempt();
		return call;
	}

	private static GraphRequest patch(String id) {
		return GraphRequest.patch("/deviceManagement/deviceConfigurations/cfg-1/deviceStatuses/" + id,
				JSON.readTree("{\"status\":\"compliant\"}"), id);
	}

	private static String batch(String... responses) {
		return "{\"responses\":[" + String.join(",", responses) + "]}";
	}

	private static String inner(int id, int status, String headers, String body) {
		return "{\"id\":\"" + id + "\",\"status\":" + status + ",\"headers\":" + headers + ",\"body\":" + body + "}";
	}

	private List<Answer> unwrap(StubResponse response, List<Call> calls) {
		return this.envelope.unwrap(response, calls);
	}

	private static JsonNode bodyOf(HttpRequest request) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		request.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<ByteBuffer>() {
			@Override
			public void onSubscribe(Flow.Subscription subscription) {
				subscription.request(Long.MAX_VALUE);
			}

			@Override
			public void onNext(ByteBuffer item) {
				byte[] chunk = new byte[item.remaining()];
				item.get(chunk);
				bytes.writeBytes(chunk);
			}

			@Override
			public void onError(Throwable throwable) {
				throw new AssertionError(throwable);
			}

			@Override
			public void onComplete() {
			}
		});
		return JSON.readTree(bytes.toByteArray());
	}

	@Test
	void eachRequestTravelsWithItsNumberMethodPathAndOwnClientRequestId() {
		Call write = call(1, patch("dcs-1"));
		Call read = call(2, GraphRequest.get("/deviceManagement/deviceConfigurations/cfg-1/deviceStatuses/dcs-2",
				"dcs-2"));

		HttpRequest request = this.envelope.wrap("https://graph.example/v1.0", List.of(write, read)).build();

		assertThat(request.uri()).hasToString("https://graph.example/v1.0/$batch");
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(request.headers().firstValue("client-request-id")).get().asString()
			.isNotIn(write.clientRequestId(), read.clientRequestId())
			.hasSize(36);
		JsonNode requests = bodyOf(request).path("requests");
		assertThat(requests).hasSize(2);
		JsonNode first = requests.get(0);
		assertThat(first.path("id").asString()).isEqualTo("1");
		assertThat(first.path("method").asString()).isEqualTo("PATCH");
		assertThat(first.path("url").asString())
			.isEqualTo("/deviceManagement/deviceConfigurations/cfg-1/deviceStatuses/dcs-1");
		assertThat(first.path("headers").path("client-request-id").asString()).isEqualTo(write.clientRequestId());
		assertThat(first.path("headers").path("Content-Type").asString()).isEqualTo("application/json");
		assertThat(first.path("body").path("status").asString()).isEqualTo("compliant");
		JsonNode second = requests.get(1);
		assertThat(second.path("id").asString()).isEqualTo("2");
		assertThat(second.path("method").asString()).isEqualTo("GET");
		assertThat(second.path("headers").has("Content-Type")).as("a read has no body to describe").isFalse();
		assertThat(second.has("body")).isFalse();
	}

	@Test
	void answersInAnyOrderAreMatchedToTheirRequestsById() {
		List<Call> calls = List.of(call(1, patch("dcs-1")), call(2, patch("dcs-2")));
		StubResponse response = StubResponse.of(200,
				batch(inner(2, 404, "{\"request-id\":\"inner-2\"}",
						"{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"gone\"}}"),
						inner(1, 200, "{\"request-id\":\"inner-1\",\"Content-Type\":\"application/json\"}",
								"{\"id\":\"dcs-1\"}")),
				"Content-Type", "application/json", "request-id", "outer");

		List<Answer> answers = unwrap(response, calls);

		assertThat(answers).extracting(Answer::status).containsExactly(200, 404);
		assertThat(answers).extracting(Answer::requestId).containsExactly("inner-1", "inner-2");
		assertThat(answers.get(0).isSuccess()).isTrue();
		assertThat(answers.get(0).contentType()).isEqualTo("application/json");
		assertThat(answers.get(1).error()).isEqualTo(new GraphError("ResourceNotFound", "gone"));
	}

	@Test
	void anInnerAnswerIsJudgedForItsOwnRequest() {
		List<Call> calls = List.of(call(1, patch("dcs-1")));
		StubResponse response = StubResponse.of(200, batch(inner(1, 200, "{}", "{\"id\":\"dcs-9\"}")),
				"Content-Type", "application/json");

		Answer answer = unwrap(response, calls).get(0);

		assertThat(answer.isSuccess()).isFalse();
		assertThat(answer.problem()).contains("its id is 'dcs-9', not 'dcs-1'");
	}

	@Test
	void anInnerAnswerKeepsItsRetryAfterAndFallsBackToTheOuterRequestId() {
		List<Call> calls = List.of(call(1, patch("dcs-1")));
		StubResponse response = StubResponse.of(200,
				batch(inner(1, 429, "{\"Retry-After\":\"4\"}", "{\"error\":{\"code\":\"TooManyRequests\"}}")),
				"Content-Type", "application/json", "request-id", "outer");

		Answer answer = unwrap(response, calls).get(0);

		assertThat(answer.status()).isEqualTo(429);
		assertThat(answer.retryAfter()).isEqualTo("4");
		assertThat(answer.requestId()).isEqualTo("outer");
		assertThat(answer.error().code()).isEqualTo("TooManyRequests");
	}

	@Test
	void aRequestTheAnswerLeftOutOrGaveNoStatusGotNoAnswer() {
		List<Call> calls = List.of(call(1, patch("dcs-1")), call(2, patch("dcs-2")), call(3, patch("dcs-3")));
		StubResponse response = StubResponse.of(200,
				batch(inner(3, 200, "{}", "{\"id\":\"dcs-3\"}"), "{\"id\":\"2\",\"body\":null}"), "Content-Type",
				"application/json", "request-id", "outer");

		List<Answer> answers = unwrap(response, calls);

		assertThat(answers.get(0).answered()).isFalse();
		assertThat(answers.get(0).problem()).isEqualTo("the batch answer had no response for this request");
		assertThat(answers.get(0).requestId()).isEqualTo("outer");
		assertThat(answers.get(1).answered()).isFalse();
		assertThat(answers.get(1).problem()).isEqualTo("the batch answer for this request had no HTTP status");
		assertThat(answers.get(2).isSuccess()).isTrue();
	}

	@Test
	void anInnerAnswerWithANullBodyHasNone() {
		List<Call> calls = List.of(call(1, patch("dcs-1")));
		StubResponse response = StubResponse.of(200, batch(inner(1, 204, "{}", "null")), "Content-Type",
				"application/json");

		Answer answer = unwrap(response, calls).get(0);

		assertThat(answer.body()).isNull();
		assertThat(answer.isSuccess()).isTrue();
	}

	@Test
	void anOuterFailureStandsForEveryRequestInside() {
		List<Call> calls = List.of(call(1, patch("dcs-1")), call(2, patch("dcs-2")));
		StubResponse response = StubResponse.of(503, "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"\"}}",
				"Content-Type", "application/json", "Retry-After", "2");

		List<Answer> answers = unwrap(response, calls);

		assertThat(answers).hasSize(2).allSatisfy(answer -> {
			assertThat(answer.status()).isEqualTo(503);
			assertThat(answer.retryAfter()).isEqualTo("2");
			assertThat(answer.error().code()).isEqualTo("ServiceUnavailable");
		});
	}

	@Test
	void jsonThatIsNoBatchAnswerAppliedNoneOfTheRequests() {
		List<Call> calls = List.of(call(1, patch("dcs-1")), call(2, patch("dcs-2")));

		List<Answer> noList = unwrap(StubResponse.of(200, "{\"responses\":{}}", "Content-Type", "application/json"),
				calls);
		List<Answer> none = unwrap(StubResponse.of(200, "{\"value\":[]}", "Content-Type", "application/json"), calls);

		assertThat(noList).hasSize(2).allSatisfy(answer -> {
			assertThat(answer.isForeign()).isTrue();
			assertThat(answer.problem()).isEqualTo("the $batch answer has no list of responses: {\"responses\":{}}");
		});
		assertThat(none).hasSize(2).allSatisfy(answer -> assertThat(answer.isForeign()).isTrue());
	}

}
