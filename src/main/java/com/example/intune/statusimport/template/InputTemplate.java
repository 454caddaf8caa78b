package com.example.intune.statusimport.template;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import com.example.intune.statusimport.devicestatus.ComplianceStatus;
import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.files.PrivateFiles;

/**
 * An empty input to start from: the Graph columns in order, and in a workbook a drop-down list of the statuses, the
 * date columns formatted as date-times, the other columns as text (a long id keeps every digit), the header row
 * frozen, and a second sheet that explains each column. Written owner-only like every file of the job, since the
 * person fills it with names.
 */
public final class InputTemplate {

	/** The kinds of template, by the file's extension. */
	public enum Kind {

		XLSX, CSV, TSV;

		/** {@code .xlsx}, {@code .csv} or {@code .tsv}, in any letter case. */
		public static Optional<Kind> of(Path file) {
			String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
			for (Kind kind : values()) {
				String extension = "." + kind.name().toLowerCase(Locale.ROOT);
				if (name.endsWith(extension) && name.length() > extension.length()) {
					return Optional.of(kind);
				}
			}
			return Optional.empty();
		}

	}

	/** How the date-time columns show a date cell. */
	public static final String DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";

	public static final String SHEET_NAME = "Device statuses";

	public static final String GUIDE_SHEET_NAME = "Columns";

	private static final String WHAT = "the template";

	private InputTemplate() {
	}

	/** Writes the template of {@code kind} as the whole file at {@code path}, replacing what is there. */
	public static void write(Path path, Kind kind) throws IOException {
		PrivateFiles.writeWhole(path, out -> {
			if (kind == Kind.XLSX) {
				writeWorkbook(out, path.getFileName().toString());
			}
			else {
				writeHeaderLine(out, kind == Kind.CSV ? "," : "\t");
			}
		}, WHAT);
	}

	/**
	 * The header line in UTF-8 with a byte-order mark, which is how Excel knows to open the file as UTF-8 (and to
	 * save it so again) rather than in the computer's ANSI code page, which would garble the names typed into it.
	 */
	private static void writeHeaderLine(OutputStream out, String separator) throws IOException {
		out.write(("\uFEFF" + String.join(separator, DeviceStatusProperty.acceptedColumnNames()) + "\r\n")
			.getBytes(StandardCharsets.UTF_8));
	}

	private static void writeWorkbook(OutputStream out, String fileName) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			CellStyle header = workbook.createCellStyle();
			Font bold = workbook.createFont();
			bold.setBold(true);
			header.setFont(bold);
			CellStyle text = workbook.createCellStyle();
			text.setDataFormat(workbook.createDataFormat().getFormat("@"));
			CellStyle dateTime = workbook.createCellStyle();
			dateTime.setDataFormat(workbook.createDataFormat().getFormat(DATE_TIME_FORMAT));
			Sheet sheet = workbook.createSheet(SHEET_NAME);
			Row names = sheet.createRow(0);
			List<DeviceStatusProperty> properties = List.of(DeviceStatusProperty.values());
			for (int i = 0; i < properties.size(); i++) {
				boolean date = properties.get(i).kind() == DeviceStatusProperty.Kind.DATE_TIME;
				Cell cell = names.createCell(i);
				cell.setCellValue(properties.get(i).graphName());
				cell.setCellStyle(header);
				// the column's style is what Excel gives each cell typed into it
				sheet.setDefaultColumnStyle(i, date ? dateTime : text);
				sheet.setColumnWidth(i, Math.max(date ? 22 : 18, properties.get(i).graphName().length() + 3) * 256);
			}
			sheet.createFreezePane(0, 1);
			addStatusList(sheet, properties.indexOf(DeviceStatusProperty.STATUS));
			writeGuide(workbook, header, fileName);
			workbook.setActiveSheet(0);
			workbook.write(out);
		}
	}

	/**
	 * A drop-down list of the canonical statuses on every cell of the status column. Another value only warns:
	 * the import also takes the statuses in any letter case and Intune's own labels.
	 */
	private static void addStatusList(Sheet sheet, int column) {
		DataValidationHelper helper = sheet.getDataValidationHelper();
		DataValidation list = helper.createValidation(
				helper.createExplicitListConstraint(ComplianceStatus.wireNames().toArray(String[]::new)),
				new CellRangeAddressList(1, SpreadsheetVersion.EXCEL2007.getLastRowIndex(), column, column));
		list.setEmptyCellAllowed(true);
		// in POI's XSSF this writes showDropDown="false", which is what shows the arrow (the attribute hides it)
		list.setSuppressDropDownArrow(true);
		list.setErrorStyle(DataValidation.ErrorStyle.WARNING);
		list.setShowErrorBox(true);
		// Excel shows at most 255 characters here
		list.createErrorBox("status", "Not in the list. The import also takes these in any letter case, and"
				+ " Intune's labels such as Non-compliant; any other value makes the row invalid.");
		sheet.addValidationData(list);
	}

	/** The second sheet: each column, what it is and what it accepts; then how to go on. */
	private static void writeGuide(XSSFWorkbook workbook, CellStyle header, String fileName) {
		Sheet guide = workbook.createSheet(GUIDE_SHEET_NAME);
		CellStyle wrapped = workbook.createCellStyle();
		wrapped.setWrapText(true);
		wrapped.setVerticalAlignment(VerticalAlignment.TOP);
		row(guide, 0, header, "Column", "What it is", "Accepted values");
		int index = 1;
		for (DeviceStatusProperty property : DeviceStatusProperty.values()) {
			ColumnGuide column = ColumnGuide.of(property);
			row(guide, index++, wrapped, column.column(), column.meaning(), column.accepted());
		}
		index++;
		row(guide, index++, wrapped, "Notes", "Columns whose name starts with _ are ignored: use them for notes. The"
				+ " failure report adds its own (_line, _error, _message, ...), so that it can be fixed and imported"
				+ " again.");
		row(guide, index++, wrapped, "", "Each row needs an id and a deviceConfigurationId (or give --configuration-id"
				+ " for all rows), and changes at least one other column. The columns may be in any order; unused ones"
				+ " may be deleted.");
		row(guide, index, wrapped, "", "Check the filled-in file first, which sends nothing:"
				+ " device-status-import import --dry-run " + fileName);
		guide.setColumnWidth(0, 42 * 256);
		guide.setColumnWidth(1, 60 * 256);
		guide.setColumnWidth(2, 90 * 256);
		guide.createFreezePane(0, 1);
	}

	private static void row(Sheet sheet, int index, CellStyle style, String... values) {
		Row row = sheet.createRow(index);
		for (int i = 0; i < values.length; i++) {
			Cell cell = row.createCell(i);
			cell.setCellValue(values[i]);
			cell.setCellStyle(style);
		}
	}

}
