package com.example.intune.statusimport.graph;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the bearer token may go. */
class ServiceRootTests {

	@Test
	void httpsAnywhereAndHttpToThisMachineAreAccepted() {
		assertThat(ServiceRoot.problem("https://graph.microsoft.com/v1.0")).isEmpty();
		assertThat(ServiceRoot.problem("  HTTPS://graph.microsoft.us/beta ")).isEmpty();
		assertThat(ServiceRoot.problem("http://127.0.0.1:8080/v1.0")).isEmpty();
		assertThat(ServiceRoot.problem("http://localhost:8080")).isEmpty();
		assertThat(ServiceRoot.problem("HTTP://LocalHost/v1.0")).isEmpty();
		assertThat(ServiceRoot.problem("http://[::1]:8080/v1.0")).isEmpty();
	}

	@Test
	void plainHttpElsewhereWouldSendTheTokenInClearText() {
		assertThat(ServiceRoot.problem("http://graph.microsoft.com/v1.0")).hasValue(
				"'http://graph.microsoft.com/v1.0' would send the access token in clear text; use https (plain http"
						+ " is only for the local simulator, on 127.0.0.1 or localhost)");
		assertThat(ServiceRoot.problem("http://10.0.0.1/v1.0")).get().asString().contains("clear text");
		assertThat(ServiceRoot.problem("http://localhost.example.com/v1.0")).get().asString().contains("clear text");
	}

	@Test
	void aUserNameOrPasswordIsRefusedWithoutRepeatingIt() {
		assertThat(ServiceRoot.problem("https://admin:s3cret@graph.example:8443/v1.0")).hasValue(
				"'https://***@graph.example:8443/v1.0' carries a user name or password, which would be printed and"
						+ " stored with the run; give the URL without them (the job signs in by itself)");
		assertThat(ServiceRoot.problem("https://admin@graph.example")).get().asString()
			.startsWith("'https://***@graph.example' carries")
			.doesNotContain("admin");
	}

	@Test
	void anythingButAnHttpUrlWithAHostIsRefused() {
		String notAnUrl = " is not an http(s) URL such as https://graph.microsoft.com/v1.0";
		assertThat(ServiceRoot.problem("graph.microsoft.com/v1.0")).hasValue("'graph.microsoft.com/v1.0'" + notAnUrl);
		assertThat(ServiceRoot.problem("ftp://graph.microsoft.com/v1.0")).hasValue("'ftp://graph.microsoft.com/v1.0'"
				+ notAnUrl);
		assertThat(ServiceRoot.problem("https:///v1.0")).hasValue("'https:///v1.0'" + notAnUrl);
		assertThat(ServiceRoot.problem("https://graph.microsoft.com/v1.0?x=1")).get().asString().endsWith(notAnUrl);
		assertThat(ServiceRoot.problem("https://graph.microsoft.com/v1.0#top")).get().asString().endsWith(notAnUrl);
		assertThat(ServiceRoot.problem("https://graph microsoft com")).hasValue("'https://graph microsoft com'"
				+ notAnUrl);
	}

	@Test
	void loopbackIsRecognisedWithoutAskingANameServer() {
		assertThat(ServiceRoot.isLoopback("127.0.0.1")).isTrue();
		assertThat(ServiceRoot.isLoopback("127.10.200.3")).isTrue();
		assertThat(ServiceRoot.isLoopback("LOCALHOST")).isTrue();
		assertThat(ServiceRoot.isLoopback("[::1]")).isTrue();
		assertThat(ServiceRoot.isLoopback("[0:0:0:0:0:0:0:1]")).isTrue();
		assertThat(ServiceRoot.isLoopback("::1")).isTrue();
		assertThat(ServiceRoot.isLoopback("128.0.0.1")).isFalse();
		assertThat(ServiceRoot.isLoopback("127.0.0.1.example.com")).isFalse();
		assertThat(ServiceRoot.isLoopback("[::2]")).isFalse();
	}

}
