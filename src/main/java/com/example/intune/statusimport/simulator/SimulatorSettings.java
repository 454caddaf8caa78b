package com.example.intune.statusimport.simulator;

import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

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
 * @param writeQuota writes accepted per quota window before answering 429 with the time until one would pass; 0 for
 * no quota
 * @param readQuota reads (every GET, also inside a batch) accepted per quota window, counted apart from writes; 0 for
 * no quota
 * @param quotaWindow the length of the quota window
 * @param quotaKind how both quotas count their window
 * @param readFaults whether reads draw the random 429s and 5xx too, not only writes
 * @param pageSize the most statuses a list page answers
 * @param acceptedToken a bearer token always accepted, or {@code null}: then any token is accepted, unless an
 * identity platform is simulated, whose issued tokens are accepted until they expire
 * @param knownIds the ids that exist, as {@code id} or {@code deviceConfigurationId/id}; empty means all exist
 * @param identity the simulated identity platform, or {@code null} for none
 * @param identityPort the port of the identity platform's TLS endpoint, 0 for any free one
 */
public record SimulatorSettings(int port, long seed, double throttleShare, double noRetryAfterShare,
		Duration retryAfter, double serverErrorShare, double dropShare, Duration latency, int writeQuota,
		int readQuota, Duration quotaWindow, QuotaKind quotaKind, boolean readFaults, int pageSize,
		String acceptedToken, Set<String> knownIds, IdentitySettings identity,
		int identityPort) {

	public SimulatorSettings {
		knownIds = Set.copyOf(knownIds);
		if (pageSize < 1) {
			throw new IllegalArgumentException("a page holds at least one status, not " + pageSize);
		}
	}

	/** A well-behaved Graph: no faults, no quota, any token. */
	public static SimulatorSettings healthy() {
		return new Builder().build();
	}

	public SimulatorSettings withFaults(double throttleShare, double noRetryAfterShare, Duration retryAfter,
			double serverErrorShare, double dropShare) {
		return with(builder -> {
			builder.throttleShare = throttleShare;
			builder.noRetryAfterShare = noRetryAfterShare;
			builder.retryAfter = retryAfter;
			builder.serverErrorShare = serverErrorShare;
			builder.dropShare = dropShare;
		});
	}

	public SimulatorSettings withToken(String token) {
		return with(builder -> builder.acceptedToken = token);
	}

	public SimulatorSettings withKnownIds(Set<String> ids) {
		return with(builder -> builder.knownIds = ids);
	}

	public SimulatorSettings withQuota(int writes, Duration window) {
		return with(builder -> {
			builder.writeQuota = writes;
			builder.quotaWindow = window;
		});
	}

	/** Both quotas, writes and reads, counted {@code kind}'s way over the same window; 0 for none. */
	public SimulatorSettings withQuotas(QuotaKind kind, int writes, int reads, Duration window) {
		return with(builder -> {
			builder.quotaKind = kind;
			builder.writeQuota = writes;
			builder.readQuota = reads;
			builder.quotaWindow = window;
		});
	}

	public SimulatorSettings withPageSize(int pageSize) {
		return with(builder -> builder.pageSize = pageSize);
	}

	public SimulatorSettings withLatency(Duration latency) {
		return with(builder -> builder.latency = latency);
	}

	public SimulatorSettings withIdentity(IdentitySettings identity) {
		return with(builder -> builder.identity = identity);
	}

	/** These settings with {@code change} made to a copy. */
	public SimulatorSettings with(Consumer<Builder> change) {
		Builder builder = new Builder();
		builder.port = this.port;
		builder.seed = this.seed;
		builder.throttleShare = this.throttleShare;
		builder.noRetryAfterShare = this.noRetryAfterShare;
		builder.retryAfter = this.retryAfter;
		builder.serverErrorShare = this.serverErrorShare;
		builder.dropShare = this.dropShare;
		builder.latency = this.latency;
		builder.writeQuota = this.writeQuota;
		builder.readQuota = this.readQuota;
		builder.quotaWindow = this.quotaWindow;
		builder.quotaKind = this.quotaKind;
		builder.readFaults = this.readFaults;
		builder.pageSize = this.pageSize;
		builder.acceptedToken = this.acceptedToken;
		builder.knownIds = this.knownIds;
		builder.identity = this.identity;
		builder.identityPort = this.identityPort;
		change.accept(builder);
		return builder.build();
	}

	/** Starts from a healthy simulator on any free port. */
	public static final class Builder {

		public int port;

		public long seed = 1;

		public double throttleShare;

		public double noRetryAfterShare;

		public Duration retryAfter = Duration.ofSeconds(1);

		public double serverErrorShare;

		public double dropShare;

		public Duration latency = Duration.ZERO;

		public int writeQuota;

		public int readQuota;

		public Duration quotaWindow = Duration.ofSeconds(20);

		public QuotaKind quotaKind = QuotaKind.FIXED;

		public boolean readFaults;

		public int pageSize = 100;

		public String acceptedToken;

		public Set<String> knownIds = Set.of();

		public IdentitySettings identity;

		public int identityPort;

		public SimulatorSettings build() {
			return new SimulatorSettings(this.port, this.seed, this.throttleShare, this.noRetryAfterShare,
					this.retryAfter, this.serverErrorShare, this.dropShare, this.latency, this.writeQuota,
					this.readQuota, this.quotaWindow, this.quotaKind, this.readFaults, this.pageSize, this.acceptedToken,
					this.knownIds, this.identity, this.identityPort);
		}

	}

}
