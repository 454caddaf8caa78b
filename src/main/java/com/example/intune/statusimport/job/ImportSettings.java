package com.example.intune.statusimport.job;

import java.nio.file.Path;
import java.time.Duration;

import com.example.intune.statusimport.graph.GraphSettings;
import com.example.intune.statusimport.input.InputFile;

/**
 * Everything one run needs, decided by the command line before the job starts.
 *
 * @param input the checked input file
 * @param reportPath where the failure report goes
 * @param jobStore the H2 database file (without {@code .mv.db}) that keeps run state
 * @param graph how to reach Graph
 * @param defaultConfigurationId the deviceConfigurationId for rows that carry none, or {@code null}
 * @param dryRun read and validate only
 * @param maxFailures stop once more than this many rows failed; negative for no limit
 * @param chunkSize rows per transaction: the most a crash makes a resumed run send again
 * @param progressInterval how often a progress line is printed
 * @param concurrency requests in flight at once
 * @param force send rows whose values Graph already confirmed
 * @param resendAfter send rows whose last confirmed write is older than this, or {@code null} for never
 * @param summaryJson where to write the end-of-run figures as JSON, or {@code null}
 * @param batchSize updates per request: 1 for one PATCH each, up to 20 in one {@code $batch}
 */
public record ImportSettings(InputFile input, Path reportPath, Path jobStore, GraphSettings graph,
		String defaultConfigurationId, boolean dryRun, long maxFailures, int chunkSize, Duration progressInterval,
		int concurrency, boolean force, Duration resendAfter, Path summaryJson, int batchSize) {

	public boolean hasFailureLimit() {
		return this.maxFailures >= 0;
	}

}
