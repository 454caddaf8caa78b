package com.example.intune.statusimport.graph;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

import javax.net.ssl.SSLException;

/**
 * The kinds of exchange with Graph that got no HTTP answer, by the names an administrator looks for: the end of run
 * summary counts them, so that "Graph failed" reads as "connection refused 12" (nothing listens: a wrong URL or a
 * proxy down) or "DNS 3" (the name does not resolve) or "TLS 2" (a certificate or an intercepting proxy).
 */
public enum ConnectionError {

	REFUSED("connection refused"), TIMED_OUT("timed out"), RESET("connection reset"), CLOSED("connection closed"),
	TLS("TLS"), DNS("DNS"), NO_ROUTE("no route to host"), OTHER("other");

	private final String label;

	ConnectionError(String label) {
		this.label = label;
	}

	/** The name in the summary and in the JSON summary's {@code connectionErrors}. */
	public String label() {
		return this.label;
	}

	/** What kind of failure {@code failure}, the cause of an exchange that got no answer, is. */
	static ConnectionError of(Throwable failure) {
		// the causes say more than the outer exception: the client wraps a DNS failure in a ConnectException
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
				return DNS;
			}
			if (cause instanceof SSLException) {
				return TLS;
			}
			if (cause instanceof NoRouteToHostException) {
				return NO_ROUTE;
			}
		}
		if (failure instanceof HttpTimeoutException) {
			return TIMED_OUT;
		}
		if (failure instanceof ConnectException) {
			return REFUSED;
		}
		String message = failure.getMessage() == null ? "" : failure.getMessage().toLowerCase(Locale.ROOT);
		if (message.contains("reset")) {
			return RESET;
		}
		if (failure instanceof EOFException || message.contains("closed") || message.contains("no bytes")
				|| message.contains("eof")) {
			return CLOSED;
		}
		return OTHER;
	}

}
