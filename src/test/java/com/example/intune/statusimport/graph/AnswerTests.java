package com.example.intune.statusimport.graph;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** How one answer is read and judged: what counts as Graph applying the change, and what each message says. */
class AnswerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final GraphRequest PATCH_DCS_1 = GraphRequest.patch("/deviceManagement/deviceConfigurations/cfg-1"
			+ "/deviceStatuses/dcs-1", JSON.createObjectNode(), "dcs-1");

	private static Answer json(int status, String body, String... headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "Content-Type";
		all[1] = "application/json; charset=utf-8";
		System.arraycopy(headers, 0, all, 2, headers.length);
		return Answer.of(StubResponse.of(status, body, all));
	}

	@Nested
	class Reading {

		@Test
		void theHeadersTheReportNeedsAreKept() {
			Answer answer = Answer.of(StubResponse.of(429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":"
					+ "\" Slow down \"}}", "Retry-After", "7", "request-id", "req-1", "Content-Type",
					"application/json", "Location", "https://elsewhere.example"));

			assertThat(answer.status()).isEqualTo(429);
			assertThat(answer.retryAfter()).isEqualTo("7");
			assertThat(answer.requestId()).isEqualTo("req-1");
			assertThat(answer.contentType()).isEqualTo("application/json");
			assertThat(answer.location()).isEqualTo("https://elsewhere.example");
			assertThat(answer.error()).isEqualTo(new GraphError("TooManyRequests", " Slow down "));
			assertThat(answer.answered()).isTrue();
			assertThat(answer.isSuccess()).isFalse();
			assertThat(answer.isForeign()).isFalse();
			assertThat(answer.describe()).isEqualTo("429 TooManyRequests Slow down");
		}

		@Test
		void aSuccessCarriesItsBodyAndNoError() {
			Answer answer = json(200, "{\"id\":\"dcs-1\",\"status\":\"compliant\"}");

			assertThat(answer.isSuccess()).isTrue();
			assertThat(answer.error()).isSameAs(GraphError.NONE);
			assertThat(answer.body().path("status").asString()).isEqualTo("compliant");
			assertThat(answer.retryAfter()).isNull();
			assertThat(answer.describe()).isEqualTo("200");
		}

		@Test
		void aBodyThatIsNotJsonIsKeptAsTextOnOneLineCutAfter200Characters() {
			Answer page = Answer.of(StubResponse.of(502, "<html>\n  <body>Bad\tGateway</body>\n</html>\n"));
			assertThat(page.body()).isNull();
			assertThat(page.text()).isEqualTo("<html> <body>Bad Gateway</body> </html>");
			assertThat(page.describe()).startsWith("502 <html>");

			Answer longPage = Answer.of(StubResponse.of(200, "<p>" + "y".repeat(400) + "</p>"));
			assertThat(longPage.text()).isEqualTo("<p>" + "y".repeat(197) + "...");
			Answer fullPage = Answer.of(StubResponse.of(200, "z".repeat(200)));
			assertThat(fullPage.text()).as("200 characters are kept whole").isEqualTo("z".repeat(200));
		}

		@Test
		void noBodyAtAllIsAnEmptyText() {
			Answer answer = Answer.of(StubResponse.of(204, null));
			assertThat(answer.body()).isNull();
			assertThat(answer.text()).isEmpty();
			assertThat(answer.isSuccess()).isTrue();
		}

		@Test
		void anInnerAnswerOfABatchIsJudgedLikeAWholeOne() {
			Answer refused = Answer.inner(404, null, "inner-2", "application/json",
					JSON.readTree("{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"gone\"}}"));
			assertThat(refused.error()).isEqualTo(new GraphError("ResourceNotFound", "gone"));
			assertThat(refused.text()).isEqualTo("{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"gone\"}}");
			assertThat(refused.describe()).isEqualTo("404 ResourceNotFound gone");

			Answer applied = Answer.inner(200, "3", "inner-1", null, JSON.readTree("{\"id\":\"dcs-1\"}"));
			assertThat(applied.error()).isSameAs(GraphError.NONE);
			assertThat(applied.retryAfter()).isEqualTo("3");
			assertThat(applied.judgedFor(PATCH_DCS_1).isSuccess()).isTrue();

			Answer empty = Answer.inner(503, null, "inner-3", null, null);
			assertThat(empty.text()).isEmpty();
			assertThat(empty.describe()).isEqualTo("503");
		}

		@Test
		void noAnswerSaysWhy() {
			Answer none = Answer.unanswered("the connection was refused (Connection refused)", "outer-1");
			assertThat(none.answered()).isFalse();
			assertThat(none.isSuccess()).isFalse();
			assertThat(none.isForeign()).as("nothing came, so nothing came from elsewhere").isFalse();
			assertThat(none.requestId()).isEqualTo("outer-1");
			assertThat(none.describe()).isEqualTo("the connection was refused (Connection refused)");
		}

	}

	@Nested
	class Judging {

		@Test
		void graphsJsonOfTheAddressedStatusIsASuccess() {
			Answer answer = json(200, "{\"id\":\"DCS-1\"}").judgedFor(PATCH_DCS_1);
			assertThat(answer.isSuccess()).as("ids compare without case, as Graph's do").isTrue();
			assertThat(answer.problem()).isNull();
		}

		@Test
		void jsonWithoutAContentTypeOrInAnotherJsonTypeIsStillGraphs() {
			assertThat(Answer.of(StubResponse.of(200, "{\"id\":\"dcs-1\"}")).judgedFor(PATCH_DCS_1).isSuccess())
				.isTrue();
			assertThat(Answer.of(StubResponse.of(200, "{\"id\":\"dcs-1\"}", "Content-Type", "Application/JSON"))
				.judgedFor(PATCH_DCS_1)
				.isSuccess()).isTrue();
		}

		@Test
		void anAnswerForNoOneResourceNeedsNoId() {
			GraphRequest batch = new GraphRequest("POST", "/$batch", null, null);
			assertThat(json(200, "{\"responses\":[]}").judgedFor(batch).isSuccess()).isTrue();
		}

		@Test
		void a204WithoutABodyIsASuccess() {
			assertThat(Answer.of(StubResponse.of(204, null)).judgedFor(PATCH_DCS_1).isSuccess()).isTrue();
		}

		@Test
		void a200ThatIsNotJsonAppliedNothing() {
			Answer answer = Answer.of(StubResponse.of(200, "<html>Sign in</html>", "Content-Type", "text/html"))
				.judgedFor(PATCH_DCS_1);

			assertThat(answer.isSuccess()).isFalse();
			assertThat(answer.isForeign()).isTrue();
			assertThat(answer.problem())
				.isEqualTo("the answer was not Graph's JSON (HTTP 200, text/html): <html>Sign in</html>");
			assertThat(answer.error()).isEqualTo(new GraphError(null, answer.problem()));
			assertThat(answer.describe()).isEqualTo("200 " + answer.problem());
		}

		@Test
		void a200WithJsonThatIsNoObjectOrNoBodyAppliedNothing() {
			assertThat(json(200, "[{\"id\":\"dcs-1\"}]").judgedFor(PATCH_DCS_1).problem())
				.isEqualTo("the answer was not Graph's JSON (HTTP 200, application/json; charset=utf-8): "
						+ "[{\"id\":\"dcs-1\"}]");
			assertThat(Answer.of(StubResponse.of(200, null)).judgedFor(PATCH_DCS_1).problem())
				.isEqualTo("the answer was not Graph's JSON (HTTP 200): no body");
			assertThat(Answer.of(StubResponse.of(201, "not json")).judgedFor(PATCH_DCS_1).isForeign()).isTrue();
		}

		@Test
		void a200ForAnotherStatusOrWithoutAnIdAppliedNothing() {
			assertThat(json(200, "{\"id\":\"dcs-2\"}").judgedFor(PATCH_DCS_1).problem())
				.isEqualTo("the answer was not the resource it was sent for (its id is 'dcs-2', not 'dcs-1'): "
						+ "{\"id\":\"dcs-2\"}");
			assertThat(json(200, "{\"name\":\"x\"}").judgedFor(PATCH_DCS_1).problem())
				.startsWith("the answer was not the resource it was sent for (its id is missing, not 'dcs-1')");
		}

		@Test
		void aRedirectIsNotFollowedAndSaysWhereItPoints() {
			Answer redirect = Answer.of(StubResponse.of(302, null, "Location", "https://login.example/portal"))
				.judgedFor(PATCH_DCS_1);
			assertThat(redirect.isForeign()).isTrue();
			assertThat(redirect.problem()).isEqualTo("Graph answered 302, a redirect to https://login.example/portal,"
					+ " which the job does not follow; check --graph-url");
			assertThat(Answer.of(StubResponse.of(300, null)).judgedFor(PATCH_DCS_1).problem())
				.isEqualTo("Graph answered 300, a redirect, which the job does not follow; check --graph-url");
			assertThat(Answer.of(StubResponse.of(399, null)).judgedFor(PATCH_DCS_1).isForeign()).isTrue();
		}

		@Test
		void refusalsAndFailuresAreGraphsAsTheyCame() {
			Answer notFound = json(404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"\"}}");
			assertThat(notFound.judgedFor(PATCH_DCS_1)).isSameAs(notFound);
			Answer gateway = Answer.of(StubResponse.of(400, "<html>blocked</html>", "Content-Type", "text/html"));
			assertThat(gateway.judgedFor(PATCH_DCS_1).isForeign()).as("a refusal is final either way").isFalse();
			assertThat(gateway.describe()).isEqualTo("400 <html>blocked</html>");
		}

		@Test
		void anAnswerAlreadyFoundForeignStaysSo() {
			Answer foreign = json(200, "{\"status\":\"ok\"}").foreign("the $batch answer has no list of responses");
			assertThat(foreign.judgedFor(PATCH_DCS_1)).isSameAs(foreign);
			assertThat(foreign.isSuccess()).isFalse();
			assertThat(foreign.error().message()).isEqualTo("the $batch answer has no list of responses");
		}

	}

}
