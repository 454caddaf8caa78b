package com.example.intune.statusimport.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.input.InputFormat;
import com.example.intune.statusimport.simulator.GraphSimulator;
import com.example.intune.statusimport.simulator.SimulatorSettings;
import com.example.intune.statusimport.support.CommandRun;
import com.example.intune.statusimport.support.ForkedImport;
import com.example.intune.statusimport.support.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's whole path with a workbook: the template, filled in Excel (here by POI), imported; the failure
 * workbook, fixed in Excel and imported again. Needs the workbook reader, and is skipped where there is none.
 */
class WorkbookRoundTripTests {

	private static final List<String> COLUMNS = DeviceStatusProperty.acceptedColumnNames();

	@TempDir
	Path dir;

	private Workspace workspace;

	private GraphSimulator graph;

	@BeforeEach
	void setUp() {
		Assumptions.assumeTrue(InputFormat.forFileName(Path.of("statuses.xlsx")).isPresent(),
				"the workbook reader is there");
		this.workspace = new Workspace(this.dir);
		this.graph = GraphSimulator.start(SimulatorSettings.healthy());
	}

	@AfterEach
	void tearDown() {
		if (this.graph != null) {
			this.graph.close();
		}
	}

	private static XSSFWorkbook read(Path file) throws Exception {
		try (InputStream in = Files.newInputStream(file)) {
			return new XSSFWorkbook(in);
		}
	}

	private static void save(XSSFWorkbook workbook, Path file) throws Exception {
		try (OutputStream out = Files.newOutputStream(file)) {
			workbook.write(out);
		}
	}

	/** Types {@code values} into the next row as Excel would: each cell takes its column's style. */
	private static void type(Sheet sheet, Object... values) {
		Row row = sheet.createRow(sheet.getLastRowNum() + 1);
		for (int i = 0; i < values.length; i++) {
			if (values[i] == null) {
				continue;
			}
			Cell cell = row.createCell(i);
			cell.setCellStyle(sheet.getColumnStyle(i));
			if (values[i] instanceof java.time.LocalDateTime dateTime) {
				cell.setCellValue(dateTime);
			}
			else {
				cell.setCellValue(values[i].toString());
			}
		}
	}

	/**
	 * A value typed over a cell, which Excel stores anew. (POI's own setCellValue on a cell of inline text, which is
	 * how a streamed workbook holds text, would keep the old text beside the new.)
	 */
	private static void retype(Cell cell, String value) {
		cell.setBlank();
		cell.setCellValue(value);
	}

	private static Cell cell(Sheet sheet, int row, String column) {
		int index = -1;
		for (Cell header : sheet.getRow(0)) {
			index = header.getStringCellValue().equals(column) ? header.getColumnIndex() : index;
		}
		return sheet.getRow(row).getCell(index);
	}

	/**
	 * Killed with SIGKILL halfway: the workbook on disk is the one the run wrote when it started, and the resumed run
	 * writes it whole from the journal, each failure once.
	 */
	/**
	 * Batch saves a step as completed before its listeners' afterStep, where the workbook is written from the
	 * journal: a kill while it is written must not leave a completed run with a header-only report and exit code 0.
	 */
	@Test
	void aRunKilledWhileItWritesTheWorkbookIsResumedIntoTheWholeReportAndItsExitCode() throws Exception {
		int rows = 20_000;
		Path input = this.dir.resolve("statuses.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			Sheet sheet = workbook.createSheet("Sheet1");
			type(sheet, "deviceConfigurationId", "id", "status", "deviceDisplayName");
			for (int i = 1; i <= rows; i++) {
				type(sheet, "cfg-1", "dcs-" + i, "not-a-status", "LAPTOP-" + i);
			}
			save(workbook, input);
		}
		ForkedImport crashed = ForkedImport.start(this.workspace, this.graph.graphUrl(), input, "--dry-run");
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
		boolean writing = false;
		while (!writing && crashed.isAlive() && System.nanoTime() < deadline) {
			try (var files = Files.list(this.dir)) {
				// the header-only workbook of the start is a few KB; the whole one is written the same way, bigger
				writing = files.anyMatch(f -> f.getFileName().toString().startsWith(".statuses.failures-")
						&& f.getFileName().toString().endsWith(".tmp") && f.toFile().length() > 64 * 1024);
			}
			Thread.sleep(writing ? 0 : 2);
		}
		crashed.kill();
		Assumptions.assumeTrue(writing, "the kill did not land while the workbook was written");

		CommandRun resumed = this.workspace.importInto(this.graph, input, "--dry-run");

		assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(1);
		assertThat(resumed.out()).contains("Recovered run 1");
		assertThat(Workspace.runReportsOf(input)).as("the resumed run writes the report it started").hasSize(1);
		try (XSSFWorkbook workbook = read(Workspace.runReportsOf(input).get(0))) {
			assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(rows);
		}
		assertThat(journals()).as("gone once the run completed").isEmpty();
	}

	@Test
	void aRunKilledHalfwayAndResumedReportsEachFailedRowOnceInTheWorkbook() throws Exception {
		Path input = this.dir.resolve("statuses.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			Sheet sheet = workbook.createSheet("Sheet1");
			type(sheet, "deviceConfigurationId", "id", "status");
			for (int i = 1; i <= 400; i++) {
				type(sheet, "cfg-1", "dcs-" + i, i % 10 == 0 ? "not-a-status" : "compliant");
			}
			save(workbook, input);
		}
		this.graph.close();
		this.graph = GraphSimulator.start(SimulatorSettings.healthy().withLatency(java.time.Duration.ofMillis(20)));
		ForkedImport crashed = ForkedImport.start(this.workspace, this.graph.graphUrl(), input, "--chunk-size", "25");
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
		while (this.graph.requests() < 120 && crashed.isAlive() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		crashed.kill();
		assertThat(journals()).hasSize(1);

		CommandRun resumed = this.workspace.importInto(this.graph, input, "--chunk-size", "25");

		assertThat(resumed.exitCode()).as(resumed.output()).isEqualTo(1);
		assertThat(resumed.out()).contains("Resuming run 1");
		assertThat(this.graph.statuses()).hasSize(360);
		assertThat(Workspace.runReportsOf(input)).as("the resumed run writes the report it started").hasSize(1);
		try (XSSFWorkbook workbook = read(Workspace.runReportsOf(input).get(0))) {
			Sheet sheet = workbook.getSheetAt(0);
			List<String> ids = new java.util.ArrayList<>();
			for (int i = 1; i <= sheet.getLastRowNum(); i++) {
				ids.add(cell(sheet, i, "id").getStringCellValue());
			}
			assertThat(ids).containsExactlyElementsOf(
					java.util.stream.IntStream.rangeClosed(1, 40).mapToObj(i -> "dcs-" + i * 10).toList());
		}
	}

	@Test
	void aFilledInTemplateIsImportedAndItsFixedFailureWorkbookToo() throws Exception {
		Path input = this.dir.resolve("statuses.xlsx");
		assertThat(CommandRun.run(Map.of(), "template", input.toString()).exitCode()).isZero();
		try (XSSFWorkbook workbook = read(input)) {
			Sheet sheet = workbook.getSheetAt(0);
			// a date cell without --time-zone, and a status that is not one, fail; the other two rows apply
			type(sheet, "cfg-1", "dcs-1", "LAPTOP-1", "Zoë", "Surface", null, "compliant",
					java.time.LocalDateTime.of(2026, 11, 28, 14, 5));
			type(sheet, "cfg-1", "00123", "=1+1", "Jürgen", null, null, "compliant");
			type(sheet, "cfg-1", "dcs-2", "LAPTOP-2", null, null, null, "not-a-status");
			type(sheet, "cfg-1", "dcs-3", null, null, null, null, "nonCompliant");
			save(workbook, input);
		}

		CommandRun first = this.workspace.importInto(this.graph, input);

		assertThat(first.exitCode()).as(first.output()).isEqualTo(1);
		assertThat(this.graph.statuses()).containsOnlyKeys("cfg-1/00123", "cfg-1/dcs-3");
		assertThat(this.graph.statuses().get("cfg-1/00123").path("deviceDisplayName").asString()).isEqualTo("=1+1");
		Path report = Workspace.runReportsOf(input).get(0);
		assertThat(first.out()).contains(report.toString());
		assertThat(Workspace.reportOf(input)).hasSameBinaryContentAs(report);
		assertThat(journals()).as("gone once the run completed").isEmpty();
		try (XSSFWorkbook workbook = read(report)) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getLastRowNum()).isEqualTo(2);
			Cell date = cell(sheet, 1, "lastReportedDateTime");
			assertThat(date.getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(DateUtil.isCellDateFormatted(date)).isTrue();
			assertThat(date.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss");
			assertThat(((XSSFCellStyle) date.getCellStyle()).getFillPattern())
				.isEqualTo(org.apache.poi.ss.usermodel.FillPatternType.SOLID_FOREGROUND);
			assertThat(cell(sheet, 1, "_line").getNumericCellValue()).isEqualTo(2);
			assertThat(cell(sheet, 2, "status").getStringCellValue()).isEqualTo("not-a-status");
			assertThat(cell(sheet, 2, "_line").getNumericCellValue()).isEqualTo(4);

			// fed back unchanged, the same rows fail again and nothing more is sent
			Path unchanged = this.dir.resolve("unchanged.xlsx");
			save(workbook, unchanged);
			CommandRun again = this.workspace.importInto(this.graph, unchanged);
			assertThat(again.exitCode()).as(again.output()).isEqualTo(1);
			assertThat(read(Workspace.reportOf(unchanged)).getSheetAt(0).getLastRowNum()).isEqualTo(2);
			assertThat(this.graph.statuses()).hasSize(2);

			// fixed in Excel: the date typed as ISO 8601 text, the status picked from the list
			retype(cell(sheet, 1, "lastReportedDateTime"), "2026-11-28T14:05:00Z");
			retype(cell(sheet, 2, "status"), "notApplicable");
			save(workbook, this.dir.resolve("fixed.xlsx"));
		}

		CommandRun fixed = this.workspace.importInto(this.graph, this.dir.resolve("fixed.xlsx"));

		assertThat(fixed.exitCode()).as(fixed.output()).isZero();
		assertThat(this.graph.statuses().get("cfg-1/dcs-1").path("lastReportedDateTime").asString())
			.isEqualTo("2026-11-28T14:05:00Z");
		assertThat(this.graph.statuses().get("cfg-1/dcs-1").path("userName").asString()).isEqualTo("Zoë");
		assertThat(this.graph.statuses().get("cfg-1/dcs-2").path("status").asString()).isEqualTo("notApplicable");
		assertThat(read(Workspace.reportOf(this.dir.resolve("fixed.xlsx"))).getSheetAt(0).getLastRowNum()).isZero();
	}

	/** The hidden journals of the input's workbook reports, which a run removes when it completes. */
	private List<Path> journals() throws java.io.IOException {
		try (var files = Files.list(this.dir)) {
			return files.filter(f -> f.getFileName().toString().matches("\\.statuses\\.failures-.*\\.xlsx\\.journal"))
				.toList();
		}
	}

}
