package com.example.intune.statusimport.simulator;

import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults the simulator injects, drawn under one lock from one seeded random source so that a seed gives the same
 * faults to the same sequence of requests: dropped connections, random 429s (with or without Retry-After), 502, 503
 * and 504, and a write quota per window that answers 429 with the seconds left. It also counts requests that arrive
 * while a Retry-After it gave is still running, which a well-behaved client never sends.
 */
final class FaultPlan {

	/** What one write meets instead of being applied. */
	sealed interface Fault permits Throttle, ServerError {
	}

	record Throttle(String retryAfter) implements Fault {
	}

	record ServerError(int status, String code) implements Fault {
	}

	private final SimulatorSettings settings;

	private final Random random;

	private final AtomicLong earlyRequests = new AtomicLong();

	private long windowStartNanos = System.nanoTime();

	private int writesInWindow;

	private long retryAfterUntilNanos = System.nanoTime();

	FaultPlan(SimulatorSettings settings) {
		this.settings = settings;
		this.random = new Random(settings.seed());
	}

	/** Whether this request's connection is closed without an answer; notes a request that came too early. */
	synchronized boolean drawDrop() {
		if (System.nanoTime() - this.retryAfterUntilNanos < 0) {
			this.earlyRequests.incrementAndGet();
		}
		return this.random.nextDouble() < this.settings.dropShare();
	}

	/** The quota and the random 429s and 5xx of one write, alone or inside a batch; {@code null} for none. */
	synchronized Fault drawWriteFault() {
		long now = System.nanoTime();
		if (this.settings.writeQuota() > 0) {
			long window = this.settings.quotaWindow().toNanos();
			if (now - this.windowStartNanos >= window) {
				this.windowStartNanos = now - ((now - this.windowStartNanos) % window);
				this.writesInWindow = 0;
			}
			this.writesInWindow++; // throttled writes count against the quota too, as in Graph
			if (this.writesInWindow > this.settings.writeQuota()) {
				long left = this.windowStartNanos + window - now;
				return throttle(String.format(Locale.ROOT, "%.3f", left / 1e9), left);
			}
		}
		double draw = this.random.nextDouble();
		if (draw < this.settings.throttleShare()) {
			if (this.random.nextDouble() < this.settings.noRetryAfterShare()) {
				return new Throttle(null);
			}
			return throttle(seconds(this.settings.retryAfter().toNanos()), this.settings.retryAfter().toNanos());
		}
		if (draw < this.settings.throttleShare() + this.settings.serverErrorShare()) {
			return switch (this.random.nextInt(3)) {
				case 0 -> new ServerError(502, "BadGateway");
				case 1 -> new ServerError(503, "ServiceUnavailable");
				default -> new ServerError(504, "GatewayTimeout");
			};
		}
		return null;
	}

	/** Shuffles a batch's answers with the same seeded source. */
	synchronized void shuffle(java.util.List<?> answers) {
		java.util.Collections.shuffle(answers, this.random);
	}

	long earlyRequests() {
		return this.earlyRequests.get();
	}

	static SimulatedAnswer answer(Fault fault, String clientRequestId) {
		if (fault instanceof Throttle throttle) {
			return SimulatedAnswer.error(429, "TooManyRequests", "Too many requests from this application.",
					throttle.retryAfter(), clientRequestId);
		}
		ServerError error = (ServerError) fault;
		return SimulatedAnswer.error(error.status(), error.code(), "The service is temporarily unavailable.", null,
				clientRequestId);
	}

	private Throttle throttle(String header, long nanos) {
		// a client that retries within 90 % of the wait was early; the margin absorbs clock and scheduling jitter
		long until = System.nanoTime() + (long) (nanos * 0.9);
		if (until - this.retryAfterUntilNanos > 0) {
			this.retryAfterUntilNanos = until;
		}
		return new Throttle(header);
	}

	private static String seconds(long nanos) {
		String text = String.format(Locale.ROOT, "%.3f", nanos / 1e9).replaceAll("\\.?0+$", "");
		return text.isEmpty() ? "0" : text;
	}

}
