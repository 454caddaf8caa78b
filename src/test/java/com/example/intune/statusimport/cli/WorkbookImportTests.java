package com.example.intune.statusimport.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import com.example.intune.statusimport.support.AgainstTheSimulator;
import com.example.intune.statusimport.support.CommandRun;
import com.example.intune.statusimport.support.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workbook imported from the command line against the Graph simulator: what the cells show is what Graph
 * holds; a sheet is chosen with --sheet; a file that is not a readable .xlsx stops the run before anything is sent.
 */
class WorkbookImportTests extends AgainstTheSimulator {

	private Path copyOf(String fixture) throws IOException, URISyntaxException {
		Path copy = this.dir.resolve(fixture);
		Files.copy(Path.of(getClass().getResource("/spreadsheets/" + fixture).toURI()), copy);
		return copy;
	}

	@Test
	void theValuesCellsShowAreWhatGraphHoldsAndTheRowsThatCannotBeSentAreNot() throws Exception {
		Path input = copyOf("kinds-of-cells.xlsx");

		CommandRun run = this.workspace.importInto(this.graph, input);

		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		// dcs-text and dcs-gap have date cells, which need a time zone; dcs-bool, dcs-error and dcs-beyond fail
		assertThat(this.graph.statuses()).containsOnlyKeys("cfg-1/42", "cfg-1/12345678901234567890", "cfg-1/dcs-hidden",
				"cfg-1/dcs-merged-1", "cfg-1/dcs-merged-2");
		assertThat(this.graph.statuses().get("cfg-1/42").path("deviceDisplayName").asString()).isEqualTo("7.00");
		assertThat(this.graph.statuses().get("cfg-1/42").path("status").asString()).isEqualTo("error");
		assertThat(this.graph.statuses().get("cfg-1/12345678901234567890").path("deviceDisplayName").asString())
			.isEqualTo("LAPTOP-12345678901234567890");
		assertThat(this.graph.statuses().get("cfg-1/12345678901234567890").path("status").asString())
			.isEqualTo("nonCompliant");
		assertThat(this.graph.statuses().get("cfg-1/dcs-merged-1").path("deviceDisplayName").asString())
			.isEqualTo("Shared desk");
		assertThat(this.graph.lastPatch("cfg-1/dcs-merged-2").has("deviceDisplayName")).isFalse();
	}

	@Test
	void dateCellsAreLocalTimesInTheTimeZoneGivenAndAreSentInUtc() throws Exception {
		Path input = copyOf("kinds-of-cells.xlsx");

		CommandRun run = this.workspace.importInto(this.graph, input, "--time-zone", "Europe/Berlin");

		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		assertThat(this.graph.statuses().get("cfg-1/dcs-text").path("lastReportedDateTime").asString())
			.isEqualTo("2026-11-28T13:05:00Z");
		assertThat(this.graph.statuses()).as("29.03.2026 02:30 does not exist in Berlin: the clocks went forward")
			.doesNotContainKey("cfg-1/dcs-gap");
	}

	@Test
	void aSheetChosenByNameIsImportedWholeWithItsHeaderWhereverItStands() throws Exception {
		Path input = this.dir.resolve("devices.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			workbook.createSheet("Notes").createRow(0).createCell(0).setCellValue("read me");
			XSSFSheet sheet = workbook.createSheet("Devices");
			String[][] rows = { { "id", "status", "deviceDisplayName" }, { "dcs-1", "compliant", "Laptop 1" },
					{ "dcs-2", "conflict", "Laptop 2" } };
			for (int r = 0; r < rows.length; r++) {
				XSSFRow row = sheet.createRow(r + 4);
				for (int c = 0; c < rows[r].length; c++) {
					row.createCell(c).setCellValue(rows[r][c]);
				}
			}
			try (OutputStream out = Files.newOutputStream(input)) {
				workbook.write(out);
			}
		}

		CommandRun run = this.workspace.importInto(this.graph, input, "--sheet", "devices", "--configuration-id", "cfg-7");

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(this.graph.statuses()).containsOnlyKeys("cfg-7/dcs-1", "cfg-7/dcs-2");
		assertThat(this.graph.statuses().get("cfg-7/dcs-2").path("status").asString()).isEqualTo("conflict");
		assertThat(this.graph.statuses().get("cfg-7/dcs-1").path("deviceDisplayName").asString()).isEqualTo("Laptop 1");
	}

	@Test
	void theReportOfTheSecondSheetIsReadBackWithTheSameSheetOptionOrWithoutOne() throws Exception {
		Path input = this.dir.resolve("devices.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			workbook.createSheet("Notes").createRow(0).createCell(0).setCellValue("read me");
			XSSFSheet sheet = workbook.createSheet("Data");
			String[][] rows = { { "id", "status" }, { "dcs-1", "compliant" }, { "dcs-2", "nope" } };
			for (int r = 0; r < rows.length; r++) {
				XSSFRow row = sheet.createRow(r);
				for (int c = 0; c < rows[r].length; c++) {
					row.createCell(c).setCellValue(rows[r][c]);
				}
			}
			try (OutputStream out = Files.newOutputStream(input)) {
				workbook.write(out);
			}
		}
		assertThat(this.workspace.importInto(this.graph, input, "--sheet", "2", "--configuration-id", "cfg-7")
			.exitCode()).isEqualTo(1);
		Path report = Workspace.reportOf(input);

		for (String[] sheetOption : new String[][] { { "--sheet", "2" }, { "--sheet", "Data" }, {} }) {
			Path fedBack = Files.copy(report, this.dir.resolve("fed-back-" + sheetOption.length
					+ (sheetOption.length > 0 ? sheetOption[1] : "") + ".xlsx"));
			String[] args = new String[sheetOption.length + 2];
			System.arraycopy(sheetOption, 0, args, 0, sheetOption.length);
			args[sheetOption.length] = "--configuration-id";
			args[sheetOption.length + 1] = "cfg-7";

			CommandRun again = this.workspace.importInto(this.graph, fedBack, args);

			assertThat(again.exitCode()).as(String.join(" ", sheetOption) + ": " + again.output()).isEqualTo(1);
			assertThat(again.out()).contains("rows read      1");
		}
		assertThat(this.graph.statuses()).containsOnlyKeys("cfg-7/dcs-1");
	}

	@Test
	void aCoverSheetReadByDefaultIsNamedWithTheOtherSheetsAndTheOption() throws Exception {
		Path input = this.dir.resolve("devices.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			workbook.createSheet("Read me").createRow(0).createCell(0).setCellValue("just notes");
			XSSFRow header = workbook.createSheet("Data").createRow(0);
			header.createCell(0).setCellValue("id");
			try (OutputStream out = Files.newOutputStream(input)) {
				workbook.write(out);
			}
		}

		CommandRun run = this.workspace.importInto(this.graph, input);

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("unknown column 'just notes'")
			.contains("This is sheet 1 'Read me'; when the rows are on another, give --sheet: the sheets are"
					+ " 1 'Read me', 2 'Data'.");
		assertThat(this.graph.statuses()).isEmpty();
	}

	@Test
	void anIdTypedAsANumberWithMoreDigitsThanACellKeepsIsRefusedNotRoundedAndSent() throws Exception {
		Path input = this.dir.resolve("devices.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			XSSFSheet sheet = workbook.createSheet("Data");
			XSSFRow header = sheet.createRow(0);
			header.createCell(0).setCellValue("id");
			header.createCell(1).setCellValue("status");
			XSSFRow rounded = sheet.createRow(1);
			rounded.createCell(0).setCellValue(12345678901234567890d);
			rounded.createCell(1).setCellValue("compliant");
			XSSFRow kept = sheet.createRow(2);
			kept.createCell(0).setCellValue(123456789012345d);
			kept.createCell(1).setCellValue("compliant");
			try (OutputStream out = Files.newOutputStream(input)) {
				workbook.write(out);
			}
		}

		CommandRun run = this.workspace.importInto(this.graph, input, "--configuration-id", "cfg-7");

		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		assertThat(this.graph.statuses()).containsOnlyKeys("cfg-7/123456789012345");
		assertThat(Files.exists(Workspace.reportOf(input))).isTrue();
	}

	@Test
	void aReportNamedForAnotherFormatIsRefusedBeforeAnythingIsReadOrReplaced() throws Exception {
		Path input = copyOf("kinds-of-cells.xlsx");
		Path other = Files.writeString(this.dir.resolve("keep.csv"), "id,status\n");

		CommandRun run = this.workspace.importInto(this.graph, input, "--report", other.toString());

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("--report " + other + " is named as delimited text (.csv, .tsv, .txt), but the"
				+ " report is written in the input's format, a workbook (.xlsx); name it .xlsx, or leave --report out");
		assertThat(Files.readString(other)).isEqualTo("id,status\n");
		assertThat(this.graph.statuses()).isEmpty();
	}

	@Test
	void aPersonsOwnHeadersOnTheSheetAreMappedAsInACsvFile() throws Exception {
		Path input = this.dir.resolve("own-headers.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			XSSFSheet sheet = workbook.createSheet("Devices");
			XSSFRow header = sheet.createRow(1);
			header.createCell(0).setCellValue("Device ID");
			header.createCell(1).setCellValue("Status");
			XSSFRow row = sheet.createRow(2);
			row.createCell(0).setCellValue("dcs-1");
			row.createCell(1).setCellValue("Non-compliant");
			try (OutputStream out = Files.newOutputStream(input)) {
				workbook.write(out);
			}
		}

		CommandRun unmapped = this.workspace.importInto(this.graph, input, "--configuration-id", "cfg-1");
		CommandRun mapped = this.workspace.importInto(this.graph, input, "--configuration-id", "cfg-1", "--map",
				"Device ID=id");

		assertThat(unmapped.exitCode()).isEqualTo(3);
		assertThat(unmapped.err()).as("the header's row, as Excel shows it")
			.contains(input + ", line 2: unknown column 'Device ID'");
		assertThat(mapped.exitCode()).as(mapped.output()).isZero();
		assertThat(this.graph.statuses().get("cfg-1/dcs-1").path("status").asString()).isEqualTo("nonCompliant");
	}

	@Test
	void aRunStoppedOnOneSheetIsNotResumedOnAnother() throws Exception {
		Path input = this.dir.resolve("two-sheets.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			XSSFSheet first = workbook.createSheet("First");
			XSSFSheet second = workbook.createSheet("Second");
			for (XSSFSheet sheet : new XSSFSheet[] { first, second }) {
				XSSFRow header = sheet.createRow(0);
				header.createCell(0).setCellValue("id");
				header.createCell(1).setCellValue("status");
				for (int i = 1; i <= 4; i++) {
					XSSFRow row = sheet.createRow(i);
					row.createCell(0).setCellValue(sheet.getSheetName().toLowerCase() + "-" + i);
					row.createCell(1).setCellValue(sheet == first ? "wrong" : "compliant");
				}
			}
			try (OutputStream out = Files.newOutputStream(input)) {
				workbook.write(out);
			}
		}

		CommandRun stopped = this.workspace.importInto(this.graph, input, "--sheet", "1", "--configuration-id", "cfg-1",
				"--max-failures", "0", "--chunk-size", "2");
		CommandRun other = this.workspace.importInto(this.graph, input, "--sheet", "Second", "--configuration-id",
				"cfg-1", "--max-failures", "0", "--chunk-size", "2");

		assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(2);
		assertThat(other.exitCode()).as(other.output()).isZero();
		assertThat(other.out()).doesNotContain("Resuming");
		assertThat(this.graph.statuses()).containsOnlyKeys("cfg-1/second-1", "cfg-1/second-2", "cfg-1/second-3",
				"cfg-1/second-4");
	}

	@Test
	void aWorkbookThatCannotBeReadStopsTheRunBeforeAnythingIsSent() throws Exception {
		CommandRun ods = this.workspace.importInto(this.graph, copyOf("kinds-of-cells.ods"), "--format", "xlsx");
		CommandRun xls = this.workspace.importInto(this.graph, copyOf("kinds-of-cells.xls"), "--format", "xlsx");
		CommandRun noSheet = this.workspace.importInto(this.graph, copyOf("kinds-of-cells.xlsx"), "--sheet", "Devices");

		assertThat(ods.exitCode()).isEqualTo(3);
		assertThat(ods.err()).contains("is an OpenDocument spreadsheet (.ods)").doesNotContain("Exception");
		assertThat(xls.exitCode()).isEqualTo(3);
		assertThat(xls.err()).contains("is an Excel 97-2003 workbook (.xls)");
		assertThat(noSheet.exitCode()).isEqualTo(3);
		assertThat(noSheet.err()).contains("has no sheet named 'Devices'; the sheets are 1 'Statuses', 2 'Second sheet'");
		assertThat(this.graph.requests()).isZero();
	}

	@Test
	void aWorkbookNamedAsCsvIsNamedForWhatItIs() throws Exception {
		Path input = this.dir.resolve("statuses.csv");
		Files.copy(copyOf("kinds-of-cells.xlsx"), input);

		CommandRun run = this.workspace.importInto(this.graph, input);

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains(input + " is an Excel workbook, not text; name it .xlsx or give --format xlsx");
		assertThat(this.graph.requests()).isZero();
	}

	@Test
	void aSheetForTextInputIsAMistakeToPointOut() {
		Path input = this.workspace.write("statuses.csv", "deviceConfigurationId,id,status\ncfg-1,dcs-1,compliant\n");

		CommandRun run = this.workspace.importInto(this.graph, input, "--sheet", "2");

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("--sheet is for workbooks (.xlsx), and " + input + " is read as csv; leave"
				+ " --sheet out, or give a workbook");
		assertThat(this.graph.requests()).isZero();
	}

}
