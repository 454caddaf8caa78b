package com.example.intune.statusimport.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.example.intune.statusimport.fileformat.TextEncoding;
import com.example.intune.statusimport.input.InputFile;
import com.example.intune.statusimport.input.SourceRow;
import com.example.intune.statusimport.input.WorkbookCell;

/**
 * A workbook rollback file, written whole from a journal of the rows the chunks committed ({@link JournaledWorkbook}),
 * as a workbook report is: its sheet takes the input sheet's name and number, so that the same {@code --sheet} reads
 * it back. A key cell is written as the sheet held it (an id typed as a number stays a number); a restored value is a
 * text cell, a date-time in ISO 8601 with Graph's {@code Z}.
 */
class WorkbookRollbackRows extends RollbackRows {

	private final RollbackColumns columns;

	private final JournaledWorkbook workbook;

	/** Whether {@link #open} started the journal afresh (it wrote the journal's header). */
	WorkbookRollbackRows(Path workbook, InputFile input) {
		super(JournaledWorkbook.journalOf(workbook), TextEncoding.UTF_8, FileRole.ROLLBACK.journal());
		this.columns = new RollbackColumns(input.layout(), input.mapping());
		List<String> header = this.columns.header();
		this.workbook = new JournaledWorkbook(workbook, input.path(), new FailureWorkbook(header,
				IntStream.range(0, header.size()).boxed().toList(), header.size(), input.sheet(), RollbackColumns.OWN,
				RollbackColumns.NOTE), FileRole.ROLLBACK);
	}

	/** The workbook, which is what the user is told about; the journal is an implementation detail. */
	@Override
	public Path path() {
		return this.workbook.workbook();
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.workbook.open(executionContext, () -> super.open(executionContext), this::committedLength);
	}

	@Override
	protected void writeHeader(Writer out) throws IOException {
		this.workbook.writeHeader(out);
	}

	@Override
	void append(RollbackRow row) {
		List<WorkbookCell> original = List.of();
		if (row.original() instanceof SourceRow.WorkbookCells cells) {
			original = cells.cells();
		}
		else if (row.original() instanceof SourceRow.DelimitedCells delimited) {
			original = delimited.cells().stream().map(WorkbookCell::text).toList();
		}
		List<WorkbookCell> cells = this.columns.cells(row, original, WorkbookCell::text,
				cell -> cell.type() == WorkbookCell.Type.BLANK
						|| cell.type() == WorkbookCell.Type.TEXT && cell.text().isBlank(),
				WorkbookCell.BLANK);
		try {
			out().write(FailureJournal.line(new FailureJournal.Row(row.line(), cells, RollbackColumns.own(row),
					Set.of())));
			out().write('\n');
		}
		catch (IOException ex) {
			throw cannotWrite(ex);
		}
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		return this.workbook.afterStep(stepExecution, committedLength());
	}

	@Override
	public void close() {
		super.close();
		this.workbook.afterClose();
	}

}
