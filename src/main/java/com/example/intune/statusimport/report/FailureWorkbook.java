package com.example.intune.statusimport.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.DeferredSXSSFSheet;
import org.apache.poi.xssf.streaming.DeferredSXSSFWorkbook;

import com.example.intune.statusimport.input.WorkbookCell;
import com.example.intune.statusimport.input.WorkbookSheet;

/**
 * Writes a workbook report from its journal, streaming: rows are made as the zip is written, 100 at a time, and no
 * temporary file holds them (POI's usual streaming writer leaves the rows, names among them, in a temporary file
 * readable by others). The header row is frozen and filtered; the cells that failed validation are filled light
 * red; text stays text (a value starting with {@code =} is a string, never a formula), numbers and dates keep their
 * number format, booleans stay booleans and errors stay errors, so that the report fed back reads as its input did.
 */
final class FailureWorkbook {

	static final String SHEET_NAME = "Failures";

	/** Excel's fill for a "bad" cell. */
	static final String HIGHLIGHT_RGB = "FFC7CE";

	private static final int MAX_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

	/** Report columns that hold whole numbers. */
	private static final Set<String> NUMBER_COLUMNS = Set.of("_line", "_http_status", "_attempts");

	/** Beyond this many number formats the others fall back to a plain one: a workbook holds 64,000 cell styles. */
	private static final int MAX_STYLES = 30_000;

	static final String FALLBACK_DATE = "yyyy-mm-dd hh:mm:ss";

	private final WorkbookSheet sheet;

	private final List<String> inputHeader;

	private final List<Integer> keptInputColumns;

	private final int inputColumns;

	/** The file's own {@code _} columns after the input's: the report's, or the rollback file's. */
	private final List<String> ownColumns;

	/** The own column that notes about the row's cells (a text cut to fit) are added to. */
	private final String notesColumn;

	/**
	 * @param inputHeader the names of the kept input columns, in order
	 * @param keptInputColumns for each of them, its column in the input (from 0 for A)
	 * @param inputColumns how many columns the input's header has: cells beyond them follow the report's columns
	 */
	FailureWorkbook(List<String> inputHeader, List<Integer> keptInputColumns, int inputColumns) {
		this(inputHeader, keptInputColumns, inputColumns, null);
	}

	/**
	 * @param sheet the input's sheet, whose name and number the report's sheet takes, so that the report is read
	 * back with the same {@code --sheet}; {@code null} for a sheet named {@value #SHEET_NAME}, the first
	 */
	FailureWorkbook(List<String> inputHeader, List<Integer> keptInputColumns, int inputColumns, WorkbookSheet sheet) {
		this(inputHeader, keptInputColumns, inputColumns, sheet, ReportColumns.FAILURES.names(), ReportColumns.NOTES);
	}

	/**
	 * @param ownColumns the file's own columns, whose values each journal row carries in this order
	 * @param notesColumn the one of them that notes about the row's cells are added to
	 */
	FailureWorkbook(List<String> inputHeader, List<Integer> keptInputColumns, int inputColumns, WorkbookSheet sheet,
			List<String> ownColumns, String notesColumn) {
		this.sheet = sheet;
		this.inputHeader = List.copyOf(inputHeader);
		this.keptInputColumns = List.copyOf(keptInputColumns);
		this.inputColumns = inputColumns;
		this.ownColumns = List.copyOf(ownColumns);
		this.notesColumn = notesColumn;
	}

	/**
	 * Writes the rows in the journal's first {@code length} bytes as a workbook to {@code out}. The journal is read
	 * twice: first for the number of rows (the filter's range) and the number formats (every cell style must exist
	 * before the first row is written), then for the rows.
	 */
	void write(Path journal, long length, OutputStream out) throws IOException {
		long rows = 0;
		Set<String> formats = new HashSet<>();
		try (FailureJournal.Rows journalRows = FailureJournal.read(journal, length)) {
			for (FailureJournal.Row row; (row = journalRows.next()) != null; rows++) {
				for (int i = 0; i < row.cells().size() && formats.size() < MAX_STYLES; i++) {
					WorkbookCell cell = row.cells().get(i);
					if (cell.type() == WorkbookCell.Type.NUMBER || cell.type() == WorkbookCell.Type.DATE) {
						formats.add(ReportCellStyles.key(cell.numberFormat(), row.failedColumns().contains(i)));
					}
				}
			}
		}
		try (DeferredSXSSFWorkbook workbook = new DeferredSXSSFWorkbook(100)) {
			ReportCellStyles styles = new ReportCellStyles(workbook, formats);
			DeferredSXSSFSheet sheet = createSheet(workbook);
			int columns = this.inputHeader.size() + this.ownColumns.size();
			sheet.createFreezePane(0, 1);
			sheet.setAutoFilter(new CellRangeAddress(0, (int) rows, 0, columns - 1));
			for (int i = 0; i < columns; i++) {
				sheet.setColumnWidth(i, width(header(i)) * 256);
			}
			sheet.setRowGenerator(generated -> {
				writeHeader(generated, styles);
				try (FailureJournal.Rows journalRows = FailureJournal.read(journal, length)) {
					int index = 1;
					for (FailureJournal.Row row; (row = journalRows.next()) != null; index++) {
						writeRow(generated.createRow(index), row, styles);
					}
				}
			});
			workbook.writeAvoidingTempFiles(out);
		}
	}

	private String header(int column) {
		return column < this.inputHeader.size() ? this.inputHeader.get(column)
				: this.ownColumns.get(column - this.inputHeader.size());
	}

	/** Wide enough for the header, and for ids and dates; the notes wider still. */
	private int width(String header) {
		if (header.equals(this.notesColumn)) {
			return 80;
		}
		return Math.min(60, Math.max(14, header.length() + 4));
	}

	/**
	 * The report's sheet, at the number the input's sheet had: the sheets before it are empty and hidden, so that
	 * {@code --sheet 2} reads the report of sheet 2 as it read the input, and Excel shows only the failures.
	 */
	private DeferredSXSSFSheet createSheet(DeferredSXSSFWorkbook workbook) {
		if (this.sheet == null) {
			return workbook.createSheet(SHEET_NAME);
		}
		for (int number = 1; number < this.sheet.number(); number++) {
			String name = "(sheet " + number + ")";
			DeferredSXSSFSheet before = workbook.createSheet(name.equalsIgnoreCase(this.sheet.name()) ? "(" + name + ")"
					: name);
			before.setRowGenerator(empty -> {
			});
			workbook.setSheetHidden(number - 1, true);
		}
		DeferredSXSSFSheet failures = workbook.createSheet(this.sheet.name());
		workbook.setActiveSheet(this.sheet.number() - 1);
		workbook.setFirstVisibleTab(this.sheet.number() - 1);
		return failures;
	}

	private void writeHeader(Sheet sheet, ReportCellStyles styles) {
		Row row = sheet.createRow(0);
		int columns = this.inputHeader.size() + this.ownColumns.size();
		for (int i = 0; i < columns; i++) {
			Cell cell = row.createCell(i);
			cell.setCellValue(WorkbookText.encode(header(i)));
			cell.setCellStyle(styles.header);
		}
	}

	private void writeRow(Row row, FailureJournal.Row failed, ReportCellStyles styles) {
		List<WorkbookCell> cells = failed.cells();
		StringBuilder notes = new StringBuilder();
		int column = 0;
		for (int input : this.keptInputColumns) {
			WorkbookCell cell = input < cells.size() ? cells.get(input) : WorkbookCell.BLANK;
			put(row, column++, cell, failed.failedColumns().contains(input), styles, notes);
		}
		// cells beyond the header come last: fed back unchanged, the row has too many cells again, and fails again
		// as many as the sheet has columns for: a row out to column XFD has more than fit after the report's columns,
		// and the rest of a row that is malformed anyway is not worth a report that cannot be written at all
		int beyond = column + this.ownColumns.size();
		int lastColumn = SpreadsheetVersion.EXCEL2007.getMaxColumns() - 1;
		for (int i = this.inputColumns; i < cells.size() && beyond <= lastColumn; i++) {
			put(row, beyond++, cells.get(i), false, styles, notes);
		}
		List<String> values = failed.reportValues();
		for (int i = 0; i < values.size(); i++) {
			String value = values.get(i);
			if (this.ownColumns.get(i).equals(this.notesColumn)) {
				value += notes;
			}
			Cell cell = row.createCell(column++);
			cell.setCellStyle(styles.plain);
			if (NUMBER_COLUMNS.contains(this.ownColumns.get(i)) && value.matches("\\d{1,15}")) {
				cell.setCellValue(Double.parseDouble(value));
			}
			else if (!value.isEmpty()) {
				cell.setCellValue(WorkbookText.encode(value));
			}
		}
	}

	private static void put(Row row, int column, WorkbookCell value, boolean failed, ReportCellStyles styles,
			StringBuilder notes) {
		if (value.type() == WorkbookCell.Type.BLANK) {
			if (failed) {
				row.createCell(column).setCellStyle(styles.highlight);
			}
			return;
		}
		Cell cell = row.createCell(column);
		switch (value.type()) {
			case NUMBER, DATE -> {
				cell.setCellValue(value.number());
				cell.setCellStyle(styles.number(value.numberFormat(), value.type() == WorkbookCell.Type.DATE, failed));
				return;
			}
			case BOOLEAN -> cell.setCellValue("TRUE".equalsIgnoreCase(value.text()));
			case ERROR -> cell.setCellErrorValue(errorCode(value.text()));
			default -> cell.setCellValue(text(value.text(), row, column, notes));
		}
		cell.setCellStyle(failed ? styles.highlightedText : styles.text);
	}

	/**
	 * The error POI can write: the classic codes as they are; newer ones (#SPILL!, #CALC!, #GETTING_DATA) as #N/A, so
	 * that the cell stays an error and the row is refused again until it is fixed.
	 */
	private static byte errorCode(String text) {
		try {
			return FormulaError.forString(text.strip()).getCode();
		}
		catch (IllegalArgumentException ex) {
			return FormulaError.NA.getCode();
		}
	}

	/** The text as the cell holds it; one longer than a cell may hold is cut, and the message says so. */
	private static String text(String text, Row row, int column, StringBuilder notes) {
		String encoded = WorkbookText.encode(text);
		if (encoded.length() <= MAX_TEXT) {
			return encoded;
		}
		int end = Character.isHighSurrogate(encoded.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT;
		notes.append("; the cell ")
			.append(new CellReference(row.getRowNum(), column).formatAsString())
			.append(" held ")
			.append(text.length())
			.append(" characters, more than a cell holds: the report keeps the first ")
			.append(end);
		return encoded.substring(0, end);
	}

}
