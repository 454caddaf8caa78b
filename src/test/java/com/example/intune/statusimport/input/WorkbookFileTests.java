package com.example.intune.statusimport.input;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.intune.statusimport.support.HandWrittenWorkbook;

import static com.example.intune.statusimport.input.SheetRowsTests.inline;
import static com.example.intune.statusimport.input.XlsxRowReaderTests.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the check before the job finds in a workbook (the sheet, its header and rows, the hash), and what it refuses,
 * each with what to do: a missing sheet, an empty one, and files that are not .xlsx workbooks.
 */
class WorkbookFileTests {

	private static final String SAVE_AS = "save it as \"Excel Workbook (.xlsx)\" and import that";

	@TempDir
	Path dir;

	private static InputFile inspect(Path file, String sheet) {
		return InputFile.inspect(file, InputFormat.XLSX, ColumnMapping.NONE, TextOptions.DETECT, sheet);
	}

	@Test
	void theFirstSheetIsReadWithItsHeaderItsRowsAndTheHashOfTheFile() throws Exception {
		Path file = fixture("kinds-of-cells.xlsx");

		InputFile input = inspect(file, null);

		assertThat(input.format()).isEqualTo(InputFormat.XLSX);
		assertThat(input.sheet()).isEqualTo(new WorkbookSheet("Statuses", 1, 3));
		assertThat(input.layout().columns()).containsExactly("deviceConfigurationId", "id", "deviceDisplayName",
				"status", "lastReportedDateTime", "_notes");
		assertThat(input.expectedRows()).isEqualTo(10);
		assertThat(input.sha256()).isEqualTo(HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
	}

	@Nested
	class Sheets {

		private final Path file = fixture("kinds-of-cells.xlsx");

		@Test
		void aNameThatIsNoSheetListsTheSheets() {
			assertThatThrownBy(() -> inspect(this.file, "Devices")).isInstanceOf(InputProblem.class)
				.hasMessage(this.file + " has no sheet named 'Devices'; the sheets are 1 'Statuses', 2 'Second sheet'."
						+ " Give --sheet with a name or a number.");
		}

		@Test
		void aNumberPastTheLastSheetSaysHowManyThereAre() {
			assertThatThrownBy(() -> inspect(this.file, "3"))
				.hasMessage(this.file + " has 2 sheets, so there is no sheet number 3; the sheets are 1 'Statuses', 2"
						+ " 'Second sheet'. Give --sheet with a name or a number.");
			assertThatThrownBy(() -> inspect(this.file, "0")).hasMessageContaining("there is no sheet number 0");
		}

		@Test
		void aSheetNamedWithDigitsIsFoundByItsNameBeforeItsNumber() {
			Path file = new HandWrittenWorkbook().sheet("2026", "<row r=\"1\">" + inline("A1", "id") + "</row>")
				.sheet("Other", "<row r=\"1\">" + inline("A1", "id") + inline("B1", "status") + "</row>")
				.write(WorkbookFileTests.this.dir.resolve("statuses.xlsx"));

			assertThat(inspect(file, "2026").sheet().number()).isEqualTo(1);
			assertThat(inspect(file, "2").sheet().name()).isEqualTo("Other");
		}

		@Test
		void aChartSheetHoldsNoRows() {
			Path file = new HandWrittenWorkbook().chartSheet("Chart")
				.sheet("Data", "<row r=\"1\">" + inline("A1", "id") + "</row>")
				.write(WorkbookFileTests.this.dir.resolve("statuses.xlsx"));

			assertThatThrownBy(() -> inspect(file, null)).hasMessage(file + ": sheet 1 'Chart' is a chartsheet, which"
					+ " holds no rows; the sheets are 1 'Chart', 2 'Data'. Give --sheet with a name or a number.");
			assertThat(inspect(file, "Data").sheet().number()).isEqualTo(2);
		}

		@Test
		void anEmptySheetMustNameTheColumnsInItsFirstRow() {
			Path file = new HandWrittenWorkbook().sheet("Data", "<row r=\"4\"><c r=\"B4\" s=\"0\"/></row>")
				.write(WorkbookFileTests.this.dir.resolve("statuses.xlsx"));

			assertThatThrownBy(() -> inspect(file, null)).hasMessage(file + ", sheet 'Data' is empty: its first row must"
					+ " name the columns, for example deviceConfigurationId, id, status");
		}

		@Test
		void anUnknownColumnIsAHeaderProblemNamingTheHeadersRow() {
			Path file = new HandWrittenWorkbook()
				.sheet("Data", "<row r=\"2\">" + inline("A2", "id") + inline("B2", "Device Status") + "</row>")
				.write(WorkbookFileTests.this.dir.resolve("statuses.xlsx"));

			assertThat(inspect(file, null).headerProblem()).startsWith(file + ", line 2: unknown column 'Device Status'");
		}

	}

	@Nested
	class NotAnXlsxWorkbook {

		@Test
		void anOpenDocumentSpreadsheetIsNamedWithHowToSaveItAsXlsx() {
			Path file = fixture("kinds-of-cells.ods");
			assertThatThrownBy(() -> inspect(file, null)).hasMessage(file + " is an OpenDocument spreadsheet (.ods);"
					+ " open it in LibreOffice and save it as \"Excel 2007-365 (.xlsx)\", then import that");
		}

		@Test
		void anExcel97WorkbookIsNamedWithHowToSaveItAsXlsx() {
			Path file = fixture("kinds-of-cells.xls");
			assertThatThrownBy(() -> inspect(file, null)).hasMessage(file + " is an Excel 97-2003 workbook (.xls); open"
					+ " it in Excel or LibreOffice, " + SAVE_AS);
		}

		@Test
		void aWorkbookProtectedWithAPasswordSaysHowToRemoveIt() throws Exception {
			Path file = WorkbookFileTests.this.dir.resolve("statuses.xlsx");
			try (POIFSFileSystem container = new POIFSFileSystem()) {
				Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
				encryptor.confirmPassword("secret");
				try (OutputStream out = encryptor.getDataStream(container)) {
					Files.copy(fixture("kinds-of-cells.xlsx"), out);
				}
				try (OutputStream out = Files.newOutputStream(file)) {
					container.writeFilesystem(out);
				}
			}
			assertThatThrownBy(() -> inspect(file, null)).hasMessage(file + " is protected with a password, so it cannot"
					+ " be read; open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with"
					+ " Password, clear it), save it and import that");
		}

		@Test
		void aBinaryWorkbookIsNamedWithHowToSaveItAsXlsx() throws IOException {
			Path file = zip("statuses.xlsx", "[Content_Types].xml", "xl/workbook.bin");
			assertThatThrownBy(() -> inspect(file, null)).hasMessage(file + " is an Excel binary workbook (.xlsb); open"
					+ " it in Excel and " + SAVE_AS);
		}

		@Test
		void aZipThatIsNoOfficeFileIsNamedAsSuch() throws IOException {
			Path file = zip("statuses.xlsx", "statuses.csv");
			assertThatThrownBy(() -> inspect(file, null)).hasMessage(file + " is a zip file but not an Excel workbook (it"
					+ " has no [Content_Types].xml part)");
		}

		@Test
		void anotherOfficeDocumentIsNamedByItsMainPart() throws IOException {
			Path file = WorkbookFileTests.this.dir.resolve("letter.xlsx");
			try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
				put(out, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
						+ "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
						+ "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-"
						+ "officedocument.wordprocessingml.document.main+xml\"/></Types>");
				put(out, "_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
						+ "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
						+ "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
				put(out, "word/document.xml", "<document/>");
			}
			assertThatThrownBy(() -> inspect(file, null)).hasMessage(file + " is an Office document but not a workbook"
					+ " (its main part is /word/document.xml); give an Excel workbook (.xlsx)");
		}

		@Test
		void aStrictOpenXmlWorkbookIsNamedWithHowToSaveItAsAnOrdinaryOne() throws IOException {
			Path file = WorkbookFileTests.this.dir.resolve("strict.xlsx");
			try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
				put(out, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
						+ "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
						+ "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-"
						+ "officedocument.spreadsheetml.sheet.main+xml\"/></Types>");
				put(out, "_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
						+ "<Relationship Id=\"rId1\" Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/"
						+ "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
				put(out, "xl/workbook.xml", "<workbook xmlns=\"http://purl.oclc.org/ooxml/spreadsheetml/main\"/>");
			}
			assertThatThrownBy(() -> inspect(file, null)).hasMessage(file + " is saved as \"Strict Open XML Spreadsheet\","
					+ " which POI cannot read; open it in Excel and save it as \"Excel Workbook (.xlsx)\", then import that");
		}

		@Test
		void aDamagedZipIsRefusedBeforePoiReadsItIntoMemory() throws IOException {
			byte[] whole = Files.readAllBytes(fixture("kinds-of-cells.xlsx"));
			Path file = WorkbookFileTests.this.dir.resolve("statuses.xlsx");
			Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
			assertThatThrownBy(() -> inspect(file, null)).hasMessageStartingWith(file + " is a damaged zip file (")
				.hasMessageEndingWith("), so it cannot be read as a workbook; if Excel still opens it, " + SAVE_AS);
		}

		@Test
		void aPartTheWorkbookNamesButDoesNotHoldIsADamagedWorkbookNotAnInternalError() throws IOException {
			Path file = WorkbookFileTests.this.dir.resolve("statuses.xlsx");
			try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
					Files.newInputStream(fixture("kinds-of-cells.xlsx")));
					ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
				for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
					if (!entry.getName().equals("xl/styles.xml")) {
						out.putNextEntry(new ZipEntry(entry.getName()));
						in.transferTo(out);
						out.closeEntry();
					}
				}
			}
			assertThatThrownBy(() -> inspect(file, null)).isInstanceOf(InputProblem.class)
				.hasMessageStartingWith(file + ", sheet 'Statuses': the workbook is damaged (")
				.hasMessageEndingWith("); if Excel still opens it, save it again as \"Excel Workbook (.xlsx)\" and"
						+ " import that");
		}

		@Test
		void textNamedAsAWorkbookIsNamedAsText() throws IOException {
			Path file = WorkbookFileTests.this.dir.resolve("statuses.xlsx");
			Files.writeString(file, "id,status\ndcs-1,compliant\n");
			assertThatThrownBy(() -> inspect(file, null)).hasMessage(file + " is not an Excel workbook (.xlsx), which is a"
					+ " zip file; it looks like text: if it is CSV, name it .csv or give --format csv");
		}

		@Test
		void aWorkbookGivenAsCsvIsNamedWithHowToReadItAsAWorkbook() throws IOException {
			Path file = WorkbookFileTests.this.dir.resolve("statuses.csv");
			Files.copy(fixture("kinds-of-cells.xlsx"), file);
			assertThatThrownBy(() -> InputFile.inspect(file, InputFormat.CSV)).hasMessage(file + " is an Excel workbook,"
					+ " not text; name it .xlsx or give --format xlsx");
			Path xls = WorkbookFileTests.this.dir.resolve("old.csv");
			Files.copy(fixture("kinds-of-cells.xls"), xls);
			assertThatThrownBy(() -> InputFile.inspect(xls, InputFormat.CSV)).as("not taken for UTF-16 text")
				.hasMessageContaining("is an Excel 97-2003 workbook (.xls)");
		}

		private Path zip(String name, String... entries) throws IOException {
			Path file = WorkbookFileTests.this.dir.resolve(name);
			try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
				for (String entry : entries) {
					put(out, entry, "<x/>");
				}
			}
			return file;
		}

		private static void put(ZipOutputStream out, String name, String content) throws IOException {
			out.putNextEntry(new ZipEntry(name));
			out.write(content.getBytes(StandardCharsets.UTF_8));
			out.closeEntry();
		}

	}

	@Nested
	class Hostile {

		@Test
		void aSheetThatUnpacksAsOnlyAZipBombDoesIsRefused() {
			String bomb = "<row r=\"1\">" + inline("A1", "id") + "</row>" + "<row/>".repeat(2_000_000);
			Path file = new HandWrittenWorkbook().sheet("Data", bomb).write(WorkbookFileTests.this.dir.resolve("b.xlsx"));

			assertThatThrownBy(() -> inspect(file, null)).hasMessage(file + ", sheet 'Data': a part of the workbook"
					+ " unpacks to more than 100 times its packed size, as only a zip bomb does, so it was not read");
		}

		@Test
		void aValueLargerThanAnyCellIsRefusedBeforeTheParserHoldsIt() {
			String huge = SheetRowsTests.unpredictable(SheetXml.MAX_STEP_BYTES + (1 << 20)); // the parser reads ahead
			Path file = new HandWrittenWorkbook()
				.sheet("Data", "<row r=\"1\">" + inline("A1", "id") + "</row><row r=\"2\"><c r=\"A2\" x=\"" + huge
						+ "\"/></row>")
				.write(WorkbookFileTests.this.dir.resolve("statuses.xlsx"));

			assertThatThrownBy(() -> inspect(file, null)).hasMessage(file + ", sheet 'Data': the workbook is damaged (a"
					+ " single value or tag of more than 16 MB); if Excel still opens it, " + SAVE_AS.replace("save it",
							"save it again"));
		}

		@Test
		void packageDataLargerThanAnyWorkbookHoldsIsRefusedBeforePoiParsesIt() {
			ByteArrayOutputStream relations = new ByteArrayOutputStream();
			byte[] relation = "<Relationship Id=\"rIdX\" Type=\"t\" Target=\"https://example.com/\" TargetMode=\"External\"/>"
				.getBytes(StandardCharsets.UTF_8);
			while (relations.size() <= WorkbookCheck.MAX_PACKAGE_DATA) {
				relations.writeBytes(relation);
			}
			Path file = new HandWrittenWorkbook().sheet("Data", "<row r=\"1\">" + inline("A1", "id") + "</row>")
				.part("xl/worksheets/_rels/sheet1.xml.rels", relations.toByteArray())
				.write(WorkbookFileTests.this.dir.resolve("statuses.xlsx"));

			assertThatThrownBy(() -> inspect(file, null)).hasMessage(file + " holds more package data (relationships,"
					+ " such as hyperlinks, and properties) than the 8 MB this job reads (in"
					+ " xl/worksheets/_rels/sheet1.xml.rels and before); it may be a zip bomb, so it was not read. Save"
					+ " the rows in a new workbook, or as CSV.");
		}

	}

}
