package com.example.intune.statusimport.graph;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A token handed over in {@code GRAPH_ACCESS_TOKEN}. */
class EnvironmentAccessTokenTests {

	@Test
	void theTokenIsTakenAsGivenWithoutSpaceOrABearerPrefix() {
		assertThat(EnvironmentAccessToken.from(Map.of("GRAPH_ACCESS_TOKEN", " eyJ0.abc \n")).accessToken())
			.isEqualTo("eyJ0.abc");
		assertThat(EnvironmentAccessToken.from(Map.of("GRAPH_ACCESS_TOKEN", "Bearer  eyJ0.abc")).accessToken())
			.isEqualTo("eyJ0.abc");
		assertThat(EnvironmentAccessToken.from(Map.of("GRAPH_ACCESS_TOKEN", "bearer eyJ0.abc")).accessToken())
			.isEqualTo("eyJ0.abc");
		assertThat(EnvironmentAccessToken.from(Map.of("GRAPH_ACCESS_TOKEN", "Bearerish")).accessToken())
			.isEqualTo("Bearerish");
	}

	@Test
	void noTokenStopsBeforeTheRunWithAHint() {
		assertThatThrownBy(() -> EnvironmentAccessToken.from(Map.of())).isInstanceOf(GraphFatalException.class)
			.hasMessageStartingWith("no access token: set the environment variable GRAPH_ACCESS_TOKEN")
			.hasMessageContaining("--dry-run");
		assertThatThrownBy(() -> EnvironmentAccessToken.from(Map.of("GRAPH_ACCESS_TOKEN", "  ")))
			.isInstanceOf(GraphFatalException.class);
		for (String bearerAlone : java.util.List.of("Bearer", " bearer   ")) {
			assertThatThrownBy(() -> EnvironmentAccessToken.from(Map.of("GRAPH_ACCESS_TOKEN", bearerAlone)))
				.as("the word is not the token")
				.hasMessageStartingWith("no access token");
		}
	}

	@Test
	void theTokenIsNeverPrinted() {
		EnvironmentAccessToken token = EnvironmentAccessToken.from(Map.of("GRAPH_ACCESS_TOKEN", "eyJ0.secret"));
		assertThat(token.toString()).isEqualTo("access token from GRAPH_ACCESS_TOKEN (hidden)");
		assertThat(token).asString().doesNotContain("secret");
	}

	@Test
	void aSourceIsVerifiedByAskingItForATokenAndCannotRenewUnlessItSaysSo() {
		AccessTokenSource broken = () -> {
			throw new GraphFatalException("sign-in failed");
		};
		// checked before the run reads its input, so a bad sign-in stops it before anything is sent
		assertThatThrownBy(broken::verify).isInstanceOf(GraphFatalException.class).hasMessage("sign-in failed");
		assertThat(EnvironmentAccessToken.from(Map.of("GRAPH_ACCESS_TOKEN", "t")).renewAfterRejection("t")).isFalse();
	}

}
