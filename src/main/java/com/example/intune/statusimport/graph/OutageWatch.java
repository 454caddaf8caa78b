package com.example.intune.statusimport.graph;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Tells an outage from bad luck across all requests of the run. Each request retries its transient failures
 * (5xx, dropped connections, timeouts) on its own; but when nothing but such failures came back for a while, the
 * run stops (exit 3, resumable) instead of spending minutes per row: within the first {@code outageBeforeAnswers}
 * of the run when Graph has given no usable answer yet (a wrong URL, a firewall), and after
 * {@code outageAfterAnswers} of failures of two requests or more once it had (see {@link RetryPolicy}). One status
 * that is never answered while the others were is not an outage: it fails alone when its attempts run out. Any
 * answer that is not such a failure (a success, a refusal, a 429) shows that Graph is there and starts the count
 * again.
 */
final class OutageWatch {

	/** A wait that never ends the run by itself. */
	private static final Duration NO_LIMIT = Duration.ofDays(365);

	/** The shortest wait for an answer, even when the time for a first answer is nearly over. */
	private static final Duration MIN_ANSWER_WAIT = Duration.ofSeconds(1);

	private final String graphUrl;

	private final RetryPolicy policy;

	private final LongSupplier nanoTime;

	private final Map<String, Integer> failures = new LinkedHashMap<>();

	/** The requests that failed since the last usable answer, by identity. */
	private final Set<Object> failingRequests = Collections.newSetFromMap(new IdentityHashMap<>());

	private boolean started;

	private long firstRequestNanos;

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

	/** A request is about to leave: the first one starts the time Graph has to give its first usable answer. */
	synchronized void sending() {
		if (!this.started) {
			this.started = true;
			this.firstRequestNanos = this.nanoTime.getAsLong();
		}
	}

	/**
	 * How long to wait for the answer to a request: the request timeout, but before Graph gave any usable answer no
	 * longer than what is left of the time it has for that, so that a Graph URL where nothing answers ends the run
	 * within that time whatever the request timeout.
	 */
	synchronized Duration answerWait(Duration requestTimeout) {
		if (this.graphAnswered || !this.started) {
			return requestTimeout;
		}
		long left = this.policy.outageBeforeAnswers().toNanos() - (this.nanoTime.getAsLong() - this.firstRequestNanos);
		return Duration.ofNanos(Math.max(Math.min(left, requestTimeout.toNanos()), MIN_ANSWER_WAIT.toNanos()));
	}

	/** Graph answered something other than a transient failure. */
	synchronized void graphAnswered() {
		this.graphAnswered = true;
		this.anyAnswer = true;
		this.failures.clear();
		this.failingRequests.clear();
	}

	/**
	 * A transient failure.
	 * @param kind what it was, without details that differ between requests ("503 ServiceUnavailable")
	 * @param answered whether an HTTP answer came at all
	 * @param request the request that failed (compared by identity)
	 */
	synchronized void failed(String kind, boolean answered, Object request) {
		this.anyAnswer |= answered;
		if (this.failures.isEmpty()) {
			// before any usable answer the time counts from the first request, not from its failure
			this.failingSinceNanos = !this.graphAnswered && this.started ? this.firstRequestNanos
					: this.nanoTime.getAsLong();
			this.failingSince = Instant.now().minusNanos(this.nanoTime.getAsLong() - this.failingSinceNanos);
		}
		this.failures.merge(kind, 1, Integer::sum);
		this.failingRequests.add(request);
	}

	/**
	 * A request that failed has ended (it gave up, or was answered in the end). Once Graph had answered, the failures
	 * of requests that are over no longer count: a status that was never answered, given up after many minutes, must
	 * not make the next request's first failure look like minutes of outage.
	 */
	synchronized void ended(Object request) {
		if (this.failingRequests.remove(request) && this.graphAnswered && this.failingRequests.isEmpty()) {
			this.failures.clear();
		}
	}

	/** Whether the failures so far may stop the run once they last long enough. */
	private boolean mayStop() {
		return !this.failures.isEmpty() && (!this.graphAnswered || this.failingRequests.size() >= 2);
	}

	/**
	 * What has come back since the last usable answer, while requests still wait on it: each kind with its tries
	 * ("the connection was refused, 3 tries"), and for how long; {@code null} when nothing is failing.
	 */
	synchronized String trouble() {
		if (this.failures.isEmpty()) {
			return null;
		}
		long seconds = Duration.ofNanos(this.nanoTime.getAsLong() - this.failingSinceNanos).toSeconds();
		return (this.graphAnswered ? "Graph failing for " : "no answer from Graph for ") + seconds + " s: "
				+ String.join("; ", this.failures.entrySet()
					.stream()
					.map(failure -> failure.getKey() + ", " + failure.getValue()
							+ (failure.getValue() == 1 ? " try" : " tries"))
					.toList());
	}

	/** Whether any request ever got an HTTP answer. */
	synchronized boolean anyAnswer() {
		return this.anyAnswer;
	}

	/** How long the failures may go on before the run stops; the longest wait before the next check. */
	synchronized Duration timeLeft() {
		if (!mayStop()) {
			return NO_LIMIT;
		}
		long left = limit().toNanos() - (this.nanoTime.getAsLong() - this.failingSinceNanos);
		return Duration.ofNanos(Math.max(0, left));
	}

	/** @throws GraphFatalException when nothing but transient failures came back for longer than allowed */
	synchronized void check() {
		if (!mayStop() || this.nanoTime.getAsLong() - this.failingSinceNanos < limit().toNanos()) {
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
