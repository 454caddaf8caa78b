package com.example.intune.statusimport.simulator;

import java.time.Duration;
import java.util.Set;

/**
 * The knobs of the local Graph simulator. Shares are between 0 and 1 and drawn from one seeded random source, so a
 * run with the same seed and the same requests meets the same faults.
 *
 * @param port the port on 127.0.0.1, 0 for any free one
 * @param seed the seed of the random faults
 * @param throttleShare the share of writes answered 429
 * @param noRetryAfterShare the share of those 429s sent without Retry-After
 * @param retryAfter the Retry-After of a random 429
 * @param serverErrorShare the share of writes answered 502, 503 or 504
 * @param dropShare the share of requests whose connection is closed without an answer
 * @param latency time added before each answer
 * @param writeQuota writes accepted per quota window before answering 429 with the seconds left; 0 for no quota
 * @param quotaWindow the length of the quota window
 * @param acceptedToken the only bearer token accepted, or {@code null} to accept any
 * @param knownIds the ids that exist, as {@code id} or {@code deviceConfigurationId/id}; empty means all exist
 */
public record SimulatorSettings(int port, long seed, double throttleShare, double noRetryAfterShare,
		Duration retryAfter, double serverErrorShare, double dropShare, Duration latency, int writeQuota,
		Duration quotaWindow, String acceptedToken, Set<String> knownIds) {

	public SimulatorSettings {
		knownIds = Set.copyOf(knownIds);
	}

	/** A well-behaved Graph: no faults, no quota, any token. */
	public static SimulatorSettings healthy() {
		return new SimulatorSettings(0, 1, 0, 0, Duration.ofSeconds(1), 0, 0, Duration.ZERO, 0, Duration.ofSeconds(20),
				null, Set.of());
	}

	public SimulatorSettings withFaults(double throttleShare, double noRetryAfterShare, Duration retryAfter,
			double serverErrorShare, double dropShare) {
		return new SimulatorSettings(this.port, this.seed, throttleShare, noRetryAfterShare, retryAfter,
				serverErrorShare, dropShare, this.latency, this.writeQuota, this.quotaWindow, this.acceptedToken,
				this.knownIds);
	}

	public SimulatorSettings withToken(String token) {
		return new SimulatorSettings(this.port, this.seed, this.throttleShare, this.noRetryAfterShare, this.retryAfter,
				this.serverErrorShare, this.dropShare, this.latency, this.writeQuota, this.quotaWindow, token,
				this.knownIds);
	}

	public SimulatorSettings withKnownIds(Set<String> ids) {
		return new SimulatorSettings(this.port, this.seed, this.throttleShare, this.noRetryAfterShare, this.retryAfter,
				this.serverErrorShare, this.dropShare, this.latency, this.writeQuota, this.quotaWindow,
				this.acceptedToken, ids);
	}

	public SimulatorSettings withQuota(int writes, Duration window) {
		return new SimulatorSettings(this.port, this.seed, this.throttleShare, this.noRetryAfterShare, this.retryAfter,
				this.serverErrorShare, this.dropShare, this.latency, writes, window, this.acceptedToken, this.knownIds);
	}

	public SimulatorSettings withLatency(Duration latency) {
		return new SimulatorSettings(this.port, this.seed, this.throttleShare, this.noRetryAfterShare, this.retryAfter,
				this.serverErrorShare, this.dropShare, latency, this.writeQuota, this.quotaWindow, this.acceptedToken,
				this.knownIds);
	}

}
