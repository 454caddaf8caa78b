package com.example.intune.statusimport.simulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The tokens the simulated identity platform issued, which the simulated Graph accepts until they expire. */
final class IssuedTokens {

	enum Verdict {
		VALID, EXPIRED, UNKNOWN
	}

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Long> expiryNanos = new ConcurrentHashMap<>();

	private final AtomicLong issued = new AtomicLong();

	String issue(Duration lifetime) {
		byte[] bytes = new byte[24];
		this.random.nextBytes(bytes);
		String token = "sim." + HexFormat.of().formatHex(bytes);
		this.expiryNanos.put(token, System.nanoTime() + lifetime.toNanos());
		this.issued.incrementAndGet();
		return token;
	}

	Verdict check(String token) {
		Long expiry = this.expiryNanos.get(token);
		if (expiry == null) {
			return Verdict.UNKNOWN;
		}
		return expiry - System.nanoTime() > 0 ? Verdict.VALID : Verdict.EXPIRED;
	}

	/** Every token issued so far stops working, as when an administrator revokes the app's sessions. */
	void revokeAll() {
		this.expiryNanos.replaceAll((token, expiry) -> System.nanoTime() - 1);
	}

	long issued() {
		return this.issued.get();
	}

	java.util.Set<String> all() {
		return java.util.Set.copyOf(this.expiryNanos.keySet());
	}

}
