package com.example.intune.statusimport.report;

import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.fileformat.DelimitedDialect;
import com.example.intune.statusimport.input.ColumnLayout;
import com.example.intune.statusimport.input.SourceRow;

/**
 * A CSV (or TSV) report in the input's dialect: the input's own columns in their original order, then the report's
 * {@code _} columns, then any cells a row had beyond the header, so that every cell of the row is kept. Columns of an
 * earlier report fed back in are replaced, not repeated.
 */
class DelimitedFailureReport extends FailureReport {

	private final DelimitedDialect dialect;

	private final List<String> header = new ArrayList<>();

	private final List<Integer> keptInputColumns = new ArrayList<>();

	private final int inputColumns;

	private DelimitedDialect.RecordWriter records;

	DelimitedFailureReport(Path path, DelimitedDialect dialect, ColumnLayout layout, FileRole role,
			ReportColumns columns) {
		super(path, dialect.encoding(), role, role.what(), columns);
		this.dialect = dialect;
		this.inputColumns = layout.columns().size();
		for (int i = 0; i < layout.columns().size(); i++) {
			String column = layout.columns().get(i);
			if (!ReportColumns.isReportColumn(column)) {
				this.keptInputColumns.add(i);
				this.header.add(column);
			}
		}
		this.header.addAll(columns.names());
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.records = null;
		super.open(executionContext);
	}

	@Override
	protected void writeHeader(Writer out) {
		this.dialect.writer(out).write(this.header);
	}

	@Override
	protected void appendRow(SourceRow row, List<Object> own, Set<DeviceStatusProperty> failedProperties) {
		List<String> original = row.original() instanceof SourceRow.DelimitedCells cells ? cells.cells() : List.of();
		List<String> cells = new ArrayList<>();
		for (int index : this.keptInputColumns) {
			cells.add(index < original.size() ? original.get(index) : "");
		}
		// the report's own cells, unlike the input's, may hold what the input's encoding cannot (a Graph message in
		// Japanese in a windows-1252 report): such a character becomes '?', in these cells only, so that the writer,
		// which refuses rather than garbles, never meets one
		for (Object value : own) {
			cells.add(this.dialect.encoding().representable(ReportColumns.text(value)));
		}
		// cells beyond the header come last: fed back unchanged, the row has too many cells again, and fails again
		if (original.size() > this.inputColumns) {
			cells.addAll(original.subList(this.inputColumns, original.size()));
		}
		records().write(cells);
	}

	/** Writes straight through to the report's buffer, which reaches the disk when the chunk commits. */
	private DelimitedDialect.RecordWriter records() {
		if (this.records == null) {
			this.records = this.dialect.writer(out());
		}
		return this.records;
	}

}
