package com.example.intune.statusimport.report;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.input.ColumnMapping;
import com.example.intune.statusimport.input.InputFile;
import com.example.intune.statusimport.input.InputFormat;
import com.example.intune.statusimport.input.TextOptions;
import com.example.intune.statusimport.validation.RowValidation;

import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.DEVICE_DISPLAY_NAME;
import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.DEVICE_MODEL;
import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.LAST_REPORTED_DATE_TIME;
import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.STATUS;
import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.USER_NAME;
import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.USER_PRINCIPAL_NAME;
import static com.example.intune.statusimport.report.Rollbacks.before;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollback file on its own: its shape in each format, and that importing it, read and validated as the job reads
 * and validates, sends exactly what Graph held before; what a format cannot restore is named in the row.
 */
class RollbackFileTests {

	private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	private static final ColumnMapping STATUS_ID = ColumnMapping.of(List.of("Device ID=id"), null);

	@TempDir
	Path dir;

	private InputFile input(String name, byte[] content, ColumnMapping mapping, TextOptions options) throws Exception {
		Path file = Files.write(this.dir.resolve(name), content);
		return InputFile.inspect(file, InputFormat.forFileName(file).orElseThrow(), mapping, options);
	}

	private static Map<DeviceStatusProperty, String> changes(RowValidation imported) {
		assertThat(imported.isValid()).as(imported.problem()).isTrue();
		return imported.update().changes();
	}

	@Nested
	class Delimited {

		@Test
		void theInputsColumnsAndDialectHoldWhatGraphHeldAndImportingItSendsExactlyThat() throws Exception {
			InputFile input = input("statuses.csv", ("Device ID;deviceConfigurationId;status;deviceModel;"
					+ "deviceDisplayName;_note\r\ndcs-1;cfg-1;compliant;Neu;Kasse 6;eine Notiz\r\n"
					+ "dcs-2;;compliant;;-neu;\r\n").getBytes(WINDOWS_1252), STATUS_ID,
					new TextOptions(WINDOWS_1252, null));
			Path path = RollbackFileTests.this.dir.resolve("statuses.rollback.csv");

			new Rollbacks.Run(input, path, true, new ExecutionContext())
				.applied(0, before(STATUS, "nonCompliant", DEVICE_MODEL, "Kasse 5 \u20ac M\u00fcller",
						DEVICE_DISPLAY_NAME, null))
				.applied(1, before(STATUS, "error", DEVICE_DISPLAY_NAME, "-alt"))
				.commit()
				.end(BatchStatus.COMPLETED);

			byte[] bytes = Files.readAllBytes(path);
			assertThat(new String(bytes, WINDOWS_1252)).isEqualTo("Device ID;deviceConfigurationId;status;deviceModel;"
					+ "deviceDisplayName;_note;_line;_rollback_note\r\n"
					+ "dcs-1;cfg-1;nonCompliant;Kasse 5 \u20ac M\u00fcller;;;2;deviceDisplayName was empty before this"
					+ " run, and an empty cell leaves a property as it is: clear it in Intune by hand\r\n"
					+ "dcs-2;cfg-default;error;;'-alt;;3;\r\n");
			assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).as("the euro sign is 0x80 in windows-1252")
				.contains(";Kasse 5 \u0080 M\u00fcller;");
			// read back with the same options, without --configuration-id: the row that took it names it
			List<RowValidation> imported = Rollbacks.imported(InputFile.inspect(path, InputFormat.CSV, STATUS_ID,
					new TextOptions(WINDOWS_1252, null)), null);
			assertThat(imported).hasSize(2);
			assertThat(imported.get(0).update().id()).isEqualTo("dcs-1");
			assertThat(imported.get(0).update().deviceConfigurationId()).isEqualTo("cfg-1");
			assertThat(changes(imported.get(0))).isEqualTo(Map.of(STATUS, "nonCompliant", DEVICE_MODEL,
					"Kasse 5 \u20ac M\u00fcller"));
			assertThat(imported.get(1).update().deviceConfigurationId()).isEqualTo("cfg-default");
			assertThat(changes(imported.get(1))).isEqualTo(Map.of(STATUS, "error", DEVICE_DISPLAY_NAME, "-alt"));
		}

		@Test
		void aFileWithoutAConfigurationColumnGetsOneAndItsByteOrderMarkAgain() throws Exception {
			InputFile input = input("in.csv", "\uFEFFid,userName,lastReportedDateTime\ndcs-1,neu@x.de,2026-11-30T10:00:00+01:00\n"
				.getBytes(StandardCharsets.UTF_8), ColumnMapping.NONE, TextOptions.DETECT);
			Path path = RollbackFileTests.this.dir.resolve("in.rollback.csv");

			new Rollbacks.Run(input, path, true, new ExecutionContext(), "cfg-d")
				.applied(0, before(USER_NAME, "alt", LAST_REPORTED_DATE_TIME, "2026-11-28T09:30:00.1234567Z"))
				.commit()
				.end(BatchStatus.COMPLETED);

			byte[] bytes = Files.readAllBytes(path);
			assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF, 'i', 'd');
			assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("\uFEFFid,userName,lastReportedDateTime,"
					+ "deviceConfigurationId,_line,_rollback_note\r\ndcs-1,alt,2026-11-28T09:30:00.1234567Z,cfg-d,2,\r\n");
			RowValidation imported = Rollbacks.imported(InputFile.inspect(path, InputFormat.CSV), null).get(0);
			assertThat(imported.update().deviceConfigurationId()).isEqualTo("cfg-d");
			assertThat(changes(imported)).isEqualTo(Map.of(USER_NAME, "alt", LAST_REPORTED_DATE_TIME,
					"2026-11-28T09:30:00.1234567Z"));
		}

		@Test
		void aUtf16TabSeparatedFileRoundTripsEveryCharacter() throws Exception {
			InputFile input = input("in.txt", "\uFEFFid\tdeviceDisplayName\r\ndcs-1\tneu\r\n"
				.getBytes(StandardCharsets.UTF_16LE), ColumnMapping.NONE, TextOptions.DETECT);
			Path path = RollbackFileTests.this.dir.resolve("in.rollback.txt");

			new Rollbacks.Run(input, path, true, new ExecutionContext())
				.applied(0, before(DEVICE_DISPLAY_NAME, "\u8bbe\u5907 \uD83D\uDE00"))
				.commit()
				.end(BatchStatus.COMPLETED);

			assertThat(Files.readAllBytes(path)).startsWith(0xFF, 0xFE, 'i', 0, 'd', 0, '\t', 0);
			RowValidation imported = Rollbacks.imported(InputFile.inspect(path, InputFormat.CSV), "cfg-default").get(0);
			assertThat(changes(imported)).isEqualTo(Map.of(DEVICE_DISPLAY_NAME, "\u8bbe\u5907 \uD83D\uDE00"));
		}

		@Test
		void aValueTheFileCannotRestoreIsNamedInTheRowAndTheRestOfTheRowStillRestores() throws Exception {
			InputFile input = input("in.csv", ("id;status;deviceModel;deviceDisplayName;userName;userPrincipalName;"
					+ "lastReportedDateTime\r\ndcs-1;compliant;Neu;Neu;neu;neu@x.de;2026-11-30T10:00:00Z\r\n")
				.getBytes(WINDOWS_1252), ColumnMapping.NONE, new TextOptions(WINDOWS_1252, null));
			Path path = RollbackFileTests.this.dir.resolve("in.rollback.csv");

			new Rollbacks.Run(input, path, true, new ExecutionContext())
				.applied(0, before(STATUS, null, DEVICE_MODEL, "\u8bbe\u5907", DEVICE_DISPLAY_NAME, "  padded  ",
						USER_NAME, "", USER_PRINCIPAL_NAME, "'=x@y.de", LAST_REPORTED_DATE_TIME, "2026-01-01T00:00:00Z"))
				.commit()
				.end(BatchStatus.COMPLETED);

			List<RowValidation> imported = Rollbacks.imported(InputFile.inspect(path, InputFormat.CSV,
					ColumnMapping.NONE, new TextOptions(WINDOWS_1252, null)), "cfg-default");
			assertThat(changes(imported.get(0))).isEqualTo(Map.of(LAST_REPORTED_DATE_TIME, "2026-01-01T00:00:00Z"));
			String note = new String(Files.readAllBytes(path), WINDOWS_1252).lines().toList().get(1);
			assertThat(note).startsWith("dcs-1;;;;;;2026-01-01T00:00:00Z;cfg-default;2;")
				.contains("status had no value before this run, and Graph cannot clear it: it keeps the value this run"
						+ " set")
				.contains("deviceModel was '??' before this run, which the file's encoding, windows-1252, cannot hold:"
						+ " set it in Intune by hand")
				.contains("deviceDisplayName was '  padded  ' before this run, which an import would send as"
						+ " 'padded': set it in Intune by hand")
				.contains("userName was empty before this run, and an empty cell leaves a property as it is: clear it"
						+ " in Intune by hand")
				.contains("userPrincipalName was ''=x@y.de' before this run, which a CSV cell cannot hold as it is");
		}

		@Test
		void aValueTheImportRefusesIsLeftOutWithTheImportsOwnReason() throws Exception {
			InputFile input = input("in.csv", "id,deviceDisplayName,status\ndcs-1,Neu,compliant\n"
				.getBytes(StandardCharsets.UTF_8), ColumnMapping.NONE, TextOptions.DETECT);
			Path path = RollbackFileTests.this.dir.resolve("in.rollback.csv");

			new Rollbacks.Run(input, path, true, new ExecutionContext())
				.applied(0, before(DEVICE_DISPLAY_NAME, "Zeile\u0001zwei", STATUS, "conflict"))
				.commit()
				.end(BatchStatus.COMPLETED);

			assertThat(Files.readAllLines(path).get(1)).isEqualTo("dcs-1,,conflict,cfg-default,2,\"deviceDisplayName"
					+ " was 'Zeile\\u0001zwei' before this run, which an import refuses (deviceDisplayName:"
					+ " 'Zeile\\u0001zwei' contains a control character (U+0001 at position 6), such as a line break or"
					+ " tab, remove it): set it in Intune by hand\"");
			assertThat(changes(Rollbacks.imported(InputFile.inspect(path, InputFormat.CSV), "cfg-default").get(0)))
				.isEqualTo(Map.of(STATUS, "conflict"));
		}

		@Test
		void aRowWhoseBeforeWasNotReadSaysSoAndChangesNothingWhenImported() throws Exception {
			InputFile input = input("in.csv", "id,status\ndcs-1,compliant\n".getBytes(StandardCharsets.UTF_8),
					ColumnMapping.NONE, TextOptions.DETECT);
			Path path = RollbackFileTests.this.dir.resolve("in.rollback.csv");

			new Rollbacks.Run(input, path, true, new ExecutionContext()).applied(0, Map.of())
				.commit()
				.end(BatchStatus.COMPLETED);

			assertThat(Files.readAllLines(path).get(1)).isEqualTo("dcs-1,,cfg-default,2,\"what Graph held before this"
					+ " row was applied was not read (--compare recorded or none), so this row cannot undo it\"");
			assertThat(Rollbacks.imported(InputFile.inspect(path, InputFormat.CSV), "cfg-default").get(0).problem())
				.startsWith("the row changes nothing");
		}

	}

	@Nested
	class Ndjson {

		@Test
		void eachLineKeepsItsKeysAsReadAndANullClearsWhatWasEmpty() throws Exception {
			InputFile input = input("in.ndjson", ("{\"Device ID\":\"dcs-1\",\"deviceModel\":\"neu\",\"userName\":\"neu\","
					+ "\"status\":\"compliant\",\"_note\":\"x\"}\n{\"deviceConfigurationId\":\"cfg-2\",\"id\":\"dcs-2\","
					+ "\"userName\":\"neu\"}\n").getBytes(StandardCharsets.UTF_8), STATUS_ID, TextOptions.DETECT);
			Path path = RollbackFileTests.this.dir.resolve("in.rollback.ndjson");

			new Rollbacks.Run(input, path, true, new ExecutionContext(), "cfg-d")
				.applied(0, before(DEVICE_MODEL, "alt", USER_NAME, null, STATUS, null))
				.applied(1, before(USER_NAME, ""))
				.commit()
				.end(BatchStatus.COMPLETED);

			assertThat(Files.readString(path)).isEqualTo("{\"Device ID\":\"dcs-1\",\"deviceModel\":\"alt\","
					+ "\"userName\":null,\"deviceConfigurationId\":\"cfg-d\",\"_line\":1,\"_rollback_note\":\"status had"
					+ " no value before this run, and Graph cannot clear it: it keeps the value this run set\"}\n"
					+ "{\"deviceConfigurationId\":\"cfg-2\",\"id\":\"dcs-2\",\"userName\":\"\",\"_line\":2}\n");
			List<RowValidation> imported = Rollbacks.imported(InputFile.inspect(path, InputFormat.NDJSON, STATUS_ID),
					null);
			assertThat(imported.get(0).update().deviceConfigurationId()).isEqualTo("cfg-d");
			Map<DeviceStatusProperty, String> expected = new java.util.EnumMap<>(DeviceStatusProperty.class);
			expected.put(DEVICE_MODEL, "alt");
			expected.put(USER_NAME, null);
			assertThat(changes(imported.get(0))).isEqualTo(expected);
			assertThat(changes(imported.get(1))).isEqualTo(Map.of(USER_NAME, ""));
		}

	}

	@Nested
	class Workbook {

		/** The second sheet, its header on row 3, the status id typed as a number under the person's own header. */
		private InputFile workbook() throws Exception {
			Path file = RollbackFileTests.this.dir.resolve("statuses.xlsx");
			try (XSSFWorkbook workbook = new XSSFWorkbook()) {
				workbook.createSheet("Notes").createRow(0).createCell(0).setCellValue("read me");
				XSSFSheet sheet = workbook.createSheet("Statuses");
				XSSFRow header = sheet.createRow(2);
				String[] names = { "Status ID", "status", "deviceModel", "_note" };
				for (int i = 0; i < names.length; i++) {
					header.createCell(i).setCellValue(names[i]);
				}
				XSSFRow row = sheet.createRow(3);
				row.createCell(0).setCellValue(12345);
				row.createCell(1).setCellValue("compliant");
				row.createCell(2).setCellValue("Neu");
				row.createCell(3).setCellValue("n");
				try (OutputStream out = Files.newOutputStream(file)) {
					workbook.write(out);
				}
			}
			return InputFile.inspect(file, InputFormat.XLSX, ColumnMapping.of(List.of("Status ID=id"), null),
					TextOptions.DETECT, "Statuses");
		}

		@Test
		void theSheetKeepsItsNameAndNumberTheKeyCellItsTypeAndImportingItSendsWhatGraphHeld() throws Exception {
			InputFile input = workbook();
			Path path = RollbackFileTests.this.dir.resolve("statuses.rollback.xlsx");

			new Rollbacks.Run(input, path, true, new ExecutionContext(), "cfg-d")
				.applied(0, before(STATUS, "nonCompliant", DEVICE_MODEL, null))
				.commit()
				.end(BatchStatus.COMPLETED);

			assertThat(JournaledWorkbook.journalOf(path)).as("removed once the run completed").doesNotExist();
			try (XSSFWorkbook written = WorkbookReports.read(path)) {
				assertThat(written.getSheetName(1)).isEqualTo("Statuses");
				XSSFRow row = written.getSheetAt(1).getRow(1);
				assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
				assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(12345);
				assertThat(row.getCell(6).getStringCellValue()).isEqualTo("deviceModel was empty before this run, and"
						+ " an empty cell leaves a property as it is: clear it in Intune by hand");
			}
			InputFile rollback = InputFile.inspect(path, InputFormat.XLSX, ColumnMapping.of(List.of("Status ID=id"),
					null), TextOptions.DETECT, "Statuses");
			assertThat(rollback.layout().columns()).containsExactly("Status ID", "status", "deviceModel", "_note",
					"deviceConfigurationId", "_line", "_rollback_note");
			RowValidation imported = Rollbacks.imported(rollback, null).get(0);
			assertThat(imported.update().id()).isEqualTo("12345");
			assertThat(imported.update().deviceConfigurationId()).isEqualTo("cfg-d");
			assertThat(changes(imported)).isEqualTo(Map.of(STATUS, "nonCompliant"));
		}

		@Test
		void rowsOfAChunkThatNeverCommittedAreNotInTheWorkbook() throws Exception {
			InputFile input = workbook();
			Path path = RollbackFileTests.this.dir.resolve("statuses.rollback.xlsx");

			new Rollbacks.Run(input, path, true, new ExecutionContext()).applied(0, before(STATUS, "error"))
				.commit()
				.applied(0, before(STATUS, "rolled back"))
				.end(BatchStatus.FAILED);

			List<List<String>> shown = WorkbookReports.shown(path, 1);
			assertThat(shown).hasSize(2);
			assertThat(shown.get(1)).startsWith("12345", "error");
			assertThat(JournaledWorkbook.journalOf(path)).as("kept for the resumed run").exists();
		}

		@Test
		void aWorkbookAtTheGivenPathIsNeverWrittenOver() throws Exception {
			InputFile input = workbook();
			Path path = Files.writeString(RollbackFileTests.this.dir.resolve("taken.xlsx"), "someone's workbook");

			org.assertj.core.api.Assertions
				.assertThatThrownBy(() -> new Rollbacks.Run(input, path, true, new ExecutionContext()))
				.hasMessage("the rollback file " + path + " already exists, and this run did not write it: a run never"
						+ " writes over another run's rollback file. Give --rollback with a path where no file is, or"
						+ " move that file away.");
			assertThat(Files.readString(path)).isEqualTo("someone's workbook");
		}

	}

}
