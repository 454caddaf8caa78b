package com.example.intune.statusimport.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.function.LongSupplier;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

import com.example.intune.statusimport.files.DistinctFiles;
import com.example.intune.statusimport.files.PrivateFiles;

/**
 * A workbook written whole from a journal of committed rows beside it ({@code .NAME.xlsx.journal}): a zip cannot be
 * appended to. The journal is a {@link TransactionalFile} of its own; this is the workbook's side. The workbook is
 * written when the step ends, however it ends (completed, failed, interrupted), and when a new run starts (a header
 * only); the journal is removed once the run has completed, since no run resumes it then.
 * <p>
 * A person may open the workbook between a stop and the resumed run and change cells in it. Writing it again would
 * replace those changes, so a workbook that is not the one this run last wrote is refused: the person moves it away,
 * and the resumed run writes it anew with every row of the run. A workbook that was removed is simply written again:
 * the journal holds all of it.
 */
final class JournaledWorkbook {

	private final FileRole role;

	private final Path workbook;

	private final Path journal;

	private final Path input;

	private final FailureWorkbook writer;

	/** The step, once it completed and its workbook was written: the journal goes when the file is closed. */
	private StepExecution completed;

	/** Whether the journal was opened (only then is there a workbook to write) and whether it was started afresh. */
	private boolean opened;

	private boolean startedAfresh;

	JournaledWorkbook(Path workbook, Path input, FailureWorkbook writer, FileRole role) {
		this.role = role;
		this.workbook = workbook;
		this.journal = journalOf(workbook);
		this.input = input;
		this.writer = writer;
	}

	/** Beside the workbook, hidden. */
	static Path journalOf(Path workbook) {
		return workbook.resolveSibling("." + workbook.getFileName() + ".journal");
	}

	Path workbook() {
		return this.workbook;
	}

	/**
	 * Opens the journal with {@code openJournal} (the file's own {@code open}, which writes {@link #writeHeader} when
	 * it starts afresh), checking the workbook before and writing it, a header only, after a fresh start.
	 */
	void open(ExecutionContext executionContext, Runnable openJournal, LongSupplier journalLength) {
		this.startedAfresh = false;
		this.opened = false;
		beforeOpen(executionContext);
		openJournal.run();
		this.opened = true;
		if (this.startedAfresh) {
			startedAfresh(executionContext, journalLength.getAsLong());
		}
	}

	/** The journal's first line, written when it starts afresh. */
	void writeHeader(Writer out) throws IOException {
		this.startedAfresh = true;
		out.write(FailureJournal.HEADER);
		out.write('\n');
	}

	/**
	 * Before the journal is opened: a workbook this run wrote must be as it left it; one at a path this run did not
	 * write to is refused when a resumed run has its rows so far elsewhere (the report), or always (the rollback file).
	 */
	private void beforeOpen(ExecutionContext executionContext) {
		this.completed = null;
		new DistinctFiles().add("the input", this.input).add(this.role.journal(), this.journal).check();
		PrivateFiles.refuseUnsafe(this.workbook, this.role.what());
		String earlier = earlierPath(executionContext);
		if (earlier != null && earlier.equals(pathKey())) {
			refuseChanged(executionContext);
		}
		else if (Files.exists(this.workbook, LinkOption.NOFOLLOW_LINKS) && !this.role.replaces()) {
			throw new ItemStreamException(this.role.notOurs(this.role.what(), this.workbook));
		}
		else if (earlier != null && Files.exists(this.workbook, LinkOption.NOFOLLOW_LINKS)
				&& !Files.exists(this.journal, LinkOption.NOFOLLOW_LINKS)) {
			// the journal of a start at this path that never committed is taken again by the journal itself
			throw new ItemStreamException(this.role.what() + " " + this.workbook + " already exists, and this"
					+ " resumed run wrote " + this.role.soFar() + " to " + earlier + ": give " + this.role.option()
					+ " with a path where no file is, or move that file away.");
		}
	}

	/** The journal was started afresh: the workbook is written at once, a header only. */
	private void startedAfresh(ExecutionContext executionContext, long journalLength) {
		if (!this.role.replaces()) {
			// the name is taken before the workbook is moved into place, so that nothing put there meanwhile is replaced
			try {
				PrivateFiles.createNew(this.workbook, new byte[0], this.role.what());
			}
			catch (FileAlreadyExistsException ex) {
				throw new ItemStreamException(this.role.notOurs(this.role.what(), this.workbook), ex);
			}
			catch (IOException ex) {
				throw new ItemStreamException(this.role.what() + " " + this.workbook + " cannot be written: "
						+ ex.getMessage(), ex);
			}
		}
		write(executionContext, journalLength);
	}

	/**
	 * Writes the workbook from what the run committed, however the step ended, before the step's state is saved for
	 * the last time (which then holds the workbook's digest). A workbook that cannot be written fails the step, so
	 * that the run says so (exit 3) and the same command writes it once the cause is fixed.
	 */
	ExitStatus afterStep(StepExecution stepExecution, long journalLength) {
		if (!this.opened) {
			return null;
		}
		try {
			refuseChanged(stepExecution.getExecutionContext());
			write(stepExecution.getExecutionContext(), journalLength);
		}
		catch (ItemStreamException ex) {
			stepExecution.upgradeStatus(BatchStatus.FAILED);
			stepExecution.addFailureException(ex);
			return ExitStatus.FAILED.addExitDescription(ex);
		}
		if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
			this.completed = stepExecution;
		}
		return null;
	}

	/** After the journal was closed: removed once the job store holds the step as completed. */
	void afterClose() {
		this.opened = false;
		// only then: a run that may still be resumed needs its journal
		if (this.completed != null && this.completed.getStatus() == BatchStatus.COMPLETED) {
			this.completed = null;
			try {
				Files.deleteIfExists(this.journal);
			}
			catch (IOException ex) {
				throw new ItemStreamException(this.role.journal() + " " + this.journal + " cannot be removed: "
						+ ex.getMessage(), ex);
			}
		}
	}

	/** A workbook changed since this run last wrote it is never written over; a removed one is written again. */
	private void refuseChanged(ExecutionContext executionContext) {
		String digestKey = this.role.key("workbook.sha256");
		String digest = executionContext.containsKey(digestKey) ? executionContext.getString(digestKey) : null;
		if (digest == null || !Files.exists(this.workbook, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		String onDisk;
		try {
			onDisk = WrittenBytes.ofFirst(this.workbook, Files.size(this.workbook)).orElseThrow().hex();
		}
		catch (IOException ex) {
			throw new ItemStreamException(this.role.what() + " " + this.workbook + " cannot be read: "
					+ ex.getMessage(), ex);
		}
		if (!onDisk.equals(digest)) {
			throw new ItemStreamException(this.role.what() + " " + this.workbook + " was changed since this run last"
					+ " wrote it. This run keeps " + this.role.soFar() + " in " + this.journal + " and writes the whole "
					+ this.role.name() + " again from them, which would replace those changes: move the changed file"
					+ " away (or save it under another name), then run the same command again.");
		}
	}

	/** Writes the workbook beside its path and moves it into place; its digest goes with the step's state. */
	private void write(ExecutionContext executionContext, long journalLength) {
		WrittenBytes written = WrittenBytes.none();
		try {
			PrivateFiles.writeWhole(this.workbook,
					out -> this.writer.write(this.journal, journalLength, written.counting(out)), this.role.what());
		}
		catch (IOException | RuntimeException ex) {
			throw new ItemStreamException(this.role.what() + " " + this.workbook + " cannot be written: "
					+ ex.getMessage(), ex);
		}
		executionContext.putString(this.role.key("workbook.sha256"), written.hex());
		executionContext.putString(this.role.key("workbook.path"), pathKey());
	}

	private String earlierPath(ExecutionContext executionContext) {
		String key = this.role.key("workbook.path");
		return executionContext.containsKey(key) ? executionContext.getString(key) : null;
	}

	private String pathKey() {
		return this.workbook.toAbsolutePath().normalize().toString();
	}

}
