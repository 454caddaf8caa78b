package com.example.intune.statusimport.input;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.fileformat.DelimitedDialect;
import com.example.intune.statusimport.fileformat.DelimitedRecords;
import com.example.intune.statusimport.fileformat.FormulaEscaping;
import com.example.intune.statusimport.fileformat.UndecodableText;

/**
 * Reads CSV and TSV rows. An empty cell leaves its property unchanged. A record with more cells than the header is
 * a malformed row, not a crash. A quote that is never closed ends the file with one malformed row naming the line
 * where the quote opened, instead of silently swallowing the rest of the file into one cell.
 */
class CsvRowReader extends RowReader {

	private final ColumnLayout layout;

	private DelimitedRecords records;

	private boolean exhausted;

	CsvRowReader(InputFile input, String defaultConfigurationId) {
		super(input, defaultConfigurationId);
		this.layout = input.layout();
	}

	@Override
	protected void openFile() throws Exception {
		this.records = this.input.dialect().open(this.input.path());
		try {
			this.records.next(false); // the header, checked before the job started
		}
		catch (UndecodableText ex) {
			throw FileEncoding.changedDuringTheRun(this.input.path(), ex);
		}
		this.exhausted = false;
	}

	@Override
	protected SourceRow doRead() throws Exception {
		while (!this.exhausted) {
			DelimitedRecords.Record record;
			try {
				record = this.records.next(true);
			}
			catch (UndecodableText ex) {
				// the first pass decoded every byte: the file changed since
				throw FileEncoding.changedDuringTheRun(this.input.path(), ex);
			}
			if (record == null) {
				this.exhausted = true;
				return null;
			}
			if (record instanceof DelimitedRecords.TooLong tooLong) {
				return malformed(tooLong.line(), new SourceRow.DelimitedCells(List.of()), "the row is "
						+ tooLong.chars() + " characters long, more than the " + DelimitedRecords.MAX_RECORD_CHARS
						+ " a row may hold, so it was not read (nor copied here); check the file at this line");
			}
			if (record instanceof DelimitedRecords.UnclosedQuote quote) {
				// the first pass stops the run before this; the file changed since
				return unclosedQuote(quote.line(), quote.atEndOfFile() ? "before the end of the file"
						: "within " + DelimitedDialect.MULTILINE_LIMIT + " lines");
			}
			DelimitedRecords.Cells cells = (DelimitedRecords.Cells) record;
			if (!cells.blank()) {
				return toRow(cells.line(), cells.cells().toArray(String[]::new));
			}
		}
		return null;
	}

	private SourceRow unclosedQuote(long line, String where) {
		this.exhausted = true;
		return malformed(line, new SourceRow.DelimitedCells(List.of()), "a quoted field that starts on line " + line
				+ " is not closed " + where + ", so the rest of the file was not read. Close the quote (a quote"
				+ " inside a quoted field is written twice: \"\") and run again.");
	}

	private SourceRow toRow(long line, String[] cells) {
		List<String> original = Arrays.asList(cells);
		if (cells.length > this.layout.columns().size()) {
			return malformed(line, new SourceRow.DelimitedCells(original),
					"the row has " + cells.length + " cells but the header has " + this.layout.columns().size()
							+ " columns; the extra cells are " + quoteAll(original.subList(this.layout.columns().size(),
									cells.length))
							+ ". Put quotes around a value that contains the separator.");
		}
		Map<DeviceStatusProperty, String> values = new EnumMap<>(DeviceStatusProperty.class);
		for (int i = 0; i < cells.length; i++) {
			DeviceStatusProperty property = this.layout.properties().get(i);
			String cell = cells[i];
			if (property != null && !cell.isEmpty()) {
				values.put(property, FormulaEscaping.unescape(cell));
			}
		}
		int error = this.layout.earlierErrorColumn();
		return row(line, values, new SourceRow.DelimitedCells(original), List.of(), Set.of(),
				error >= 0 && error < cells.length ? cells[error] : null);
	}

	private static String quoteAll(List<String> cells) {
		List<String> quoted = new ArrayList<>();
		for (String cell : cells) {
			quoted.add("'" + (cell.length() > 40 ? cell.substring(0, 40) + "..." : cell) + "'");
		}
		return String.join(", ", quoted);
	}

	@Override
	protected void doClose() throws Exception {
		if (this.records != null) {
			this.records.close();
			this.records = null;
		}
	}

}
