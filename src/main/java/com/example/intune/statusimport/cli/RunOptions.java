package com.example.intune.statusimport.cli;

import java.nio.file.Path;
import java.time.Duration;

import picocli.CommandLine.Option;

import com.example.intune.statusimport.job.JobStoreFiles;
import com.example.intune.statusimport.job.RunSettings;

/** Where run state is kept for resuming, and what bounds a run. */
final class RunOptions {

	@Option(names = "--job-store", paramLabel = "PATH",
			description = "The H2 database file (without .mv.db) that keeps run state for resuming.")
	String jobStore = "~/.device-status-import/job-store";

	@Option(names = "--dry-run", description = "Read and validate everything, write the report, send nothing.")
	boolean dryRun;

	@Option(names = "--max-failures", paramLabel = "N", converter = MaxFailures.class,
			description = "Stop the run (exit 2) once more than N rows have failed. Default: no limit.")
	Long maxFailures;

	@Option(names = "--chunk-size", paramLabel = "N", converter = ChunkSize.class,
			description = "Rows committed together; after a crash at most this many are sent again. Default: "
					+ RunSettings.DEFAULT_CHUNK_SIZE + ", or " + RunSettings.DRY_RUN_CHUNK_SIZE + " with --dry-run"
					+ " (which sends nothing, so bigger chunks only make it faster).")
	Integer chunkSize;

	@Option(names = "--force", description = "Send every row, also those whose values Graph already confirmed"
			+ " (for statuses changed by hand in Intune).")
	boolean force;

	@Option(names = "--resend-older-than", paramLabel = "DURATION", converter = OptionValues.DurationValue.class,
			description = "Send rows whose values Graph confirmed longer ago than this, even if unchanged."
					+ " Default: never.")
	Duration resendOlderThan;

	RunSettings settings() {
		int chunk = this.chunkSize != null ? this.chunkSize
				: this.dryRun ? RunSettings.DRY_RUN_CHUNK_SIZE : RunSettings.DEFAULT_CHUNK_SIZE;
		return new RunSettings(jobStorePath(), this.dryRun,
				this.maxFailures == null ? RunSettings.NO_FAILURE_LIMIT : this.maxFailures, chunk, this.force,
				this.resendOlderThan);
	}

	/** {@code ~} is the home folder, so that the default does not depend on the working directory. */
	private Path jobStorePath() {
		String path = this.jobStore;
		if (path.equals("~") || path.startsWith("~/")) {
			path = System.getProperty("user.home") + path.substring(1);
		}
		return JobStoreFiles.named(Path.of(path).toAbsolutePath().normalize());
	}

	static final class MaxFailures extends OptionValues.Bounded<Long> {

		MaxFailures() {
			super(0, Long.MAX_VALUE, null, number -> number);
		}

	}

	static final class ChunkSize extends OptionValues.Bounded<Integer> {

		ChunkSize() {
			super(1, RunSettings.MAX_CHUNK_SIZE, null, number -> (int) number);
		}

	}

}
