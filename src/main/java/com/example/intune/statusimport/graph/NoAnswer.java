package com.example.intune.statusimport.graph;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** What to say of an exchange that got no HTTP answer: the words the report, the outage stop and the summary use. */
final class NoAnswer {

	private NoAnswer() {
	}

	/** No answer came within {@code wait}. */
	static String within(Duration wait) {
		long millis = wait.toMillis();
		return "no answer within " + (millis < 10_000 && millis % 1000 != 0 ? millis + " ms"
				: Math.round(millis / 1000.0) + " s");
	}

	/**
	 * The connection's failure in a few words; anything but an I/O failure is a bug and is thrown again.
	 * @param wait how long the answer was waited for
	 */
	static String of(Throwable failure, Duration wait) {
		if (failure instanceof HttpTimeoutException) {
			return within(wait);
		}
		if (failure instanceof ConnectException) {
			return "the connection was refused (" + describe(failure) + ")";
		}
		if (failure instanceof IOException) {
			return "the connection failed (" + describe(failure) + ")";
		}
		throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
	}

	private static String describe(Throwable ex) {
		String message = ex.getMessage();
		return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
	}

}
