package com.example.intune.statusimport.graph;

import java.time.Duration;

/**
 * A write rate, such as Intune's limit per app and tenant: 100 writes per 20 s.
 *
 * @param writes writes per window
 * @param window the window
 */
public record RateLimit(int writes, Duration window) {

	/** Intune's limit per app and tenant; throttled requests count against it too. */
	public static final RateLimit INTUNE = new RateLimit(100, Duration.ofSeconds(20));

	public RateLimit {
		if (writes < 1 || window.isZero() || window.isNegative()) {
			throw new IllegalArgumentException("a rate needs at least one write per positive window");
		}
	}

	public double perSecond() {
		return this.writes / (this.window.toNanos() / 1e9);
	}

}
