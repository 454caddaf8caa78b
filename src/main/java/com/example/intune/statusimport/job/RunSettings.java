package com.example.intune.statusimport.job;

import java.time.Duration;

/**
 * How a run is kept, resumed and bounded.
 *
 * @param jobStore where run state is kept: an H2 file of this host or a PostgreSQL database many hosts share
 * @param dryRun read and validate only
 * @param maxFailures stop once more than this many rows failed; negative for no limit
 * @param chunkSize rows per transaction: the most a crash makes a resumed run send again
 * @param compare what a valid row is compared with before it is sent
 * @param resendAfter with {@link CompareMode#RECORDED}, send rows whose last confirmed write is older than this, or
 * {@code null} for never
 * @param verify read each chunk's statuses back after writing them
 * @param plan read the input and Graph and write the plan, sending no write
 */
public record RunSettings(JobStore jobStore, boolean dryRun, long maxFailures, int chunkSize, CompareMode compare,
		Duration resendAfter, boolean verify, boolean plan) {

	/** A chunk of 100 lasts 20 s at Intune's quota: a crash sends at most that much again. */
	public static final int DEFAULT_CHUNK_SIZE = 100;

	/** A dry run sends nothing, so bigger chunks only make it faster. */
	public static final int DRY_RUN_CHUNK_SIZE = 1000;

	public static final int MAX_CHUNK_SIZE = 10_000;

	public static final long NO_FAILURE_LIMIT = -1;

	/** Whether the run sends writes: neither a dry run nor a plan does. */
	public boolean writes() {
		return !this.dryRun && !this.plan;
	}

	/** Whether the run reads what Graph holds: a real run or a plan comparing live, never a dry run. */
	public boolean readsGraph() {
		return !this.dryRun && this.compare == CompareMode.LIVE;
	}

	public boolean hasFailureLimit() {
		return this.maxFailures >= 0;
	}

}
