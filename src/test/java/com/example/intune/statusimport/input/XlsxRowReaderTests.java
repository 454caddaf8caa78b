package com.example.intune.statusimport.input;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;

import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.DEVICE_CONFIGURATION_ID;
import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.DEVICE_DISPLAY_NAME;
import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.ID;
import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.LAST_REPORTED_DATE_TIME;
import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.STATUS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rows of workbooks saved by LibreOffice (src/test/resources/spreadsheets, made from the .fods beside them):
 * each kind of cell as a person sees it, row numbers as Excel shows them, and the rows that cannot be sent.
 */
class XlsxRowReaderTests {

	static Path fixture(String name) {
		try {
			return Path.of(XlsxRowReaderTests.class.getResource("/spreadsheets/" + name).toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<SourceRow> rowsOf(String fixture, String sheet) throws Exception {
		return Reading.readAll(InputFile.inspect(fixture(fixture), InputFormat.XLSX, ColumnMapping.NONE, TextOptions.DETECT, sheet));
	}

	private static SourceRow line(List<SourceRow> rows, long line) {
		return rows.stream().filter(row -> row.line() == line).findFirst().orElseThrow();
	}

	private static List<WorkbookCell> cells(SourceRow row) {
		return ((SourceRow.WorkbookCells) row.original()).cells();
	}

	@Test
	void theRowsAfterTheHeaderOnRowThreeKeepTheirRowNumbersAndAnEmptyRowIsNoRow() throws Exception {
		List<SourceRow> rows = rowsOf("kinds-of-cells.xlsx", null);

		assertThat(rows).extracting(SourceRow::line).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 13L, 14L);
	}

	@Test
	void textIsTakenAsItStandsAndADateCellIsALocalDateTime() throws Exception {
		SourceRow row = line(rowsOf("kinds-of-cells.xlsx", null), 4);

		assertThat(row.values()).containsExactlyInAnyOrderEntriesOf(Map.of(DEVICE_CONFIGURATION_ID, "cfg-1", ID,
				"dcs-text", DEVICE_DISPLAY_NAME, "Jürgen's laptop", STATUS, "compliant", LAST_REPORTED_DATE_TIME,
				"2026-11-28T14:05:00"));
		assertThat(row.readProblems()).isEmpty();
		WorkbookCell date = cells(row).get(4);
		assertThat(date.type()).isEqualTo(WorkbookCell.Type.DATE);
		assertThat(date.number()).isEqualTo(46354.5868055556);
		assertThat(date.numberFormat()).isEqualTo("dd\\.mm\\.yyyy\\ hh:mm");
	}

	@Test
	void aNumberIsItsDisplayedTextAndKeepsItsValueAndFormat() throws Exception {
		SourceRow row = line(rowsOf("kinds-of-cells.xlsx", null), 5);

		assertThat(row.values()).containsEntry(ID, "42").containsEntry(DEVICE_DISPLAY_NAME, "7.00");
		assertThat(cells(row).subList(1, 3)).containsExactly(
				new WorkbookCell(WorkbookCell.Type.NUMBER, "42", 42, "General"),
				new WorkbookCell(WorkbookCell.Type.NUMBER, "7.00", 7, "0.00"));
		assertThat(cells(row).get(4)).as("the blank between two cells").isEqualTo(WorkbookCell.BLANK);
		assertThat(row.values()).doesNotContainKey(LAST_REPORTED_DATE_TIME);
	}

	@Test
	void aTwentyDigitIdTypedAsTextStaysExactAndFormulasGiveTheirSavedResults() throws Exception {
		SourceRow row = line(rowsOf("kinds-of-cells.xlsx", null), 6);

		assertThat(row.values()).containsEntry(ID, "12345678901234567890")
			.containsEntry(DEVICE_DISPLAY_NAME, "LAPTOP-12345678901234567890")
			.containsEntry(STATUS, "noncompliant");
		assertThat(row.readProblems()).isEmpty();
	}

	@Test
	void aLogicalValueInAColumnMakesTheRowInvalidNamingTheColumnAndTheCellButNotInAnIgnoredColumn() throws Exception {
		SourceRow row = line(rowsOf("kinds-of-cells.xlsx", null), 7);

		assertThat(row.malformed()).isFalse();
		assertThat(row.readProblems()).containsExactly("column 'status' (cell D7) holds the logical value TRUE, not"
				+ " text; type the value this column needs as text");
		assertThat(row.values()).doesNotContainKey(STATUS);
		assertThat(row.problemProperties()).as("the cell a report highlights").containsExactly(STATUS);
		assertThat(cells(row).get(3)).isEqualTo(new WorkbookCell(WorkbookCell.Type.BOOLEAN, "TRUE", 0, null));
		assertThat(cells(row).get(5)).as("FALSE in _notes, kept for the report")
			.isEqualTo(new WorkbookCell(WorkbookCell.Type.BOOLEAN, "FALSE", 0, null));
	}

	@Test
	void anErrorCellMakesTheRowInvalidNamingTheError() throws Exception {
		SourceRow row = line(rowsOf("kinds-of-cells.xlsx", null), 8);

		assertThat(row.readProblems()).containsExactly("column 'deviceDisplayName' (cell C8) holds the error #N/A (a"
				+ " formula that failed); correct the formula, or type the value");
		assertThat(row.problemProperties()).containsExactly(DEVICE_DISPLAY_NAME);
		assertThat(cells(row).get(2)).isEqualTo(new WorkbookCell(WorkbookCell.Type.ERROR, "#N/A", 0, null));
	}

	@Test
	void aHiddenRowIsReadLikeAnyOtherAndAMergedCellGivesItsValueToItsFirstRowOnly() throws Exception {
		List<SourceRow> rows = rowsOf("kinds-of-cells.xlsx", null);

		assertThat(line(rows, 9).values()).containsEntry(ID, "dcs-hidden").containsEntry(STATUS, "remediated");
		assertThat(line(rows, 10).values()).containsEntry(DEVICE_DISPLAY_NAME, "Shared desk");
		assertThat(line(rows, 11).values()).containsEntry(ID, "dcs-merged-2").doesNotContainKey(DEVICE_DISPLAY_NAME);
	}

	@Test
	void cellsMissingFromARowLeaveTheOthersInTheirColumns() throws Exception {
		SourceRow row = line(rowsOf("kinds-of-cells.xlsx", null), 13);

		assertThat(row.values()).containsOnlyKeys(DEVICE_CONFIGURATION_ID, ID, LAST_REPORTED_DATE_TIME)
			.containsEntry(LAST_REPORTED_DATE_TIME, "2026-03-29T02:30:00");
	}

	@Test
	void aValueBeyondTheHeadersLastColumnMakesTheRowMalformedAndKeepsEveryCell() throws Exception {
		SourceRow row = line(rowsOf("kinds-of-cells.xlsx", null), 14);

		assertThat(row.malformed()).isTrue();
		assertThat(row.readProblems()).containsExactly("the row has values beyond the header's last column (F): G14"
				+ " 'stray'. Give the column a name in row 3, or clear the cells.");
		assertThat(cells(row)).hasSize(7).last().isEqualTo(WorkbookCell.text("stray"));
	}

	@Test
	void anotherSheetIsChosenByItsNameInAnyLetterCaseOrByItsNumber() throws Exception {
		Map<DeviceStatusProperty, String> expected = Map.of(ID, "dcs-second-1", STATUS, "conflict");

		assertThat(rowsOf("kinds-of-cells.xlsx", "second SHEET")).singleElement()
			.satisfies(row -> assertThat(row.values()).isEqualTo(expected))
			.extracting(SourceRow::line)
			.isEqualTo(2L);
		assertThat(rowsOf("kinds-of-cells.xlsx", "2")).singleElement()
			.satisfies(row -> assertThat(row.values()).isEqualTo(expected));
	}

	@Test
	void aWorkbookThatCountsDaysFrom1904ReadsTheSameDate() throws Exception {
		SourceRow row = rowsOf("date1904.xlsx", null).get(0);

		assertThat(row.values()).containsEntry(LAST_REPORTED_DATE_TIME, "2026-11-28T14:05:00");
		assertThat(cells(row).get(2).number()).as("the serial day as stored, from 1904").isEqualTo(44892.5868055556);
	}

	@Test
	void aResumedReadSkipsTheRowsAlreadyDoneAndGoesOnWithTheSameRows() throws Exception {
		InputFile input = InputFile.inspect(fixture("kinds-of-cells.xlsx"), InputFormat.XLSX, ColumnMapping.NONE, TextOptions.DETECT,
				null);
		List<SourceRow> all = Reading.readAll(input);
		RowReader reader = RowReader.forInput(input, "cfg-default");
		ExecutionContext context = new ExecutionContext();
		context.putInt("input.read.count", 4);
		reader.open(context);
		SourceRow next = reader.read();
		reader.close();

		assertThat(next).isEqualTo(all.get(4));
		assertThat(next.line()).isEqualTo(8);
	}

	@Test
	void readingLeavesNoFileOpenNorAnyTemporaryFileBehind() throws Exception {
		InputFile input = InputFile.inspect(fixture("kinds-of-cells.xlsx"), InputFormat.XLSX, ColumnMapping.NONE, TextOptions.DETECT,
				null);
		Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
		List<Path> before = stringFiles(temporary);
		RowReader reader = RowReader.forInput(input, "cfg-default");
		reader.open(new ExecutionContext());
		reader.read();
		assertThat(stringFiles(temporary)).as("the shared strings' files, deleted as soon as they are open")
			.isEqualTo(before);
		reader.close();

		Reading.assertClosingReleasesTheFile(input);
	}

	private static List<Path> stringFiles(Path folder) throws Exception {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(file -> file.getFileName().toString().startsWith("device-status-import-strings"))
				.toList();
		}
	}

}
