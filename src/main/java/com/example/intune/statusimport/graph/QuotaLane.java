package com.example.intune.statusimport.graph;

import java.time.Duration;
import java.util.Optional;

/**
 * One kind of request with a quota of its own, writes or reads: its {@link QuotaPacer} and its {@link ThrottleGate}.
 * Graph counts the two apart (Intune: 100 writes and 1,000 requests per 20 s per app), so a 429 to a write holds the
 * writes and leaves the reads going, and the other way round.
 */
final class QuotaLane {

	private final QuotaPacer pacer;

	private final ThrottleGate gate;

	QuotaLane(RateLimit rate, StopSignal stop, GraphStats stats) {
		this.pacer = new QuotaPacer(rate, System::nanoTime, stop::sleep);
		this.gate = new ThrottleGate(stop, stats);
	}

	/**
	 * Waits until {@code requests} may leave together: the gate open and room in the quota. A request whose slot came
	 * while Graph had meanwhile asked to wait gives its slot back and waits again, since it did not leave then.
	 * @return when they are logged as sent
	 */
	long admit(int requests) {
		while (true) {
			this.gate.awaitOpen();
			long slot = this.pacer.acquire(requests);
			if (this.gate.waitLeft().isZero()) {
				return slot;
			}
			this.pacer.cancel(slot, requests);
		}
	}

	/** Requests of this kind logged at {@code slot} came back: see {@link QuotaPacer#cameBack}. */
	void cameBack(long slot, int requests, boolean answered) {
		this.pacer.cameBack(slot, requests, answered);
	}

	/** Graph answered 429 to a request of this kind: see {@link QuotaPacer#throttled}. */
	void throttled(long slot, int acceptedTogether, Optional<Duration> retryAfter) {
		this.pacer.throttled(slot, acceptedTogether, retryAfter);
	}

	/** No request of this kind starts before {@code wait} is over. */
	void holdFor(Duration wait) {
		this.gate.holdFor(wait);
	}

	Duration waitLeft() {
		return this.gate.waitLeft();
	}

	/** The budget now, in requests per second. */
	double pace() {
		return this.pacer.ratePerSecond();
	}

}
