package com.example.intune.statusimport.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;

import com.example.intune.statusimport.input.ColumnLayout;
import com.example.intune.statusimport.input.FormulaEscaping;
import com.example.intune.statusimport.input.InputFormat;
import com.example.intune.statusimport.input.SourceRow;

/**
 * A CSV (or TSV) report: the input's own columns in their original order, then the report's {@code _} columns.
 * Columns of an earlier report fed back in are replaced, not repeated. Cells a spreadsheet would run as a formula
 * are escaped.
 */
class DelimitedFailureReport extends FailureReport {

	private final InputFormat format;

	private final List<String> header = new ArrayList<>();

	private final List<Integer> keptInputColumns = new ArrayList<>();

	private ICSVWriter csv;

	DelimitedFailureReport(Path path, InputFormat format, ColumnLayout layout) {
		super(path);
		this.format = format;
		for (int i = 0; i < layout.columns().size(); i++) {
			String column = layout.columns().get(i);
			if (!ReportColumns.isReportColumn(column)) {
				this.keptInputColumns.add(i);
				this.header.add(column);
			}
		}
		this.header.addAll(ReportColumns.NAMES);
	}

	@Override
	protected void writeHeader(Writer out) throws IOException {
		writeCells(this.header);
	}

	@Override
	public void append(SourceRow row, RowFailure failure) {
		List<String> original = row.original() instanceof SourceRow.DelimitedCells cells ? cells.cells() : List.of();
		List<String> cells = new ArrayList<>();
		for (int index : this.keptInputColumns) {
			cells.add(index < original.size() ? original.get(index) : "");
		}
		cells.addAll(ReportColumns.values(row.line(), failure));
		writeCells(cells);
	}

	private void writeCells(List<String> cells) {
		if (this.csv == null) {
			this.csv = new CSVWriterBuilder(out()).withSeparator(this.format.separator())
				.withLineEnd("\r\n")
				.build();
		}
		String[] escaped = cells.stream().map(FormulaEscaping::escape).toArray(String[]::new);
		// opencsv writes straight through to our buffered writer, which the report flushes at each commit
		this.csv.writeNext(escaped, false);
	}

	@Override
	public void open(org.springframework.batch.infrastructure.item.ExecutionContext executionContext) {
		this.csv = null;
		super.open(executionContext);
	}

}
