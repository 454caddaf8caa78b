package com.example.intune.statusimport.graph;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The rule for where the bearer token may go: Graph's service root must be an https URL, or http to this machine
 * only (the simulator), and carry no user name or password, which would end up in logs, the summary and the job
 * store. Checked on the command line for a clear message, and again before the first request.
 */
public final class ServiceRoot {

	private ServiceRoot() {
	}

	/** What is wrong with {@code url} as Graph's service root, or empty when the token may go there. */
	public static Optional<String> problem(String url) {
		URI uri;
		try {
			uri = URI.create(url.strip());
		}
		catch (IllegalArgumentException ex) {
			return Optional.of("'" + url + "' is not an http(s) URL such as https://graph.microsoft.com/v1.0");
		}
		if (uri.getRawUserInfo() != null) {
			return Optional.of("'" + withoutUserInfo(uri) + "' carries a user name or password, which would be"
					+ " printed and stored with the run; give the URL without them (the job signs in by itself)");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http")) || uri.getRawQuery() != null
				|| uri.getRawFragment() != null) {
			return Optional.of("'" + url + "' is not an http(s) URL such as https://graph.microsoft.com/v1.0");
		}
		if (scheme.equals("http") && !isLoopback(uri.getHost())) {
			return Optional.of("'" + url + "' would send the access token in clear text; use https (plain http is"
					+ " only for the local simulator, on 127.0.0.1 or localhost)");
		}
		return Optional.empty();
	}

	/** This machine, named or as an address, without asking a name server. */
	static boolean isLoopback(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		return name.equals("localhost") || name.matches("127(\\.\\d{1,3}){3}") || name.equals("::1")
				|| name.equals("0:0:0:0:0:0:0:1");
	}

	private static String withoutUserInfo(URI uri) {
		return uri.getScheme() + "://***@" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
				+ (uri.getRawPath() == null ? "" : uri.getRawPath());
	}

}
