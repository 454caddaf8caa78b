package com.example.intune.statusimport.input;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.intune.statusimport.fileformat.DelimitedRecords;
import com.example.intune.statusimport.support.HandWrittenWorkbook;

import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.DEVICE_DISPLAY_NAME;
import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.ID;
import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.LAST_REPORTED_DATE_TIME;
import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.STATUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sheets as other writers save them, written part by part: rows and cells without references, inline and shared
 * strings with escapes, rich text and phonetic guides, ISO date cells, numbers in General and other formats,
 * formulas saved without their results, and rows too long to hold.
 */
class SheetRowsTests {

	private static final String HEADER = "<row r=\"1\">" + inline("A1", "id") + inline("B1", "status")
			+ inline("C1", "deviceDisplayName") + "</row>";

	@TempDir
	Path dir;

	static String inline(String reference, String text) {
		return "<c r=\"" + reference + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
	}

	private List<SourceRow> read(HandWrittenWorkbook workbook) throws Exception {
		Path file = workbook.write(this.dir.resolve("statuses.xlsx"));
		return Reading.readAll(InputFile.inspect(file, InputFormat.XLSX, ColumnMapping.NONE, TextOptions.DETECT, null));
	}

	@Test
	void rowsAndCellsWithoutReferencesFollowTheOnesBefore() throws Exception {
		String noReferences = "<row><c t=\"inlineStr\"><is><t>id</t></is></c><c t=\"inlineStr\"><is><t>status</t></is>"
				+ "</c></row><row><c t=\"inlineStr\"><is><t>dcs-2</t></is></c><c t=\"inlineStr\"><is><t>compliant</t>"
				+ "</is></c></row><row r=\"7\">" + inline("B7", "error") + "</row><row><c t=\"inlineStr\"><is><t>dcs-8"
				+ "</t></is></c></row>";

		List<SourceRow> rows = read(new HandWrittenWorkbook().sheet("Sheet1", noReferences));

		assertThat(rows).extracting(SourceRow::line).containsExactly(2L, 7L, 8L);
		assertThat(rows.get(0).values()).containsEntry(ID, "dcs-2").containsEntry(STATUS, "compliant");
		assertThat(rows.get(1).values()).containsOnlyKeys(STATUS);
		assertThat(rows.get(2).values()).containsOnlyKeys(ID);
	}

	@Test
	void sharedStringsAreDecodedAsExcelShowsThem() throws Exception {
		String strings = "<si><t>id</t></si><si><t>status</t></si><si><t>deviceDisplayName</t></si>"
				+ "<si><r><t>dcs-</t></r><r><rPr><b/></rPr><t>7</t></r></si>"
				+ "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si>"
				+ "<si><t>line_x000D_break and _x005F_x000D_ kept</t></si><si><t></t></si>";
		String sheet = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\">"
				+ "<v>2</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>3</v></c><c r=\"C2\" t=\"s\"><v>4</v></c></row>"
				+ "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>5</v></c></row><row r=\"4\"><c r=\"A4\" t=\"s\"><v>6</v></c></row>";

		List<SourceRow> rows = read(new HandWrittenWorkbook().sheet("Sheet1", sheet).sharedStrings(strings));

		assertThat(rows).as("a row of empty strings is empty").extracting(SourceRow::line).containsExactly(2L, 3L);
		assertThat(rows.get(0).values()).containsEntry(ID, "dcs-7").containsEntry(DEVICE_DISPLAY_NAME, "東京");
		assertThat(rows.get(1).values()).containsEntry(ID, "line\rbreak and _x000D_ kept");
	}

	@Test
	void numbersShowAllTheirDigitsInGeneralAndTheirFormatOtherwise() throws Exception {
		String styles = "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"000000\"/></numFmts>"
				+ "<cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"49\"/></cellXfs>";
		String sheet = HEADER + "<row r=\"2\"><c r=\"A2\"><v>123456789012</v></c><c r=\"C2\"><v>0.30000000000000004</v>"
				+ "</c></row><row r=\"3\"><c r=\"A3\" s=\"1\"><v>42</v></c><c r=\"C3\" s=\"2\"><v>1234567890123456</v>"
				+ "</c></row>";

		List<SourceRow> rows = read(new HandWrittenWorkbook().sheet("Sheet1", sheet).styles(styles));

		assertThat(rows.get(0).values()).as("not 1.23457E+11, nor 0.30000000000000004")
			.containsEntry(ID, "123456789012")
			.containsEntry(DEVICE_DISPLAY_NAME, "0.3");
		assertThat(rows.get(1).values()).containsEntry(ID, "000042")
			.as("Excel keeps 15 significant digits")
			.containsEntry(DEVICE_DISPLAY_NAME, "1234567890123460");
	}

	@Test
	void anIsoDateCellIsALocalDateTime() throws Exception {
		String sheet = "<row r=\"1\">" + inline("A1", "id") + inline("B1", "lastReportedDateTime") + "</row>"
				+ "<row r=\"2\">" + inline("A2", "dcs-1") + "<c r=\"B2\" t=\"d\"><v>2026-11-28T14:05:30.250</v></c></row>"
				+ "<row r=\"3\">" + inline("A3", "dcs-2") + "<c r=\"B3\" t=\"d\"><v>2026-11-28</v></c></row>";

		List<SourceRow> rows = read(new HandWrittenWorkbook().sheet("Sheet1", sheet));

		assertThat(rows).extracting(row -> row.values().get(LAST_REPORTED_DATE_TIME))
			.containsExactly("2026-11-28T14:05:30", "2026-11-28T00:00:00");
	}

	@Test
	void aFormulaSavedWithoutItsResultMakesTheRowInvalid() throws Exception {
		String sheet = HEADER + "<row r=\"2\">" + inline("A2", "dcs-1") + "<c r=\"B2\" t=\"str\"><f>LOWER(\"X\")</f></c>"
				+ "</row>";

		SourceRow row = read(new HandWrittenWorkbook().sheet("Sheet1", sheet)).get(0);

		assertThat(row.readProblems()).containsExactly("column 'status' (cell B2) holds a formula whose result was not"
				+ " saved with the workbook; open the workbook in Excel or LibreOffice and save it (which calculates it),"
				+ " or type the value");
	}

	@Test
	void aRowOfSpacesAboveTheHeaderIsNoHeaderAndOneAmongTheRowsIsNoRow() throws Exception {
		String sheet = "<row r=\"1\">" + inline("A1", "  ") + inline("B1", " ") + "</row>"
				+ HEADER.replace("r=\"1\"", "r=\"2\"").replace("A1", "A2").replace("B1", "B2").replace("C1", "C2")
				+ "<row r=\"3\">" + inline("A3", "dcs-1") + inline("B3", "compliant") + "</row>"
				+ "<row r=\"4\">" + inline("A4", "   ") + "</row>";

		List<SourceRow> rows = read(new HandWrittenWorkbook().sheet("Sheet1", sheet));

		assertThat(rows).extracting(SourceRow::line).containsExactly(3L);
		assertThat(rows.get(0).values()).containsEntry(ID, "dcs-1").containsEntry(STATUS, "compliant");
	}

	@Test
	void blankCellsBeyondTheHeaderAreNoValues() throws Exception {
		String sheet = HEADER + "<row r=\"2\">" + inline("A2", "dcs-1") + "<c r=\"F2\" s=\"0\"/><c r=\"G2\" t=\"str\">"
				+ "<v></v></c></row>";

		SourceRow row = read(new HandWrittenWorkbook().sheet("Sheet1", sheet)).get(0);

		assertThat(row.malformed()).isFalse();
		assertThat(((SourceRow.WorkbookCells) row.original()).cells()).hasSize(1);
	}

	@Test
	void aRowTooLongToHoldIsOneMalformedRowAndTheRowsAfterItAreRead() throws Exception {
		String half = unpredictable(DelimitedRecords.MAX_RECORD_CHARS / 2 + 1);
		String sheet = HEADER + "<row r=\"2\">" + inline("A2", "dcs-1") + inline("B2", half) + inline("C2", half)
				+ "</row><row r=\"3\">" + inline("A3", "dcs-2") + inline("B3", "compliant") + "</row>";

		List<SourceRow> rows = read(new HandWrittenWorkbook().sheet("Sheet1", sheet));

		assertThat(rows).extracting(SourceRow::malformed).containsExactly(true, false);
		assertThat(rows.get(0).readProblems()).containsExactly("the row holds more than the "
				+ DelimitedRecords.MAX_RECORD_CHARS + " characters a row may hold, so it was not read (nor copied here);"
				+ " check the sheet at this row");
		assertThat(rows.get(0).original()).isEqualTo(new SourceRow.WorkbookCells(List.of()));
		assertThat(rows.get(1).values()).containsEntry(ID, "dcs-2");
	}

	/** Text that does not compress a hundredfold, which POI would take for a zip bomb. */
	static String unpredictable(int length) {
		java.util.Random random = new java.util.Random(length);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append((char) ('a' + random.nextInt(26)));
		}
		return text.toString();
	}

	@Test
	void aReferenceToASharedStringTheWorkbookDoesNotHoldStopsTheRunBeforeItStarts() {
		String sheet = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>9</v></c>"
				+ "</row>";
		Path file = new HandWrittenWorkbook().sheet("Data", sheet).sharedStrings("<si><t>id</t></si>")
			.write(this.dir.resolve("statuses.xlsx"));

		assertThatThrownBy(() -> InputFile.inspect(file, InputFormat.XLSX, ColumnMapping.NONE, TextOptions.DETECT, null))
			.isInstanceOf(InputProblem.class)
			.hasMessage(file + ", sheet 'Data': the workbook is damaged (cell A2 refers to shared string 9, but the"
					+ " workbook holds 1); if Excel still opens it, save it again as \"Excel Workbook (.xlsx)\" and"
					+ " import that");
	}

	@Test
	void aCellReferenceThatIsNoCellStopsTheRunBeforeItStarts() {
		Path file = new HandWrittenWorkbook().sheet("Data", HEADER + "<row r=\"2\">" + inline("7A", "x") + "</row>")
			.write(this.dir.resolve("statuses.xlsx"));

		assertThatThrownBy(() -> InputFile.inspect(file, InputFormat.XLSX, ColumnMapping.NONE, TextOptions.DETECT, null))
			.hasMessageContaining("the cell reference '7A' is not a cell of a sheet");
	}

}
