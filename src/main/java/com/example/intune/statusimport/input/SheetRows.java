package com.example.intune.statusimport.input;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.ss.SpreadsheetVersion;

import com.example.intune.statusimport.fileformat.DelimitedRecords;

/**
 * The rows of one sheet, read one at a time from its XML with StAX, so that a sheet of a million rows takes no more
 * memory than one row. Pull-style, as an {@code ItemReader} reads, where POI's SAX handler would push the whole
 * sheet through a callback. Each row is the typed cells from column A to its last cell that holds something:
 * columns come from the cells' references ({@code r="F7"}), so a cell left out of the XML is a blank in its place.
 * Rows without anything in them are skipped. A formula is read by the value saved with it.
 */
final class SheetRows implements Closeable {

	/**
	 * One row that holds something.
	 *
	 * @param number the row number as Excel shows it
	 * @param cells the cells from column A to the last non-blank one; empty when the row is too long
	 * @param uncalculated the columns (from 0) of formulas saved without their result
	 * @param tooLong whether the row's text passed {@link DelimitedRecords#MAX_RECORD_CHARS} characters, so that its
	 * cells were not kept
	 */
	record Row(long number, List<WorkbookCell> cells, List<Integer> uncalculated, boolean tooLong) {
	}

	private static final int MAX_COLUMNS = SpreadsheetVersion.EXCEL2007.getMaxColumns();

	private static final int MAX_CHARS = DelimitedRecords.MAX_RECORD_CHARS;

	private final InputStream part;

	private final XMLStreamReader reader;

	private final SharedStringTable strings;

	private final NumberFormats formats;

	private long lastRow;

	private boolean ended;

	SheetRows(InputStream part, SharedStringTable strings, NumberFormats formats) throws XMLStreamException {
		this.part = part;
		this.reader = SheetXml.open(part);
		this.strings = strings;
		this.formats = formats;
	}

	/**
	 * Whether a person would see anything in the row: a cell of spaces looks empty, and a row of them above the
	 * header must not be taken for it (values are read without surrounding spaces anyway).
	 */
	private static boolean holdsSomething(List<WorkbookCell> cells) {
		for (WorkbookCell cell : cells) {
			if (cell.type() != WorkbookCell.Type.BLANK && !(cell.type() == WorkbookCell.Type.TEXT
					&& cell.text().isBlank())) {
				return true;
			}
		}
		return false;
	}

	/** The next row that holds something, or {@code null} after the last. */
	Row next() throws XMLStreamException {
		while (!this.ended && this.reader.hasNext()) {
			int event = this.reader.next();
			if (event == XMLStreamConstants.START_ELEMENT && "row".equals(this.reader.getLocalName())) {
				Row row = row();
				if (row.tooLong() || !row.uncalculated().isEmpty() || holdsSomething(row.cells())) {
					return row;
				}
			}
			else if (event == XMLStreamConstants.END_ELEMENT && "sheetData".equals(this.reader.getLocalName())) {
				this.ended = true; // what follows (merged cells, page setup) is not rows
			}
		}
		this.ended = true;
		return null;
	}

	/** A {@code <row>}; some writers leave out its number ({@code r}), which then follows the row before. */
	private Row row() throws XMLStreamException {
		String r = SheetXml.attribute(this.reader, "r");
		long number = r == null ? this.lastRow + 1 : parseNumber(r, "row number");
		this.lastRow = number;
		List<WorkbookCell> cells = new ArrayList<>();
		List<Integer> uncalculated = new ArrayList<>();
		int column = -1;
		long chars = 0;
		while (true) {
			int event = this.reader.next();
			if (event == XMLStreamConstants.END_ELEMENT && "row".equals(this.reader.getLocalName())) {
				boolean tooLong = chars > MAX_CHARS;
				return new Row(number, tooLong ? List.of() : cells, uncalculated, tooLong);
			}
			if (event == XMLStreamConstants.END_DOCUMENT) {
				throw new XMLStreamException("the sheet ends inside row " + number);
			}
			if (event != XMLStreamConstants.START_ELEMENT) {
				continue;
			}
			if (!"c".equals(this.reader.getLocalName())) {
				SheetXml.skip(this.reader);
				continue;
			}
			String reference = SheetXml.attribute(this.reader, "r");
			column = reference == null ? column + 1 : column(reference);
			Cell cell = cell();
			WorkbookCell typed = typed(cell, reference == null ? "column " + (column + 1) : reference);
			if (cell.formula() && cell.value() == null) {
				uncalculated.add(column);
			}
			chars += typed.text().length();
			if (typed.type() != WorkbookCell.Type.BLANK && chars <= MAX_CHARS) {
				while (cells.size() <= column) {
					cells.add(WorkbookCell.BLANK);
				}
				cells.set(column, typed);
			}
		}
	}

	/** A cell as it stands in the XML: its type and style attributes, and its value or inline text. */
	private record Cell(String type, int style, String value, boolean formula) {
	}

	private Cell cell() throws XMLStreamException {
		String type = SheetXml.attribute(this.reader, "t");
		String s = SheetXml.attribute(this.reader, "s");
		int style = s == null ? 0 : (int) parseNumber(s, "style");
		String value = null;
		boolean formula = false;
		while (true) {
			int event = this.reader.next();
			if (event == XMLStreamConstants.END_ELEMENT) {
				return new Cell(type, style, value, formula);
			}
			if (event == XMLStreamConstants.START_ELEMENT) {
				switch (this.reader.getLocalName()) {
					case "v" -> value = SheetXml.text(this.reader, MAX_CHARS);
					case "is" -> value = SheetXml.richText(this.reader, MAX_CHARS);
					case "f" -> {
						formula = true;
						SheetXml.skip(this.reader);
					}
					default -> SheetXml.skip(this.reader);
				}
			}
			else if (event == XMLStreamConstants.END_DOCUMENT) {
				throw new XMLStreamException("the sheet ends inside a cell");
			}
		}
	}

	private WorkbookCell typed(Cell cell, String where) throws XMLStreamException {
		String value = cell.value();
		if (value == null) {
			return WorkbookCell.BLANK;
		}
		String type = cell.type() == null ? "n" : cell.type();
		switch (type) {
			case "s" -> {
				String text = this.strings.get(parseNumber(value, "shared string number in cell " + where));
				if (text == null) {
					throw new XMLStreamException("cell " + where + " refers to shared string " + value + ", but the"
							+ " workbook holds " + this.strings.size());
				}
				return text.isEmpty() ? WorkbookCell.BLANK : WorkbookCell.text(text);
			}
			case "inlineStr", "str" -> {
				return value.isEmpty() ? WorkbookCell.BLANK : WorkbookCell.text(value);
			}
			case "b" -> {
				boolean on = "1".equals(value.strip()) || "true".equalsIgnoreCase(value.strip());
				return new WorkbookCell(WorkbookCell.Type.BOOLEAN, on ? "TRUE" : "FALSE", 0, null);
			}
			case "e" -> {
				return new WorkbookCell(WorkbookCell.Type.ERROR, value, 0, null);
			}
			case "d" -> {
				return this.formats.isoDate(value.strip(), cell.style());
			}
			case "n" -> {
				if (value.isBlank()) {
					return WorkbookCell.BLANK;
				}
				try {
					return this.formats.number(Double.parseDouble(value), cell.style());
				}
				catch (NumberFormatException ex) {
					throw new XMLStreamException("cell " + where + " is a number cell holding '" + value + "'");
				}
			}
			default -> throw new XMLStreamException("cell " + where + " has the unknown type '" + type + "'");
		}
	}

	/** The column (from 0) of a cell reference such as {@code F7}. */
	private static int column(String reference) throws XMLStreamException {
		int column = 0;
		int letters = 0;
		for (char c; letters < reference.length() && Character.isLetter(c = reference.charAt(letters)); letters++) {
			char upper = Character.toUpperCase(c);
			column = column * 26 + (upper - 'A' + 1);
			if (upper < 'A' || upper > 'Z' || column > MAX_COLUMNS) {
				throw new XMLStreamException("the cell reference '" + reference + "' is not a cell of a sheet");
			}
		}
		if (letters == 0) {
			throw new XMLStreamException("the cell reference '" + reference + "' is not a cell of a sheet");
		}
		return column - 1;
	}

	private static long parseNumber(String text, String what) throws XMLStreamException {
		try {
			long number = Long.parseLong(text.strip());
			if (number >= 0) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// said below
		}
		throw new XMLStreamException("the " + what + " '" + text + "' is not a whole number");
	}

	@Override
	public void close() throws IOException {
		try {
			this.reader.close();
		}
		catch (XMLStreamException ex) {
			// the part is closed below all the same
		}
		this.part.close();
	}

}
