package com.example.intune.statusimport.graph;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading Graph's error object, and what stands in for it when an answer is in another shape. */
class GraphErrorTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static GraphError ofText(String body) {
		return GraphError.of(body.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void graphsErrorGivesItsCodeAndMessage() {
		assertThat(ofText("{\"error\":{\"code\":\"BadRequest\",\"message\":\"Invalid status\"}}"))
			.isEqualTo(new GraphError("BadRequest", "Invalid status"));
		assertThat(GraphError.of(JSON.readTree("{\"error\":{\"code\":\"Forbidden\"}}")))
			.isEqualTo(new GraphError("Forbidden", ""));
		assertThat(GraphError.of(JSON.readTree("{\"error\":{\"message\":\"no code\"}}")))
			.isEqualTo(new GraphError(null, "no code"));
	}

	@Test
	void aParsedBodyWithoutAnErrorObjectHasNone() {
		assertThat(GraphError.of((tools.jackson.databind.JsonNode) null)).isSameAs(GraphError.NONE);
		assertThat(GraphError.of(JSON.readTree("{\"id\":\"dcs-1\"}"))).isSameAs(GraphError.NONE);
		assertThat(GraphError.of(JSON.readTree("{\"error\":\"denied\"}"))).isSameAs(GraphError.NONE);
	}

	@Test
	void noBodyIsNoError() {
		assertThat(GraphError.of((byte[]) null)).isSameAs(GraphError.NONE);
		assertThat(GraphError.of(new byte[0])).isSameAs(GraphError.NONE);
	}

	@Test
	void anAnswerInAnotherShapeKeepsTheStartOfItsTextAsTheMessage() {
		assertThat(ofText("  <html>Bad Gateway</html>\n")).isEqualTo(new GraphError(null, "<html>Bad Gateway</html>"));
		assertThat(ofText("{\"statusCode\":400,\"message\":\"blocked\"}"))
			.isEqualTo(new GraphError(null, "{\"statusCode\":400,\"message\":\"blocked\"}"));
		assertThat(ofText("{\"error\":\"denied\"}")).isEqualTo(new GraphError(null, "{\"error\":\"denied\"}"));
	}

	@Test
	void aLongTextIsCutAfter200Characters() {
		assertThat(ofText("x".repeat(200)).message()).isEqualTo("x".repeat(200));
		assertThat(ofText("x".repeat(201)).message()).isEqualTo("x".repeat(200) + "...");
	}

	@Test
	void aMissingCodeFallsBackToTheGivenName() {
		assertThat(new GraphError(null, "").codeOr("Unauthorized")).isEqualTo("Unauthorized");
		assertThat(new GraphError("InvalidAuthenticationToken", "").codeOr("Unauthorized"))
			.isEqualTo("InvalidAuthenticationToken");
	}

}
