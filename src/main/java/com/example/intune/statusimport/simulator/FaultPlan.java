package com.example.intune.statusimport.simulator;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults the simulator injects, drawn under one lock from one seeded random source so that a seed gives the same
 * faults to the same sequence of requests: dropped connections, random 429s (with or without Retry-After), 502, 503
 * and 504, and a read quota and a write quota ({@link Quota}), counted apart, that answer 429 with the time until a
 * request would pass. It also counts requests that arrive while a Retry-After it gave for what they carry is still
 * running, which a well-behaved client never sends.
 */
final class FaultPlan {

	/** What one write meets instead of being applied. */
	sealed interface Fault permits Throttle, ServerError {
	}

	record Throttle(String retryAfter) implements Fault {
	}

	record ServerError(int status, String code) implements Fault {
	}

	/** What a request does, for its quota and its faults: every GET reads, every other method writes. */
	enum Access {

		READ, WRITE;

		static Access of(String method) {
			return method.equals("GET") ? READ : WRITE;
		}

	}

	private final SimulatorSettings settings;

	private final Random random;

	private final AtomicLong earlyRequests = new AtomicLong();

	private final Map<Access, Quota> quotas = new EnumMap<>(Access.class);

	/** Until when each access was told to wait by a 429, in {@link System#nanoTime()}. */
	private final Map<Access, Long> retryAfterUntil = new EnumMap<>(Access.class);

	FaultPlan(SimulatorSettings settings) {
		this.settings = settings;
		this.random = new Random(settings.seed());
		this.quotas.put(Access.READ, new Quota(settings.quotaKind(), settings.readQuota(), settings.quotaWindow()));
		this.quotas.put(Access.WRITE, new Quota(settings.quotaKind(), settings.writeQuota(), settings.quotaWindow()));
		long now = System.nanoTime();
		this.retryAfterUntil.put(Access.READ, now);
		this.retryAfterUntil.put(Access.WRITE, now);
	}

	/**
	 * Whether this request's connection is closed without an answer; notes a request that came while a Retry-After
	 * given for what it carries (a batch may carry both) was still running.
	 */
	synchronized boolean drawDrop(Set<Access> carried) {
		long now = System.nanoTime();
		if (carried.stream().anyMatch(access -> now - this.retryAfterUntil.get(access) < 0)) {
			this.earlyRequests.incrementAndGet();
		}
		return this.random.nextDouble() < this.settings.dropShare();
	}

	/**
	 * The quota of one read or write, alone or inside a batch, then its random 429s and 5xx (drawn by writes, and by
	 * reads when the settings say so); {@code null} for none.
	 */
	synchronized Fault drawFault(Access access) {
		long left = this.quotas.get(access).admit(System.nanoTime());
		if (left > 0) {
			return throttle(access, String.format(Locale.ROOT, "%.3f", left / 1e9), left);
		}
		if (access == Access.READ && !this.settings.readFaults()) {
			return null;
		}
		double draw = this.random.nextDouble();
		if (draw < this.settings.throttleShare()) {
			if (this.random.nextDouble() < this.settings.noRetryAfterShare()) {
				return new Throttle(null);
			}
			long wait = this.settings.retryAfter().toNanos();
			return throttle(access, seconds(wait), wait);
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

	private Throttle throttle(Access access, String header, long nanos) {
		// a client that retries within 90 % of the wait was early; the margin absorbs clock and scheduling jitter
		long until = System.nanoTime() + (long) (nanos * 0.9);
		this.retryAfterUntil.merge(access, until, (held, next) -> next - held > 0 ? next : held);
		return new Throttle(header);
	}

	private static String seconds(long nanos) {
		String text = String.format(Locale.ROOT, "%.3f", nanos / 1e9).replaceAll("\\.?0+$", "");
		return text.isEmpty() ? "0" : text;
	}

}
