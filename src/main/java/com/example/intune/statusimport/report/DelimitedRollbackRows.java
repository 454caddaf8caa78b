package com.example.intune.statusimport.report;

import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.example.intune.statusimport.fileformat.DelimitedDialect;
import com.example.intune.statusimport.fileformat.FormulaEscaping;
import com.example.intune.statusimport.input.InputFile;
import com.example.intune.statusimport.input.SourceRow;

/**
 * A CSV (or TSV) rollback file in the input's dialect: its encoding, byte-order mark and separator, and its columns
 * ({@link RollbackColumns}).
 */
class DelimitedRollbackRows extends RollbackRows {

	private final DelimitedDialect dialect;

	private final RollbackColumns columns;

	private DelimitedDialect.RecordWriter records;

	DelimitedRollbackRows(Path path, InputFile input) {
		super(path, input.dialect().encoding(), FileRole.ROLLBACK.what());
		this.dialect = input.dialect();
		this.columns = new RollbackColumns(input.layout(), input.mapping());
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.records = null;
		super.open(executionContext);
	}

	@Override
	protected void writeHeader(Writer out) {
		List<String> header = new ArrayList<>(this.columns.header());
		header.addAll(RollbackColumns.OWN);
		this.dialect.writer(out).write(header);
	}

	@Override
	void append(RollbackRow row) {
		List<String> original = row.original() instanceof SourceRow.DelimitedCells cells ? cells.cells() : List.of();
		List<String> cells = this.columns.cells(row, original, value -> value, String::isBlank, "");
		// the note may quote what the encoding cannot hold: such a character becomes '?' there, never in a value
		RollbackColumns.own(row).forEach(value -> cells.add(this.dialect.encoding().representable(value)));
		if (this.records == null) {
			this.records = this.dialect.writer(out());
		}
		this.records.write(cells);
	}

	/**
	 * A value the encoding cannot hold (a Japanese name in a windows-1252 file), and one a CSV cell cannot hold as it
	 * is: the writer puts {@code '} before a cell a spreadsheet would run, and the reader takes it off again, so a
	 * value that itself starts with {@code '=} comes back without its {@code '}.
	 */
	@Override
	String cannotHold(String value) {
		if (!this.dialect.encoding().representable(value).equals(value)) {
			return "the file's encoding, " + this.dialect.encoding().name() + ", cannot hold";
		}
		if (!FormulaEscaping.unescape(FormulaEscaping.escape(value)).equals(value)) {
			return "a CSV cell cannot hold as it is (a ' before =, +, -, or @ is read as the mark of a formula kept as"
					+ " text)";
		}
		return null;
	}

}
