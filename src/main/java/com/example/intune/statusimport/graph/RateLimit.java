package com.example.intune.statusimport.graph;

import java.time.Duration;

/**
 * A quota of requests per window, such as Intune's limit per app and tenant for writes: 100 per 20 s.
 *
 * @param requests requests per window
 * @param window the window
 */
public record RateLimit(int requests, Duration window) {

	/** Intune's write limit per app and tenant; throttled requests count against it too. */
	public static final RateLimit INTUNE = new RateLimit(100, Duration.ofSeconds(20));

	/** Intune's limit per app for any request, which is what bounds reads: ten times the write limit. */
	public static final RateLimit INTUNE_READS = new RateLimit(1000, Duration.ofSeconds(20));

	public RateLimit {
		if (requests < 1 || window.isZero() || window.isNegative()) {
			throw new IllegalArgumentException("a rate needs at least one request per positive window");
		}
	}

	public double perSecond() {
		return this.requests / (this.window.toNanos() / 1e9);
	}

}
