package com.example.intune.statusimport.signin;

import java.util.Locale;

/**
 * The Microsoft clouds: where to sign in, where Graph is, and the token scope that goes with it. One place for the
 * national cloud hosts.
 */
public enum Cloud {

	GLOBAL("global", "login.microsoftonline.com", "graph.microsoft.com"),
	USGOV("usgov", "login.microsoftonline.us", "graph.microsoft.us"),
	USGOV_DOD("usgov-dod", "login.microsoftonline.us", "dod-graph.microsoft.us"),
	CHINA("china", "login.chinacloudapi.cn", "microsoftgraph.chinacloudapi.cn");

	private final String optionName;

	private final String loginHost;

	private final String graphHost;

	Cloud(String optionName, String loginHost, String graphHost) {
		this.optionName = optionName;
		this.loginHost = loginHost;
		this.graphHost = graphHost;
	}

	public String optionName() {
		return this.optionName;
	}

	/** The sign-in endpoint root, such as {@code https://login.microsoftonline.com}. */
	public String authorityHost() {
		return "https://" + this.loginHost;
	}

	/** The default {@code --graph-url} for this cloud. */
	public String graphUrl() {
		return "https://" + this.graphHost + "/v1.0";
	}

	/** What a managed identity asks a token for. */
	public String graphResource() {
		return "https://" + this.graphHost;
	}

	/** The client-credentials scope: every application permission granted on Graph. */
	public String graphScope() {
		return graphResource() + "/.default";
	}

	public static Cloud fromOption(String name) {
		String wanted = name.strip().toLowerCase(Locale.ROOT);
		for (Cloud cloud : values()) {
			if (cloud.optionName.equals(wanted)) {
				return cloud;
			}
		}
		throw new IllegalArgumentException("'" + name + "' is not one of global, usgov, usgov-dod, china");
	}

}
