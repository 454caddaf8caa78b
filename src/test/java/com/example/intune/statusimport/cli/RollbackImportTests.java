package com.example.intune.statusimport.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.example.intune.statusimport.support.AgainstTheSimulator;
import com.example.intune.statusimport.support.CommandRun;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollback file from the command line, one format family at a time: statuses set by a first import, changed by a
 * second, and put back by importing the second one's rollback file with the same options. What Graph held before a
 * row is what the live comparison read ({@code ImportItem.before()}).
 */
class RollbackImportTests extends AgainstTheSimulator {

	/** The one rollback file a run of {@code input} left next to it, under its default name. */
	private Path rollbackOf(Path input) {
		String name = input.getFileName().toString();
		int dot = name.lastIndexOf('.');
		String pattern = "\\Q" + name.substring(0, dot) + ".rollback-\\E\\d{8}T\\d{6}Z\\Q" + name.substring(dot) + "\\E";
		try (Stream<Path> files = Files.list(input.getParent())) {
			List<Path> found = files.filter(f -> f.getFileName().toString().matches(pattern)).toList();
			assertThat(found).as("the rollback file of " + input).hasSize(1);
			return found.get(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What the simulator holds for a property of {@code cfg-1/ID}: its text, or {@code null} when it holds none. */
	private String held(String id, String property) {
		JsonNode value = this.graph.statuses().get("cfg-1/" + id).path(property);
		return value.isString() ? value.asString() : null;
	}

	private void assertHeldAsTheFirstImportSetThem() {
		assertThat(held("dcs-1", "status")).isEqualTo("compliant");
		assertThat(held("dcs-1", "deviceModel")).isEqualTo("Model A");
		assertThat(held("dcs-1", "userName")).isEqualTo("alice");
		assertThat(held("dcs-2", "status")).isEqualTo("nonCompliant");
		assertThat(held("dcs-2", "deviceModel")).isEqualTo("Model B");
		assertThat(held("dcs-2", "userName")).isEqualTo("bob");
	}

	@Test
	void theRollbackFileOfACsvImportPutsBackWhatGraphHeldReadWithTheSameMapping() throws Exception {
		String header = "deviceConfigurationId,Device ID,status,deviceModel,userName,_note\n";
		Path first = this.workspace.write("first.csv", header + "cfg-1,dcs-1,compliant,Model A,alice,\n"
				+ "cfg-1,dcs-2,nonCompliant,Model B,bob,\n");
		assertThat(this.workspace.importInto(this.graph, first, "--map", "Device ID=id").exitCode()).isZero();
		Path second = this.workspace.write("second.csv", header + "cfg-1,dcs-1,error,Model X,,keep\n"
				+ "cfg-1,dcs-2,conflict,,carol,\ncfg-1,dcs-3,not-a-status,Model Z,,\n");

		CommandRun changed = this.workspace.importInto(this.graph, second, "--map", "Device ID=id");

		assertThat(changed.exitCode()).as(changed.output()).isOne();
		assertThat(held("dcs-1", "status")).isEqualTo("error");
		Path rollback = rollbackOf(second);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rollback))).isEqualTo("rw-------");
		assertThat(Files.readAllLines(rollback)).as("the invalid row was not applied, so it has nothing to undo")
			.containsExactly("deviceConfigurationId,Device ID,status,deviceModel,userName,_note,_line,_rollback_note",
					"cfg-1,dcs-1,compliant,Model A,,,2,", "cfg-1,dcs-2,nonCompliant,,bob,,3,");

		CommandRun undone = this.workspace.importInto(this.graph, rollback, "--map", "Device ID=id");

		assertThat(undone.exitCode()).as(undone.output()).isZero();
		assertHeldAsTheFirstImportSetThem();
	}

	@Test
	void theRollbackFileOfAnNdjsonImportPutsBackWhatGraphHeldAndClearsWhatWasEmpty() throws Exception {
		Path first = this.workspace.write("first.ndjson", """
				{"deviceConfigurationId":"cfg-1","id":"dcs-1","status":"compliant","deviceModel":"Model A","userName":"alice"}
				{"deviceConfigurationId":"cfg-1","id":"dcs-2","status":"nonCompliant","deviceModel":"Model B","userName":"bob"}
				""");
		assertThat(this.workspace.importInto(this.graph, first).exitCode()).isZero();
		Path second = this.workspace.write("second.ndjson", """
				{"deviceConfigurationId":"cfg-1","id":"dcs-1","status":"error","deviceModel":"Model X","userName":null}
				{"deviceConfigurationId":"cfg-1","id":"dcs-2","status":"conflict","deviceDisplayName":"Laptop 2"}
				""");

		CommandRun changed = this.workspace.importInto(this.graph, second);

		assertThat(changed.exitCode()).as(changed.output()).isZero();
		assertThat(held("dcs-1", "userName")).isNull();
		assertThat(held("dcs-2", "deviceDisplayName")).isEqualTo("Laptop 2");

		CommandRun undone = this.workspace.importInto(this.graph, rollbackOf(second));

		assertThat(undone.exitCode()).as(undone.output()).isZero();
		assertHeldAsTheFirstImportSetThem();
		assertThat(held("dcs-2", "deviceDisplayName")).as("never set before the second import").isNull();
	}

	@Test
	void theRollbackFileOfAWorkbookImportPutsBackWhatGraphHeldReadWithTheSameSheet() throws Exception {
		Path first = workbook("first.xlsx", new String[][] { { "cfg-1", "dcs-1", "compliant", "Model A", "alice" },
				{ "cfg-1", "dcs-2", "nonCompliant", "Model B", "bob" } });
		assertThat(this.workspace.importInto(this.graph, first, "--sheet", "Statuses").exitCode()).isZero();
		Path second = workbook("second.xlsx", new String[][] { { "cfg-1", "dcs-1", "error", "Model X", "" },
				{ "cfg-1", "dcs-2", "conflict", "", "carol" } });

		CommandRun changed = this.workspace.importInto(this.graph, second, "--sheet", "Statuses");

		assertThat(changed.exitCode()).as(changed.output()).isZero();
		assertThat(held("dcs-2", "userName")).isEqualTo("carol");

		CommandRun undone = this.workspace.importInto(this.graph, rollbackOf(second), "--sheet", "Statuses");

		assertThat(undone.exitCode()).as(undone.output()).isZero();
		assertHeldAsTheFirstImportSetThem();
	}

	@Test
	void aRollbackPathWhereAFileIsStopsTheRunBeforeAnythingIsSentAndADryRunWritesNone() throws Exception {
		Path input = this.workspace.write("statuses.csv", "deviceConfigurationId,id,status\ncfg-1,dcs-1,compliant\n");
		Path taken = this.workspace.write("undo.csv", "another run's rollback file");

		CommandRun refused = this.workspace.importInto(this.graph, input, "--rollback", taken.toString());

		assertThat(refused.exitCode()).isEqualTo(3);
		assertThat(refused.err()).contains("the rollback file " + taken + " already exists, and this run did not"
				+ " write it: a run never writes over another run's rollback file. Give --rollback with a path where"
				+ " no file is, or move that file away.");
		assertThat(this.graph.requests()).isZero();
		assertThat(Files.readString(taken)).isEqualTo("another run's rollback file");

		CommandRun dryRun = this.workspace.importInto(this.graph, input, "--dry-run");
		assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
		try (Stream<Path> files = Files.list(this.dir)) {
			assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.contains(".rollback-"));
		}
	}

	/** A workbook whose second sheet, "Statuses", holds the rows under a header of Graph names. */
	private Path workbook(String name, String[][] rows) throws IOException {
		Path file = this.dir.resolve(name);
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			workbook.createSheet("Read me").createRow(0).createCell(0).setCellValue("statuses on the next sheet");
			XSSFSheet sheet = workbook.createSheet("Statuses");
			String[] header = { "deviceConfigurationId", "id", "status", "deviceModel", "userName" };
			XSSFRow top = sheet.createRow(0);
			for (int i = 0; i < header.length; i++) {
				top.createCell(i).setCellValue(header[i]);
			}
			for (int r = 0; r < rows.length; r++) {
				XSSFRow row = sheet.createRow(r + 1);
				for (int c = 0; c < rows[r].length; c++) {
					if (!rows[r][c].isEmpty()) {
						row.createCell(c).setCellValue(rows[r][c]);
					}
				}
			}
			try (OutputStream out = Files.newOutputStream(file)) {
				workbook.write(out);
			}
		}
		return file;
	}

}
