package com.example.intune.statusimport.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.fileformat.TextEncoding;
import com.example.intune.statusimport.input.ColumnLayout;
import com.example.intune.statusimport.input.WorkbookSheet;
import com.example.intune.statusimport.input.SourceRow;
import com.example.intune.statusimport.input.WorkbookCell;

/**
 * The report of a workbook input: a workbook, {@code NAME.failures.xlsx}, written whole from a journal of the rows
 * the chunks committed ({@link JournaledWorkbook}), which is kept exactly as a CSV report is: cut back to the last
 * commit and appended to by a resumed run, refused when it changed between runs. A new run writes the workbook at
 * once (a header only), replacing an older report.
 */
class WorkbookFailureReport extends FailureReport {

	private final ColumnLayout layout;

	private final JournaledWorkbook workbook;

	/** Whether {@link #open} started the journal afresh (it wrote the journal's header). */
	WorkbookFailureReport(Path workbook, Path input, ColumnLayout layout) {
		this(workbook, input, layout, null, FileRole.REPORT, ReportColumns.FAILURES);
	}

	/**
	 * @param sheet the input's sheet, whose name and number the report's sheet takes
	 * @param role the failure report, or the plan
	 * @param columns the file's own columns after the input's
	 */
	WorkbookFailureReport(Path workbook, Path input, ColumnLayout layout, WorkbookSheet sheet, FileRole role,
			ReportColumns columns) {
		super(JournaledWorkbook.journalOf(workbook), TextEncoding.UTF_8, role, role.journal(), columns);
		this.layout = layout;
		List<String> header = new ArrayList<>();
		List<Integer> kept = new ArrayList<>();
		for (int i = 0; i < layout.columns().size(); i++) {
			if (!ReportColumns.isReportColumn(layout.columns().get(i))) {
				kept.add(i);
				header.add(layout.columns().get(i));
			}
		}
		this.workbook = new JournaledWorkbook(workbook, input,
				new FailureWorkbook(header, kept, layout.columns().size(), sheet, columns.names(), ReportColumns.NOTES),
				role);
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
	protected void appendRow(SourceRow row, List<Object> own, Set<DeviceStatusProperty> failedProperties) {
		List<WorkbookCell> cells = List.of();
		if (row.original() instanceof SourceRow.WorkbookCells workbookCells) {
			cells = workbookCells.cells();
		}
		else if (row.original() instanceof SourceRow.DelimitedCells delimited) {
			cells = delimited.cells().stream().map(WorkbookCell::text).toList();
		}
		Set<Integer> failedColumns = new TreeSet<>();
		for (DeviceStatusProperty property : failedProperties) {
			int column = this.layout.properties().indexOf(property);
			if (column >= 0) {
				failedColumns.add(column);
			}
		}
		try {
			out().write(FailureJournal.line(new FailureJournal.Row(row.line(), cells,
					own.stream().map(ReportColumns::text).toList(), failedColumns)));
			out().write('\n');
		}
		catch (IOException ex) {
			throw cannotWrite(ex);
		}
	}

	/** Writes the workbook from what the run committed, however the step ended ({@link JournaledWorkbook}). */
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
