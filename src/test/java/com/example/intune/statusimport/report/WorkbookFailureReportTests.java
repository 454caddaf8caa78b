package com.example.intune.statusimport.report;

import java.nio.file.Path;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.input.SourceRow;
import com.example.intune.statusimport.input.WorkbookCell;
import com.example.intune.statusimport.report.WorkbookReports.Input;

import static com.example.intune.statusimport.report.WorkbookReports.date;
import static com.example.intune.statusimport.report.WorkbookReports.invalid;
import static com.example.intune.statusimport.report.WorkbookReports.number;
import static com.example.intune.statusimport.report.WorkbookReports.read;
import static com.example.intune.statusimport.report.WorkbookReports.row;
import static com.example.intune.statusimport.report.WorkbookReports.shown;
import static com.example.intune.statusimport.report.WorkbookReports.text;
import static org.assertj.core.api.Assertions.assertThat;

/** The workbook report's shape: its columns, its header row, and each cell written back as the input held it. */
class WorkbookFailureReportTests {

	@TempDir
	Path dir;

	private Path report() {
		return this.dir.resolve("statuses.failures.xlsx");
	}

	/** One run that reports {@code rows} failed with {@code failure} and completes. */
	private Path reported(Input input, RowFailure failure, SourceRow... rows) {
		WorkbookReports.Run run = new WorkbookReports.Run(input, report(), new ExecutionContext());
		for (var row : rows) {
			run.fail(row, failure);
		}
		run.commit().end(BatchStatus.COMPLETED);
		return report();
	}

	@Test
	void columnsAreTheInputsThenTheReportsOwnAndAnEarlierReportsAreReplaced() {
		Input input = WorkbookReports.input(this.dir, "id", "status", "_line", "_note", "_error", "_message");

		reported(input, invalid("status: 'bad' is not a compliance status"),
				row(5, text("dcs-1"), text("bad"), number(2, "General", "2"), text("keep me"), text("invalid"),
						text("an older message")));

		List<List<String>> rows = shown(report());
		assertThat(rows.get(0)).containsExactly("id", "status", "_note", "_line", "_error", "_message", "_http_status",
				"_graph_code", "_request_id", "_client_request_id", "_attempts");
		assertThat(rows.get(1)).containsExactly("dcs-1", "bad", "keep me", "5", "invalid",
				"status: 'bad' is not a compliance status", "", "", "", "", "0");
		assertThat(rows).hasSize(2);
	}

	@Test
	void theHeaderRowIsFrozenAndFilteredOverEveryRow() throws Exception {
		Input input = WorkbookReports.input(this.dir, "id", "status");

		reported(input, invalid("x"), row(2, text("a")), row(3, text("b")), row(9, text("c")));

		try (XSSFWorkbook workbook = read(report())) {
			XSSFSheet sheet = workbook.getSheetAt(0);
			PaneInformation pane = sheet.getPaneInformation();
			assertThat(pane.isFreezePane()).isTrue();
			assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
			assertThat(pane.getVerticalSplitPosition()).isZero();
			// two input columns and the eight of the report: A to J, the header and three rows
			assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:J4");
			assertThat(sheet.getRow(0).getCell(0).getCellStyle().getFontIndex()).isNotZero();
			assertThat(sheet.getColumnWidth(4)).as("_message is wide").isEqualTo(80 * 256);
		}
	}

	@Test
	void anEmptyReportIsAHeaderWithItsFilter() throws Exception {
		Input input = WorkbookReports.input(this.dir, "id", "status");

		reported(input, invalid("x"));

		try (XSSFWorkbook workbook = read(report())) {
			assertThat(workbook.getSheetAt(0).getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:J1");
			assertThat(workbook.getSheetAt(0).getLastRowNum()).isZero();
		}
	}

	@Test
	void theCellsThatFailedValidationAreFilledAndTheOthersAreNot() throws Exception {
		Input input = WorkbookReports.input(this.dir, "deviceConfigurationId", "id", "status", "_note",
				"lastReportedDateTime");

		// the id is missing, the status and the date are wrong
		reported(input, invalid("three problems", DeviceStatusProperty.ID, DeviceStatusProperty.STATUS,
				DeviceStatusProperty.LAST_REPORTED_DATE_TIME),
				row(2, text("cfg-1"), WorkbookCell.BLANK, text("bad"), text("note"), text("yesterday")));

		try (XSSFWorkbook workbook = read(report())) {
			Row row = workbook.getSheetAt(0).getRow(1);
			assertThat(filled(row.getCell(0))).as("deviceConfigurationId").isFalse();
			assertThat(filled(row.getCell(1))).as("the missing id").isTrue();
			assertThat(filled(row.getCell(2))).as("status").isTrue();
			assertThat(filled(row.getCell(3))).as("_note").isFalse();
			assertThat(filled(row.getCell(4))).as("lastReportedDateTime").isTrue();
			assertThat(filled(row.getCell(5))).as("_line").isFalse();
			assertThat(row.getCell(1).getCellType()).isEqualTo(CellType.BLANK);
		}
	}

	private static boolean filled(Cell cell) {
		XSSFCellStyle style = (XSSFCellStyle) cell.getCellStyle();
		return style.getFillPattern() == FillPatternType.SOLID_FOREGROUND
				&& style.getFillForegroundXSSFColor() != null
				&& style.getFillForegroundXSSFColor().getARGBHex().endsWith(FailureWorkbook.HIGHLIGHT_RGB);
	}

	@Test
	void textThatASpreadsheetWouldRunStaysTextAndNothingIsAFormula() throws Exception {
		Input input = WorkbookReports.input(this.dir, "id", "deviceDisplayName", "userName", "deviceModel");

		reported(input, invalid("x"), row(2, text("=HYPERLINK(\"http://evil\",\"x\")"), text("+1+1"),
				text("@SUM(A1)"), text("-2")));

		try (XSSFWorkbook workbook = read(report())) {
			Row row = workbook.getSheetAt(0).getRow(1);
			assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.STRING);
			assertThat(row.getCell(0).getStringCellValue()).isEqualTo("=HYPERLINK(\"http://evil\",\"x\")");
			assertThat(row.getCell(1).getStringCellValue()).isEqualTo("+1+1");
			assertThat(row.getCell(2).getStringCellValue()).isEqualTo("@SUM(A1)");
			assertThat(row.getCell(3).getStringCellValue()).isEqualTo("-2");
			for (Row each : workbook.getSheetAt(0)) {
				for (Cell cell : each) {
					assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
				}
			}
			// an id typed over in the report stays text: 00123, not 123
			assertThat(row.getCell(0).getCellStyle().getDataFormatString()).isEqualTo("@");
		}
	}

	@Test
	void datesAndNumbersKeepTheirValueAndNumberFormat() throws Exception {
		Input input = WorkbookReports.input(this.dir, "id", "lastReportedDateTime", "deviceModel",
				"complianceGracePeriodExpirationDateTime");

		reported(input, invalid("x"), row(2, number(42, "General", "42"),
				date(46354.586805555555, "dd.mm.yyyy hh:mm", "2026-11-28T14:05:00"), number(0.125, "0.00%", "12.50%"),
				date(46354, "m/d/yy", "2026-11-28T00:00:00")));

		try (XSSFWorkbook workbook = read(report())) {
			Row row = workbook.getSheetAt(0).getRow(1);
			assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(42);
			assertThat(row.getCell(0).getCellStyle().getDataFormatString()).isEqualTo("General");
			assertThat(row.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(46354.586805555555);
			assertThat(row.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("dd.mm.yyyy hh:mm");
			assertThat(DateUtil.isCellDateFormatted(row.getCell(1))).isTrue();
			assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(0.125);
			assertThat(row.getCell(2).getCellStyle().getDataFormatString()).isEqualTo("0.00%");
			// a built-in date format keeps its number, which Excel shows in the reader's own locale
			assertThat(row.getCell(3).getCellStyle().getDataFormat()).isEqualTo((short) 14);
			assertThat(DateUtil.isCellDateFormatted(row.getCell(3))).isTrue();
		}
		assertThat(shown(report()).get(1)).startsWith("42", "28.11.2026 14:05", "12.50%");
	}

	@Test
	void booleansStayBooleansAndErrorsStayErrors() throws Exception {
		Input input = WorkbookReports.input(this.dir, "id", "status", "deviceModel", "userName");
		WorkbookCell yes = new WorkbookCell(WorkbookCell.Type.BOOLEAN, "TRUE", 0, null);
		WorkbookCell notAvailable = new WorkbookCell(WorkbookCell.Type.ERROR, "#N/A", 0, null);
		WorkbookCell divided = new WorkbookCell(WorkbookCell.Type.ERROR, "#DIV/0!", 0, null);
		// a newer error that POI cannot write: still an error, so that fed back the row is refused again
		WorkbookCell spill = new WorkbookCell(WorkbookCell.Type.ERROR, "#SPILL!", 0, null);

		reported(input, invalid("x"), row(2, yes, notAvailable, divided, spill));

		try (XSSFWorkbook workbook = read(report())) {
			Row row = workbook.getSheetAt(0).getRow(1);
			assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.BOOLEAN);
			assertThat(row.getCell(0).getBooleanCellValue()).isTrue();
			assertThat(row.getCell(1).getCellType()).isEqualTo(CellType.ERROR);
			assertThat(row.getCell(1).getErrorCellValue()).isEqualTo(FormulaError.NA.getCode());
			assertThat(row.getCell(2).getErrorCellValue()).isEqualTo(FormulaError.DIV0.getCode());
			assertThat(row.getCell(3).getCellType()).isEqualTo(CellType.ERROR);
			assertThat(row.getCell(3).getErrorCellValue()).isEqualTo(FormulaError.NA.getCode());
		}
	}

	@Test
	void cellsBeyondTheHeaderComeAfterTheReportsColumnsAndTheLineIsANumber() throws Exception {
		Input input = WorkbookReports.input(this.dir, "id", "status");

		reported(input, RowFailure.beforeSending(FailureCategory.MALFORMED, "the row has 4 cells, the header 2"),
				row(7, text("dcs-1"), text("compliant"), text("extra"), number(3, "General", "3")));

		try (XSSFWorkbook workbook = read(report())) {
			Row row = workbook.getSheetAt(0).getRow(1);
			assertThat(row.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(row.getCell(2).getNumericCellValue()).as("_line").isEqualTo(7);
			assertThat(row.getCell(3).getStringCellValue()).isEqualTo("malformed");
			assertThat(row.getCell(10).getStringCellValue()).isEqualTo("extra");
			assertThat(row.getCell(11).getNumericCellValue()).isEqualTo(3);
			assertThat(workbook.getSheetAt(0).getRow(0).getCell(10)).as("no header above them").isNull();
		}
	}

	@Test
	void aRowOutToTheLastColumnKeepsWhatFitsAfterTheReportsColumnsAndTheReportIsWritten() throws Exception {
		Input input = WorkbookReports.input(this.dir, "id", "status");
		java.util.List<WorkbookCell> cells = new java.util.ArrayList<>(java.util.List.of(text("dcs-1"), text("x")));
		while (cells.size() < 16_384) {
			cells.add(cells.size() == 16_383 ? text("in XFD") : WorkbookCell.BLANK);
		}

		reported(input, RowFailure.beforeSending(FailureCategory.MALFORMED, "values beyond the header"),
				row(9, cells.toArray(WorkbookCell[]::new)));

		try (XSSFWorkbook workbook = read(report())) {
			Row row = workbook.getSheetAt(0).getRow(1);
			assertThat(row.getCell(3).getStringCellValue()).isEqualTo("malformed");
			assertThat(row.getLastCellNum()).isLessThanOrEqualTo((short) 16_384);
		}
	}

	@Test
	void graphsAnswerIsKeptWithItsNumbersAsNumbers() throws Exception {
		Input input = WorkbookReports.input(this.dir, "id");

		reported(input, new RowFailure(FailureCategory.REJECTED, "Graph says no", 409, "Conflict", "req-1",
				"client-1", 3), row(4, text("dcs-4")));

		try (XSSFWorkbook workbook = read(report())) {
			Row row = workbook.getSheetAt(0).getRow(1);
			assertThat(row.getCell(4).getNumericCellValue()).as("_http_status").isEqualTo(409);
			assertThat(row.getCell(5).getStringCellValue()).isEqualTo("Conflict");
			assertThat(row.getCell(8).getNumericCellValue()).as("_attempts").isEqualTo(3);
		}
		assertThat(shown(report()).get(1)).containsExactly("dcs-4", "4", "rejected", "Graph says no", "409",
				"Conflict", "req-1", "client-1", "3");
	}

	@Test
	void controlCharactersAndTextThatLooksEscapedComeBackAsTheyWere() throws Exception {
		Input input = WorkbookReports.input(this.dir, "id", "deviceDisplayName", "userName", "deviceModel");
		String control = "a\u0001b\u001Fc";
		String lookalike = "_x0041_ and _x005F_";

		reported(input, invalid("x"), row(2, text(control), text(lookalike), text("tab\tand\nline"),
				text(" spaced ")));

		try (XSSFWorkbook workbook = read(report())) {
			Row row = workbook.getSheetAt(0).getRow(1);
			assertThat(row.getCell(0).getStringCellValue()).isEqualTo(control);
			assertThat(row.getCell(1).getStringCellValue()).isEqualTo(lookalike);
			assertThat(row.getCell(2).getStringCellValue()).isEqualTo("tab\tand\nline");
			assertThat(row.getCell(3).getStringCellValue()).isEqualTo(" spaced ");
		}
	}

}
