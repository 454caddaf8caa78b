package com.example.intune.statusimport.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import picocli.CommandLine.Option;

import com.example.intune.statusimport.job.CompareMode;
import com.example.intune.statusimport.job.JobStore;
import com.example.intune.statusimport.job.JobStoreFiles;
import com.example.intune.statusimport.job.RunSettings;

/** Where run state is kept for resuming, and what bounds a run. */
final class RunOptions {

	/** The folder of the default job store, for a service account without a home (issue 11). */
	static final String HOME_VARIABLE = "DEVICE_STATUS_IMPORT_HOME";

	@Option(names = "--job-store", paramLabel = "PATH|URL",
			description = "Where run state is kept for resuming: an H2 database file of this host (without .mv.db),"
					+ " or jdbc:postgresql://HOST[:PORT]/DB[?user=NAME] for a database that runs of many hosts share"
					+ " (password from $" + JobStore.PASSWORD_VARIABLE + ", else $PGPASSWORD or ~/.pgpass).%nDefault:"
					+ " ~/.device-status-import/job-store, or $" + HOME_VARIABLE + "/job-store when that variable"
					+ " is set.")
	String jobStore;

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

	@Option(names = "--compare", paramLabel = "live|recorded|none", converter = OptionValues.CompareValue.class,
			description = "What a valid row is compared with before it is sent: live = what Graph holds now (read"
					+ " first; only real differences are written), recorded = what this job store saw Graph confirm"
					+ " (no reads), none = nothing (every valid row is sent). Default: live.")
	CompareMode compare;

	@Option(names = "--force", description = "Send every valid row: the same as --compare none.")
	boolean force;

	@Option(names = "--verify", description = "Read each chunk's statuses back after writing them, and report any"
			+ " that Graph does not hold as sent (not_applied).")
	boolean verify;

	@Option(names = "--resend-older-than", paramLabel = "DURATION", converter = OptionValues.DurationValue.class,
			description = "Send rows whose values Graph confirmed longer ago than this, even if unchanged."
					+ " With --compare recorded only. Default: never.")
	Duration resendOlderThan;

	/** The settings of a plan: it reads Graph and writes nothing, so it compares live and cannot be a dry run. */
	RunSettings planSettings(Map<String, String> environment) {
		if (this.dryRun) {
			throw new OptionProblem("a plan sends nothing already; leave --dry-run out (a plan reads Graph, a dry run"
					+ " reads only the input).");
		}
		if (this.force || (this.compare != null && this.compare != CompareMode.LIVE) || this.verify) {
			throw new OptionProblem("a plan compares each row with what Graph holds and writes nothing, so --compare"
					+ " other than live, --force and --verify do not apply to it; leave them out.");
		}
		RunSettings run = settings(environment);
		return new RunSettings(run.jobStore(), false, run.maxFailures(), run.chunkSize(), CompareMode.LIVE, null,
				false, true);
	}

	RunSettings settings(Map<String, String> environment) {
		int chunk = this.chunkSize != null ? this.chunkSize
				: this.dryRun ? RunSettings.DRY_RUN_CHUNK_SIZE : RunSettings.DEFAULT_CHUNK_SIZE;
		return new RunSettings(jobStore(environment), this.dryRun,
				this.maxFailures == null ? RunSettings.NO_FAILURE_LIMIT : this.maxFailures, chunk, compareMode(),
				this.resendOlderThan, this.verify, false);
	}

	private CompareMode compareMode() {
		if (this.force && this.compare != null && this.compare != CompareMode.NONE) {
			throw new OptionProblem("--force sends every row, which is --compare none; it cannot go with --compare "
					+ this.compare.optionValue() + ". Give one of the two.");
		}
		CompareMode mode = this.force ? CompareMode.NONE : this.compare == null ? CompareMode.LIVE : this.compare;
		if (this.resendOlderThan != null && mode != CompareMode.RECORDED) {
			throw new OptionProblem("--resend-older-than works with --compare recorded only (with --compare "
					+ mode.optionValue() + " there is no recorded write to be older); add --compare recorded or"
					+ " leave it out.");
		}
		if (this.verify && this.dryRun) {
			throw new OptionProblem("--verify reads back what a run wrote, and a dry run writes nothing; leave one of"
					+ " them out.");
		}
		return mode;
	}

	private JobStore jobStore(Map<String, String> environment) {
		return jobStore(this.jobStore, environment);
	}

	/**
	 * The job store {@code --job-store} names (or the default one): a JDBC URL names a shared database; anything else
	 * an H2 file of this host. Also where {@code runs} looks.
	 */
	static JobStore jobStore(String given, Map<String, String> environment) {
		if (given != null && JobStore.isUrl(given)) {
			try {
				return JobStore.postgres(given, environment);
			}
			catch (IllegalArgumentException ex) {
				throw new OptionProblem(ex.getMessage());
			}
		}
		return new JobStore.H2File(jobStorePath(given, environment));
	}

	/**
	 * The H2 job store given, or the default one; {@code ~} is the home folder, so that the default does not depend
	 * on the working directory.
	 */
	private static Path jobStorePath(String given, Map<String, String> environment) {
		String path = given;
		if (path == null) {
			String home = environment.get(HOME_VARIABLE);
			path = home != null && !home.isBlank() ? Path.of(home).resolve("job-store").toString()
					: "~/.device-status-import/job-store";
		}
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
