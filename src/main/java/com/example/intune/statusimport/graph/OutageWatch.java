package com.example.intune.statusimport.graph;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Tells an outage from bad luck across all requests of the run. Each request retries its transient failures
 * (5xx, dropped connections, timeouts) on its own; but when nothing but such failures came back for a while, from
 * any request, the run stops (exit 3, resumable) instead of spending minutes per row: sooner when Graph has not
 * answered anything yet (a wrong URL, a firewall), later once it had (see {@link RetryPolicy}). Any answer that is
 * not such a failure (a success, a refusal, a 429) shows that Graph is there and starts the count again.
 */
final class OutageWatch {

	/** A wait that never ends the run by itself. */
	private static final Duration NO_LIMIT = Duration.ofDays(365);

	private final String graphUrl;

	private final RetryPolicy policy;

	private final LongSupplier nanoTime;

	private final Map<String, Integer> failures = new LinkedHashMap<>();

	private boolean graphAnswered;

	private boolean anyAnswer;

	private long failingSinceNanos;

	private Instant failingSince;

	/** @param nanoTime the clock ({@code System::nanoTime}, or a fake in tests) */
	OutageWatch(String graphUrl, RetryPolicy policy, LongSupplier nanoTime) {
		this.graphUrl = graphUrl;
		this.policy = policy;
		this.nanoTime = nanoTime;
	}

	/** Graph answered something other than a transient failure. */
	synchronized void graphAnswered() {
		this.graphAnswered = true;
		this.anyAnswer = true;
		this.failures.clear();
	}

	/**
	 * A transient failure.
	 * @param kind what it was, without details that differ between requests ("503 ServiceUnavailable")
	 * @param answered whether an HTTP answer came at all
	 */
	synchronized void failed(String kind, boolean answered) {
		this.anyAnswer |= answered;
		if (this.failures.isEmpty()) {
			this.failingSinceNanos = this.nanoTime.getAsLong();
			this.failingSince = Instant.now();
		}
		this.failures.merge(kind, 1, Integer::sum);
	}

	/** Whether any request ever got an HTTP answer. */
	synchronized boolean anyAnswer() {
		return this.anyAnswer;
	}

	/** How long the failures may go on before the run stops; the longest wait before the next check. */
	synchronized Duration timeLeft() {
		if (this.failures.isEmpty()) {
			return NO_LIMIT;
		}
		long left = limit().toNanos() - (this.nanoTime.getAsLong() - this.failingSinceNanos);
		return Duration.ofNanos(Math.max(0, left));
	}

	/** @throws GraphFatalException when nothing but transient failures came back for longer than allowed */
	synchronized void check() {
		if (this.failures.isEmpty() || this.nanoTime.getAsLong() - this.failingSinceNanos < limit().toNanos()) {
			return;
		}
		List<String> counts = this.failures.entrySet()
			.stream()
			.map(failure -> failure.getKey() + " " + failure.getValue() + (failure.getValue() == 1 ? " time" : " times"))
			.toList();
		String since = DateTimeFormatter.ISO_LOCAL_TIME.format(this.failingSince.atOffset(ZoneOffset.UTC).toLocalTime()
			.withNano(0));
		throw new GraphFatalException((this.graphAnswered ? "Graph at " + this.graphUrl
				+ " has answered nothing but transient failures for " + minutes(limit()) + " (since " + since
				+ " UTC): " : "Graph at " + this.graphUrl + " gave no usable answer in the first "
						+ minutes(limit()) + ": ")
				+ String.join(", ", counts) + ". " + (this.graphAnswered
						? "Run the same command again to resume once Graph is back."
						: "Check --graph-url and the network, then run the same command again to resume."));
	}

	private Duration limit() {
		return this.graphAnswered ? this.policy.outageAfterAnswers() : this.policy.outageBeforeAnswers();
	}

	private static String minutes(Duration duration) {
		return duration.toSeconds() < 60 ? duration.toSeconds() + " s" : duration.toMinutes() + " min";
	}

}
