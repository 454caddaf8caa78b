package com.example.intune.statusimport.graph;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one place that decides what is retried and how long to wait. 429 waits for Retry-After (exponential back-off
 * with jitter when Graph gives none); 500, 502, 503, 504, dropped connections and timeouts back off exponentially
 * with jitter, honouring Retry-After where given. Everything else is final.
 *
 * @param maxAttempts attempts per row, the first included
 * @param baseDelay the first back-off; each further one doubles, up to {@code maxDelay}
 * @param maxDelay the longest wait before a retry: our own back-off stops growing there, and a Retry-After from Graph
 * that asks for more stops the run rather than waiting that long in silence
 * @param outageBeforeAnswers how long nothing but transient failures may come back before Graph ever answered,
 * before the run stops
 * @param outageAfterAnswers the same once Graph had answered
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration outageBeforeAnswers,
		Duration outageAfterAnswers) {

	/**
	 * Twelve attempts: with a third of all requests failing transiently (the fault profile of the tests), a row is
	 * lost to bad luck about once in a million. The back-off reaches one minute, which rides out a short outage; an
	 * outage longer than three minutes, or no usable answer at all in the first thirty seconds, stops the run.
	 */
	public static final RetryPolicy DEFAULT = new RetryPolicy(12, Duration.ofSeconds(1), Duration.ofSeconds(60));

	public RetryPolicy {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1");
		}
	}

	/** A policy with the default outage limits: 30 s before Graph answered anything, 3 min after. */
	public RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
		this(maxAttempts, baseDelay, maxDelay, Duration.ofSeconds(30), Duration.ofMinutes(3));
	}

	/** Whether Graph's answer is worth another attempt. */
	public boolean isTransient(int httpStatus) {
		return httpStatus == 429 || httpStatus == 500 || httpStatus == 502 || httpStatus == 503 || httpStatus == 504;
	}

	/** Whether Graph said "too many requests", which pauses every request, not only the one that was told. */
	public boolean isThrottling(int httpStatus) {
		return httpStatus == 429;
	}

	/**
	 * How long to wait before attempt {@code failedAttempt + 1}.
	 * @param retryAfter what Graph asked for, if it did
	 */
	public Duration delayAfter(int failedAttempt, Optional<Duration> retryAfter) {
		if (retryAfter.isPresent()) {
			return retryAfter.get();
		}
		long base = this.baseDelay.toNanos();
		int doublings = Math.min(failedAttempt - 1, 30);
		long ceiling = base << doublings;
		// a base delay too long to double that often overflows: the back-off has then reached the longest wait;
		// a zero base delay stays zero (retry at once), as asked
		if (ceiling < 0 || ceiling >> doublings != base || ceiling > this.maxDelay.toNanos()) {
			ceiling = this.maxDelay.toNanos();
		}
		// "equal jitter": at least half the ceiling, so retries spread out without collapsing to zero
		long half = ceiling / 2;
		return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
	}

}
