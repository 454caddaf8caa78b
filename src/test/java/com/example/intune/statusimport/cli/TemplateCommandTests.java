package com.example.intune.statusimport.cli;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFDataValidation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.intune.statusimport.devicestatus.ComplianceStatus;
import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.simulator.GraphSimulator;
import com.example.intune.statusimport.simulator.SimulatorSettings;
import com.example.intune.statusimport.support.CommandRun;
import com.example.intune.statusimport.support.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code template}: an empty input to fill in, written as a person and a spreadsheet need it. */
class TemplateCommandTests {

	private static final List<String> COLUMNS = DeviceStatusProperty.acceptedColumnNames();

	@TempDir
	Path dir;

	private static CommandRun template(String... args) {
		List<String> all = new ArrayList<>(List.of("template"));
		all.addAll(List.of(args));
		return CommandRun.run(Map.of(), all.toArray(String[]::new));
	}

	private static XSSFWorkbook read(Path file) throws Exception {
		try (InputStream in = Files.newInputStream(file)) {
			return new XSSFWorkbook(in);
		}
	}

	@Test
	void aWorkbookTemplateHasTheColumnsFrozenAStatusListAndDateTimeAndTextFormats() throws Exception {
		Path file = this.dir.resolve("statuses.xlsx");

		CommandRun run = template(file.toString());

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.out()).contains("Wrote " + file).contains("import --dry-run " + file);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		try (XSSFWorkbook workbook = read(file)) {
			XSSFSheet sheet = workbook.getSheetAt(0);
			List<String> header = new ArrayList<>();
			sheet.getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
			assertThat(header).containsExactlyElementsOf(COLUMNS);
			assertThat(sheet.getLastRowNum()).as("no rows but the header").isZero();
			assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
			assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);

			int status = COLUMNS.indexOf("status");
			List<XSSFDataValidation> validations = sheet.getDataValidations();
			assertThat(validations).hasSize(1);
			XSSFDataValidation list = validations.get(0);
			assertThat(list.getValidationConstraint().getValidationType())
				.isEqualTo(org.apache.poi.ss.usermodel.DataValidationConstraint.ValidationType.LIST);
			assertThat(list.getValidationConstraint().getExplicitListValues())
				.containsExactlyElementsOf(ComplianceStatus.wireNames());
			assertThat(list.getRegions().getCellRangeAddresses()).containsExactly(
					new CellRangeAddress(1, 1_048_575, status, status));
			assertThat(sheet.getCTWorksheet().getDataValidations().getDataValidationArray(0).getShowDropDown())
				.as("showDropDown hides the arrow in Excel")
				.isFalse();
			assertThat(list.getErrorStyle()).isEqualTo(DataValidation.ErrorStyle.WARNING);
			assertThat(list.getEmptyCellAllowed()).isTrue();

			for (String dateColumn : List.of("complianceGracePeriodExpirationDateTime", "lastReportedDateTime")) {
				assertThat(sheet.getColumnStyle(COLUMNS.indexOf(dateColumn)).getDataFormatString()).as(dateColumn)
					.isEqualTo("yyyy-mm-dd hh:mm:ss");
			}
			for (String textColumn : List.of("deviceConfigurationId", "id", "deviceDisplayName", "status")) {
				assertThat(sheet.getColumnStyle(COLUMNS.indexOf(textColumn)).getDataFormatString()).as(textColumn)
					.isEqualTo("@");
			}
		}
	}

	@Test
	void theSecondSheetExplainsEachColumnInTwoParts() throws Exception {
		Path file = this.dir.resolve("statuses.xlsx");

		assertThat(template(file.toString()).exitCode()).isZero();

		try (XSSFWorkbook workbook = read(file)) {
			assertThat(workbook.getNumberOfSheets()).isEqualTo(2);
			assertThat(workbook.getActiveSheetIndex()).isZero();
			XSSFSheet guide = workbook.getSheet("Columns");
			assertThat(texts(guide.getRow(0))).containsExactly("Column", "What it is", "Accepted values");
			for (int i = 0; i < COLUMNS.size(); i++) {
				List<String> row = texts(guide.getRow(i + 1));
				assertThat(row).hasSize(3);
				assertThat(row.get(0)).isEqualTo(COLUMNS.get(i));
				assertThat(row.get(1)).as(COLUMNS.get(i)).isNotBlank().doesNotContain("\n");
				assertThat(row.get(2)).as(COLUMNS.get(i)).isNotBlank().doesNotContain("\n");
			}
			assertThat(texts(guide.getRow(1 + COLUMNS.indexOf("lastReportedDateTime"))).get(2)).contains("--time-zone")
				.contains("2026-11-28T09:30:00Z");
			assertThat(texts(guide.getRow(1 + COLUMNS.indexOf("status"))).get(2))
				.contains(String.join(", ", ComplianceStatus.wireNames()));
			assertThat(texts(guide.getRow(1 + COLUMNS.indexOf("id"))).get(2)).contains("at most 128");
			StringBuilder notes = new StringBuilder();
			for (int i = COLUMNS.size() + 1; i <= guide.getLastRowNum(); i++) {
				if (guide.getRow(i) != null) {
					notes.append(String.join(" ", texts(guide.getRow(i)))).append('\n');
				}
			}
			assertThat(notes).contains("name starts with _ are ignored").contains("import --dry-run statuses.xlsx");
		}
	}

	private static List<String> texts(Row row) {
		List<String> texts = new ArrayList<>();
		for (Cell cell : row) {
			texts.add(cell.getStringCellValue());
		}
		return texts;
	}

	@Test
	void aCsvOrTsvTemplateIsTheHeaderLineInUtf8WithAByteOrderMark() throws Exception {
		Path csv = this.dir.resolve("statuses.CSV");
		Path tsv = this.dir.resolve("statuses.tsv");

		assertThat(template(csv.toString()).exitCode()).isZero();
		assertThat(template(tsv.toString()).exitCode()).isZero();

		assertThat(Files.readAllBytes(csv))
			.isEqualTo(("\uFEFF" + String.join(",", COLUMNS) + "\r\n").getBytes(StandardCharsets.UTF_8));
		assertThat(Files.readAllBytes(tsv))
			.isEqualTo(("\uFEFF" + String.join("\t", COLUMNS) + "\r\n").getBytes(StandardCharsets.UTF_8));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(csv))).isEqualTo("rw-------");
	}

	@Test
	void aCsvTemplateFilledInImportsAsItIs() throws Exception {
		Path file = this.dir.resolve("statuses.csv");
		assertThat(template(file.toString()).exitCode()).isZero();
		// filled in as a spreadsheet saves "CSV UTF-8": the byte-order mark and the header kept, rows added
		Files.writeString(file, Files.readString(file) + "cfg-1,dcs-1,LAPTOP-Zoë,Zoë,Surface,,compliant,"
				+ "2026-11-28T09:30:00Z,zoe@example.com\r\n", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
		Workspace workspace = new Workspace(this.dir);
		try (GraphSimulator graph = GraphSimulator.start(SimulatorSettings.healthy())) {

			CommandRun run = workspace.importInto(graph, file);

			assertThat(run.exitCode()).as(run.output()).isZero();
			assertThat(graph.statuses().get("cfg-1/dcs-1").path("userName").asString()).isEqualTo("Zoë");
			assertThat(graph.statuses().get("cfg-1/dcs-1").path("lastReportedDateTime").asString())
				.isEqualTo("2026-11-28T09:30:00Z");
		}
	}

	@Test
	void anExistingFileIsReplacedOnlyWithForce() throws Exception {
		Path file = Files.writeString(this.dir.resolve("statuses.xlsx"), "someone's workbook");

		CommandRun refused = template(file.toString());

		assertThat(refused.exitCode()).isEqualTo(3);
		assertThat(refused.err()).isEqualTo("device-status-import: " + file + " already exists; give --force to"
				+ " replace it, or another name. Nothing was written.\n");
		assertThat(Files.readString(file)).isEqualTo("someone's workbook");

		CommandRun forced = template("--force", file.toString());

		assertThat(forced.exitCode()).as(forced.output()).isZero();
		assertThat(forced.out()).startsWith("Replaced " + file);
		try (XSSFWorkbook workbook = read(file)) {
			assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo(COLUMNS.get(0));
		}
	}

	@Test
	void aLinkIsNeverFollowedEvenWithForce() throws Exception {
		Path target = Files.writeString(this.dir.resolve("precious.txt"), "keep me");
		Path link = Files.createSymbolicLink(this.dir.resolve("statuses.xlsx"), target);

		CommandRun run = template("--force", link.toString());

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains(link.toString()).contains("symbolic link");
		assertThat(Files.readString(target)).isEqualTo("keep me");
		assertThat(Files.isSymbolicLink(link)).isTrue();
	}

	@Test
	void aNameThatIsNotXlsxCsvOrTsvIsRefusedAndNothingWritten() {
		Path file = this.dir.resolve("statuses.ndjson");

		CommandRun run = template(file.toString());

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains(file + ": name the template .xlsx").contains(".csv or .tsv")
			.contains("template --help");
		assertThat(file).doesNotExist();
		assertThat(this.dir).isEmptyDirectory();
	}

	@Test
	void helpSaysWhatEachKindHoldsAndTheExitCodes() {
		CommandRun run = CommandRun.run(Map.of(), "template", "--help");

		assertThat(run.exitCode()).isZero();
		String help = run.out().replaceAll("\\s+", " ");
		assertThat(help).contains("Usage: device-status-import template [-hV] [--force] FILE")
			.contains("drop-down list of the statuses")
			.contains("byte-order mark")
			.contains("--force Replace FILE if it exists")
			.contains("Exit codes: 0 the template was written 3 nothing was written");
		assertThat(CommandRun.run(Map.of(), "--help").out()).contains("template  Writes an empty input to fill in");
	}

}
