package com.example.intune.statusimport.input;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLStreamException;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.ss.util.CellReference;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.fileformat.DelimitedRecords;
import com.example.intune.statusimport.fileformat.Printable;

/**
 * Reads the rows of a workbook's sheet after its header. A cell's value is what the cell shows: text as it stands
 * (a workbook's text is not formula-escaped as a CSV report's is), a number as displayed ({@code 42}), a date or
 * date-time as a local ISO date-time ({@code 2026-11-28T14:05:00}). A blank cell leaves its property unchanged, as
 * an empty CSV cell does. A logical value (TRUE), an error (#N/A) or a formula without its result makes the row
 * invalid, naming the column and the cell; values beyond the header's last column make it malformed. The line of a
 * row is its row number as Excel shows it.
 */
class XlsxRowReader extends RowReader {

	private final ColumnLayout layout;

	private final WorkbookSheet sheet;

	private Workbook workbook;

	private SheetRows rows;

	XlsxRowReader(InputFile input, String defaultConfigurationId) {
		super(input, defaultConfigurationId);
		this.layout = input.layout();
		this.sheet = input.sheet();
	}

	@Override
	protected void openFile() throws Exception {
		this.workbook = Workbook.open(this.input.path());
		Workbook.Sheet found = this.workbook.sheets()
			.stream()
			.filter(sheet -> sheet.name().equals(this.sheet.name()))
			.findFirst()
			.orElseThrow(() -> new InputProblem(this.input.path() + " no longer has the sheet '" + this.sheet.name()
					+ "' it had when the run started; put it back, or start a new run"));
		try {
			this.rows = this.workbook.rows(found);
			SheetRows.Row row;
			do {
				row = this.rows.next(); // up to the header, checked before the job started
			}
			while (row != null && row.number() < this.sheet.headerRow());
		}
		catch (IOException | XMLStreamException | OpenXML4JException ex) {
			throw Workbook.damaged(this.input.path(), this.sheet.name(), ex);
		}
	}

	@Override
	protected SourceRow doRead() throws Exception {
		SheetRows.Row row;
		try {
			row = this.rows.next();
		}
		catch (XMLStreamException ex) {
			throw Workbook.damaged(this.input.path(), this.sheet.name(), ex);
		}
		return row == null ? null : toRow(row);
	}

	private SourceRow toRow(SheetRows.Row row) {
		long line = row.number();
		if (row.tooLong()) {
			return malformed(line, new SourceRow.WorkbookCells(List.of()), "the row holds more than the "
					+ DelimitedRecords.MAX_RECORD_CHARS + " characters a row may hold, so it was not read (nor copied"
					+ " here); check the sheet at this row");
		}
		List<WorkbookCell> cells = row.cells();
		SourceRow.WorkbookCells original = new SourceRow.WorkbookCells(cells);
		int columns = this.layout.columns().size();
		if (cells.size() > columns) {
			return malformed(line, original, "the row has values beyond the header's last column ("
					+ CellReference.convertNumToColString(columns - 1) + "): " + beyond(cells, columns, line)
					+ ". Give the column a name in row " + this.sheet.headerRow() + ", or clear the cells.");
		}
		Map<DeviceStatusProperty, String> values = new EnumMap<>(DeviceStatusProperty.class);
		List<String> problems = new ArrayList<>();
		Set<DeviceStatusProperty> problemProperties = EnumSet.noneOf(DeviceStatusProperty.class);
		for (int column = 0; column < cells.size(); column++) {
			DeviceStatusProperty property = this.layout.properties().get(column);
			WorkbookCell cell = cells.get(column);
			if (property == null) {
				continue;
			}
			if (cell.type() == WorkbookCell.Type.BOOLEAN || cell.type() == WorkbookCell.Type.ERROR) {
				problemProperties.add(property);
			}
			if (cell.type() == WorkbookCell.Type.NUMBER && property.isKey() && Math.abs(cell.number()) >= 1e15) {
				// a number cell holds 15 significant digits: a longer id was rounded when it was typed, and sent as
				// it reads now it would address another status
				problemProperties.add(property);
				problems.add(where(column, line) + " holds the number " + cell.text() + ", which has more digits than"
						+ " a number cell keeps (15), so the id it was typed as is lost; format the column as text and"
						+ " type the id again");
				continue;
			}
			switch (cell.type()) {
				case TEXT, NUMBER, DATE -> values.put(property, cell.text());
				case BOOLEAN -> problems.add(where(column, line) + " holds the logical value " + cell.text()
						+ ", not text; type the value this column needs as text");
				case ERROR -> problems.add(where(column, line) + " holds the error " + cell.text() + " (a formula that"
						+ " failed); correct the formula, or type the value");
				case BLANK -> {
					// leaves the property unchanged, as an empty CSV cell does
				}
			}
		}
		for (int column : row.uncalculated()) {
			if (column < columns && this.layout.properties().get(column) != null) {
				problemProperties.add(this.layout.properties().get(column));
				problems.add(where(column, line) + " holds a formula whose result was not saved with the workbook;"
						+ " open the workbook in Excel or LibreOffice and save it (which calculates it), or type the value");
			}
		}
		int error = this.layout.earlierErrorColumn();
		return row(line, values, original, problems, problemProperties,
				error >= 0 && error < cells.size() ? cells.get(error).text() : null);
	}

	/** {@code column 'status' (cell F7)}: the column by its header, and the cell as Excel names it. */
	private String where(int column, long line) {
		return "column '" + Printable.of(this.layout.columns().get(column)) + "' (cell "
				+ CellReference.convertNumToColString(column) + line + ")";
	}

	private static String beyond(List<WorkbookCell> cells, int columns, long line) {
		List<String> listed = new ArrayList<>();
		for (int column = columns; column < cells.size(); column++) {
			String text = cells.get(column).text();
			if (!text.isEmpty() && listed.size() < 5) {
				listed.add(CellReference.convertNumToColString(column) + line + " '"
						+ Printable.of(text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
			}
		}
		return String.join(", ", listed);
	}

	@Override
	protected void doClose() throws Exception {
		try {
			if (this.rows != null) {
				this.rows.close();
			}
		}
		finally {
			this.rows = null;
			if (this.workbook != null) {
				this.workbook.close();
				this.workbook = null;
			}
		}
	}

}
