package com.example.intune.statusimport.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.fileformat.TextEncoding;
import com.example.intune.statusimport.files.DistinctFiles;
import com.example.intune.statusimport.files.PrivateFiles;
import com.example.intune.statusimport.input.ColumnLayout;
import com.example.intune.statusimport.input.WorkbookSheet;
import com.example.intune.statusimport.input.SourceRow;
import com.example.intune.statusimport.input.WorkbookCell;

/**
 * The report of a workbook input: a workbook, {@code NAME.failures.xlsx}. A zip cannot be appended to, so what the
 * chunks commit is a journal beside it ({@code .NAME.failures.xlsx.journal}, owner-only), kept exactly as a CSV
 * report is: cut back to the last commit and appended to by a resumed run, refused when it changed between runs.
 * The workbook is written whole from the journal's committed rows when the step ends, however it ends (completed,
 * failed, interrupted), and when a new run starts (a header only, replacing an older report at once). The journal
 * is removed once the run has completed, since no run resumes it then.
 * <p>
 * A person may open the workbook between a stop and the resumed run and fix cells in it. Writing it again would
 * replace those changes, so a workbook that is not the one this run last wrote is refused, as a changed CSV report
 * is: the person moves it away, and the resumed run writes the report anew with every failure of the run. A workbook
 * that was removed is simply written again: the journal holds all of it.
 */
class WorkbookFailureReport extends FailureReport {

	/** The SHA-256 of the workbook as this run last wrote it. */
	private static final String DIGEST_KEY = "report.workbook.sha256";

	/** Which workbook the digest is of. */
	private static final String PATH_KEY = "report.workbook.path";

	private static final String WHAT = "the failure report";

	private final Path workbook;

	private final Path journal;

	private final Path input;

	private final ColumnLayout layout;

	private final FailureWorkbook writer;

	/** Whether {@link #open} started the journal afresh (it wrote the journal's header). */
	private boolean startedAfresh;

	private boolean opened;

	/** The step, once it completed and its workbook was written: the journal goes when the report is closed. */
	private StepExecution completed;

	WorkbookFailureReport(Path workbook, Path input, ColumnLayout layout) {
		this(workbook, input, layout, null);
	}

	/** @param sheet the input's sheet, whose name and number the report's sheet takes */
	WorkbookFailureReport(Path workbook, Path input, ColumnLayout layout, WorkbookSheet sheet) {
		super(journalOf(workbook), TextEncoding.UTF_8, "the failure report's journal");
		this.workbook = workbook;
		this.journal = journalOf(workbook);
		this.input = input;
		this.layout = layout;
		List<String> header = new ArrayList<>();
		List<Integer> kept = new ArrayList<>();
		for (int i = 0; i < layout.columns().size(); i++) {
			if (!ReportColumns.isReportColumn(layout.columns().get(i))) {
				kept.add(i);
				header.add(layout.columns().get(i));
			}
		}
		this.writer = new FailureWorkbook(header, kept, layout.columns().size(), sheet);
	}

	/** Beside the workbook, hidden. */
	static Path journalOf(Path workbook) {
		return workbook.resolveSibling("." + workbook.getFileName() + ".journal");
	}

	/** The workbook, which is what the user is told about; the journal is an implementation detail. */
	@Override
	public Path path() {
		return this.workbook;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.startedAfresh = false;
		this.opened = false;
		this.completed = null;
		new DistinctFiles().add("the input", this.input).add("the failure report's journal", this.journal).check();
		PrivateFiles.refuseUnsafe(this.workbook, WHAT);
		String earlier = executionContext.containsKey(PATH_KEY) ? executionContext.getString(PATH_KEY) : null;
		if (earlier != null && earlier.equals(pathKey())) {
			refuseChanged(executionContext);
		}
		else if (earlier != null && Files.exists(this.workbook, LinkOption.NOFOLLOW_LINKS)
				&& !Files.exists(this.journal, LinkOption.NOFOLLOW_LINKS)) {
			// the journal of a start at this path that never committed is taken again by the base class
			throw new ItemStreamException(WHAT + " " + this.workbook + " already exists, and this resumed run wrote"
					+ " its failures so far to " + earlier + ": give --report with a path where no file is, or move"
					+ " that file away.");
		}
		super.open(executionContext);
		this.opened = true;
		if (this.startedAfresh) {
			write(executionContext);
		}
	}

	@Override
	protected void writeHeader(Writer out) throws IOException {
		this.startedAfresh = true;
		out.write(FailureJournal.HEADER);
		out.write('\n');
	}

	@Override
	public void append(SourceRow row, RowFailure failure) {
		List<WorkbookCell> cells = List.of();
		if (row.original() instanceof SourceRow.WorkbookCells workbookCells) {
			cells = workbookCells.cells();
		}
		else if (row.original() instanceof SourceRow.DelimitedCells delimited) {
			cells = delimited.cells().stream().map(WorkbookCell::text).toList();
		}
		Set<Integer> failedColumns = new TreeSet<>();
		for (DeviceStatusProperty property : failure.failedProperties()) {
			int column = this.layout.properties().indexOf(property);
			if (column >= 0) {
				failedColumns.add(column);
			}
		}
		try {
			out().write(FailureJournal.line(new FailureJournal.Row(row.line(), cells,
					ReportColumns.values(row.line(), failure), failedColumns)));
			out().write('\n');
		}
		catch (IOException ex) {
			throw cannotWrite(ex);
		}
	}

	/**
	 * Writes the workbook from what the run committed, however the step ended, before the step's state is saved
	 * for the last time (which then holds the workbook's digest). A workbook that cannot be written fails the step,
	 * so that the run says so (exit 3) and the same command writes it once the cause is fixed.
	 */
	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (!this.opened) {
			return null;
		}
		try {
			refuseChanged(stepExecution.getExecutionContext());
			write(stepExecution.getExecutionContext());
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

	@Override
	public void close() {
		this.opened = false;
		super.close();
		// only once the job store holds the step as completed: a run that may still be resumed needs its journal
		if (this.completed != null && this.completed.getStatus() == BatchStatus.COMPLETED) {
			this.completed = null;
			try {
				Files.deleteIfExists(this.journal);
			}
			catch (IOException ex) {
				throw new ItemStreamException("the failure report's journal " + this.journal + " cannot be removed: "
						+ ex.getMessage(), ex);
			}
		}
	}

	/** A workbook changed since this run last wrote it is never written over; a removed one is written again. */
	private void refuseChanged(ExecutionContext executionContext) {
		String digest = executionContext.containsKey(DIGEST_KEY) ? executionContext.getString(DIGEST_KEY) : null;
		if (digest == null || !Files.exists(this.workbook, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		String onDisk;
		try {
			onDisk = WrittenBytes.ofFirst(this.workbook, Files.size(this.workbook)).orElseThrow().hex();
		}
		catch (IOException ex) {
			throw new ItemStreamException(WHAT + " " + this.workbook + " cannot be read: " + ex.getMessage(), ex);
		}
		if (!onDisk.equals(digest)) {
			throw new ItemStreamException(WHAT + " " + this.workbook + " was changed since this run last wrote it."
					+ " This run keeps its failures so far in " + this.journal + " and writes the whole report again"
					+ " from them, which would replace those changes: move the changed file away (or save it under"
					+ " another name), then run the same command again.");
		}
	}

	/** Writes the workbook beside its path and moves it into place; its digest goes with the step's state. */
	private void write(ExecutionContext executionContext) {
		WrittenBytes written = WrittenBytes.none();
		try {
			PrivateFiles.writeWhole(this.workbook,
					out -> this.writer.write(this.journal, committedLength(), written.counting(out)), WHAT);
		}
		catch (IOException | RuntimeException ex) {
			throw new ItemStreamException(WHAT + " " + this.workbook + " cannot be written: " + ex.getMessage(), ex);
		}
		executionContext.putString(DIGEST_KEY, written.hex());
		executionContext.putString(PATH_KEY, pathKey());
	}

	private String pathKey() {
		return this.workbook.toAbsolutePath().normalize().toString();
	}

}
