package com.example.intune.statusimport.job;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.example.intune.statusimport.files.PrivateFiles;
import com.example.intune.statusimport.files.UnsafeFileException;

/**
 * A run's own files, and the run on record. The names a run's first start chose for its report and summary are kept
 * in the job execution's context, so that the same command after a crash takes up the same report (whose committed
 * length the step's context holds); a new run takes names no other run has. When the run ends, the exit code it
 * returned is its {@link ExitStatus} (Spring Batch's place for it: a run that exited 1 is not on record as
 * {@code COMPLETED}), the files and the printed summary go into the context for {@code runs}, the newest report is
 * copied to {@code NAME.failures.latest.EXT}, and older runs' files are removed ({@link RunFilesCleanup}).
 */
final class RunFiles implements JobExecutionListener {

	static final String REPORT_KEY = "run.report";

	static final String SUMMARY_KEY = "run.summaryJson";

	static final String ROLLBACK_KEY = "run.rollback";

	static final String PROBLEM_KEY = "run.problem";

	static final String SUMMARY_TEXT_KEY = "run.summaryText";

	private final JobRepository repository;

	private final ImportSettings settings;

	private RunFiles(JobRepository repository, ImportSettings settings) {
		this.repository = repository;
		this.settings = settings;
	}

	/** The files of the run this command resumes, or free names for a new one. */
	static RunFiles choose(JobRepository repository, ImportSettings settings) {
		OutputSettings output = settings.output();
		JobExecution earlier = RunIdentity.resumable(repository, settings);
		if (earlier != null) {
			ExecutionContext context = earlier.getExecutionContext();
			output = output.resumedAt(path(context, REPORT_KEY), path(context, SUMMARY_KEY));
		}
		else if (output.runFiles() != null) {
			output = free(output);
		}
		return new RunFiles(repository, settings.withOutput(output));
	}

	/** The run's settings with the files it writes. */
	ImportSettings settings() {
		return this.settings;
	}

	/**
	 * Two runs of one input started in the same second (a dry run and a real one) keep a report and a summary each:
	 * the second takes {@code <start>-2}, and so on.
	 */
	private static OutputSettings free(OutputSettings output) {
		RunFileNames names = output.runFiles();
		String start = names.startOf(output.reportGiven() ? output.summaryJson() : output.reportPath()).orElse(null);
		if (start == null) {
			return output;
		}
		for (int number = 1;; number++) {
			String stamp = number == 1 ? start : start + "-" + number;
			Path report = output.reportGiven() ? null : names.report(stamp);
			Path summary = output.summaryGiven() ? null : names.summary(stamp);
			if (!taken(report) && !taken(summary)) {
				return output.resumedAt(report, summary);
			}
		}
	}

	private static boolean taken(Path file) {
		return file != null && Files.exists(file, LinkOption.NOFOLLOW_LINKS);
	}

	private static Path path(ExecutionContext context, String key) {
		return context.containsKey(key) ? Path.of(context.getString(key)) : null;
	}

	/** Saved at once: a run killed in its first chunk is resumed into the same report. */
	@Override
	public void beforeJob(JobExecution execution) {
		ExecutionContext context = execution.getExecutionContext();
		context.putString(REPORT_KEY, this.settings.output().reportPath().toString());
		if (this.settings.output().summaryJson() != null) {
			context.putString(SUMMARY_KEY, this.settings.output().summaryJson().toString());
		}
		this.repository.updateExecutionContext(execution);
	}

	/**
	 * Records how the run ended and tidies the run's files. Nothing here changes the exit code: a note says what
	 * could not be done.
	 */
	void finish(JobExecution execution, RunOutcome outcome, PrintStream notes) {
		try {
			record(execution, outcome);
		}
		catch (RuntimeException ex) {
			notes.println("Note: the job store did not take this run's exit code: " + ex.getMessage());
		}
		OutputSettings output = this.settings.output();
		if (output.runFiles() == null || this.settings.run().plan()) {
			return;
		}
		try {
			if (!output.reportGiven() && Files.isRegularFile(output.reportPath(), LinkOption.NOFOLLOW_LINKS)) {
				// a copy, not a link: a spreadsheet, a Windows share and "never follow a link" all want a file
				PrivateFiles.writeWhole(output.runFiles().latestReport(),
						out -> Files.copy(output.reportPath(), out), "the copy of the newest report");
			}
		}
		catch (IOException | UnsafeFileException ex) {
			notes.println("Note: " + output.runFiles().latestReport() + " was not replaced: " + ex.getMessage());
		}
		new RunFilesCleanup(this.repository, output.runFiles(), this.settings.input().path()).keepNewest(
				output.keepRuns(), execution.getExecutionContext(), notes);
	}

	private void record(JobExecution execution, RunOutcome outcome) {
		ExitCode code = outcome.exitCode();
		execution.setExitStatus(new ExitStatus(Integer.toString(code.code()), code.meaning(this.settings.run())));
		ExecutionContext context = execution.getExecutionContext();
		if (outcome.problem() != null) {
			context.putString(PROBLEM_KEY, outcome.problem());
		}
		if (outcome.summary() != null) {
			ByteArrayOutputStream text = new ByteArrayOutputStream();
			outcome.summary().print(new PrintStream(text, true, StandardCharsets.UTF_8), code);
			context.putString(SUMMARY_TEXT_KEY, text.toString(StandardCharsets.UTF_8).strip());
			context.putString(ROLLBACK_KEY, String.join("\n",
					outcome.summary().rollback().stream().map(Path::toString).toList()));
		}
		this.repository.updateExecutionContext(execution);
		this.repository.update(execution);
	}

}
