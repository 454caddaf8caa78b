package com.example.intune.statusimport.signin;

import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CloudTests {

	@ParameterizedTest
	@CsvSource({ "global, https://login.microsoftonline.com, https://graph.microsoft.com/v1.0, https://graph.microsoft.com/.default",
			"usgov, https://login.microsoftonline.us, https://graph.microsoft.us/v1.0, https://graph.microsoft.us/.default",
			"usgov-dod, https://login.microsoftonline.us, https://dod-graph.microsoft.us/v1.0, https://dod-graph.microsoft.us/.default",
			"china, https://login.chinacloudapi.cn, https://microsoftgraph.chinacloudapi.cn/v1.0, https://microsoftgraph.chinacloudapi.cn/.default" })
	void eachCloudHasItsSignInHostGraphHostAndScope(String option, String login, String graph, String scope) {
		Cloud cloud = Cloud.fromOption(option);
		assertThat(cloud.authorityHost()).isEqualTo(login);
		assertThat(cloud.graphUrl()).isEqualTo(graph);
		assertThat(cloud.graphScope()).isEqualTo(scope);
		SignIn options = new SignIn("contoso.onmicrosoft.com", "app", null, null, null, false, null, cloud,
				null);
		assertThat(options.authority()).isEqualTo(login + "/contoso.onmicrosoft.com/");
	}

	@org.junit.jupiter.api.Test
	void anAuthorityUrlReplacesTheCloudsSignInHost() {
		SignIn options = new SignIn("t1", "app", null, Path.of("x"), null, false, null, Cloud.CHINA,
				"https://127.0.0.1:8443/");
		assertThat(options.authority()).isEqualTo("https://127.0.0.1:8443/t1/");
	}

}
