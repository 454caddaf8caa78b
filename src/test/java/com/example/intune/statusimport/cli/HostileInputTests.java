package com.example.intune.statusimport.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.intune.statusimport.support.AgainstTheSimulator;
import com.example.intune.statusimport.support.CommandRun;
import com.example.intune.statusimport.support.ForkedImport;
import com.example.intune.statusimport.support.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files that are broken on purpose or by accident: a report fed back unchanged fails again, and only a fixed row
 * is sent; a broken quote stops the run before anything is sent; a huge cell or line costs one row, not the run.
 */
class HostileInputTests extends AgainstTheSimulator {

	@Test
	void aRowWithMoreCellsThanTheHeaderKeepsThemAllInTheReportAndFailsAgainWhenFedBack() throws Exception {
		Path input = this.workspace.write("statuses.csv", "deviceConfigurationId,id,status,deviceDisplayName\n"
				+ "cfg-1,dcs-1,compliant,Book, 14\n" + "cfg-1,dcs-2,compliant,fine\n");

		CommandRun first = this.workspace.importInto(this.graph, input);

		assertThat(first.exitCode()).isEqualTo(1);
		Path report = Workspace.reportOf(input);
		List<String[]> cells = Workspace.readCsv(report);
		assertThat(cells.get(1)).startsWith("cfg-1", "dcs-1", "compliant", "Book").endsWith(" 14");
		assertThat(cells.get(1)).hasSize(cells.get(0).length + 1);

		Path fedBack = this.workspace.write("fed-back.csv", Files.readString(report));
		CommandRun again = this.workspace.importInto(this.graph, fedBack);

		assertThat(again.exitCode()).isEqualTo(1);
		assertThat(Workspace.readCsvRows(Workspace.reportOf(fedBack))).extracting(row -> row.get("_error"))
			.containsExactly("malformed");
		assertThat(this.graph.statuses()).as("the shifted row was never sent").containsOnlyKeys("cfg-1/dcs-2");

		// the owner puts the value in quotes and drops the stray cell at the end of the row
		List<String> lines = Files.readAllLines(report);
		String row = lines.get(1).replace("compliant,Book,", "compliant,\"Book, 14\",");
		Path fixed = this.workspace.write("fixed.csv", lines.get(0) + "\n" + row.substring(0, row.lastIndexOf(','))
				+ "\n");
		CommandRun fixedRun = this.workspace.importInto(this.graph, fixed);

		assertThat(fixedRun.exitCode()).as(fixedRun.output()).isZero();
		assertThat(this.graph.statuses().get("cfg-1/dcs-1").path("deviceDisplayName").asString()).isEqualTo("Book, 14");
	}

	@Test
	void anNdjsonLineComesBackInTheReportByteForByteAndFailsAgainWhenFedBack() throws Exception {
		String numberLine = "{\"deviceConfigurationId\":\"cfg-1\", \"id\":\"dcs-1\", \"status\": 1e999999999 }";
		String notAnObject = "[\"cfg-1\",\"dcs-2\"]";
		Path input = this.workspace.write("statuses.ndjson", numberLine + "\n" + notAnObject + "\n"
				+ "{\"deviceConfigurationId\":\"cfg-1\",\"id\":\"dcs-3\",\"status\":\"compliant\"}\n");

		CommandRun first = this.workspace.importInto(this.graph, input);

		assertThat(first.exitCode()).isEqualTo(1);
		List<String> report = Files.readAllLines(Workspace.reportOf(input));
		assertThat(report.get(0)).startsWith(numberLine.substring(0, numberLine.length() - 1).stripTrailing() + ",")
			.contains("1e999999999");
		assertThat(report.get(1)).contains("\"_raw\":\"[\\\"cfg-1\\\",\\\"dcs-2\\\"]\"");

		Path fedBack = this.workspace.write("fed-back.ndjson", String.join("\n", report) + "\n");
		CommandRun again = this.workspace.importInto(this.graph, fedBack);

		assertThat(again.exitCode()).isEqualTo(1);
		List<String> secondReport = Files.readAllLines(Workspace.reportOf(fedBack));
		assertThat(secondReport.get(0)).contains("1e999999999").contains("\"_error\":\"invalid\"");
		assertThat(secondReport.get(1)).contains("\"_error\":\"malformed\"");
		assertThat(this.graph.statuses()).containsOnlyKeys("cfg-1/dcs-3");
	}

	@Test
	void anUnclosedQuoteStopsTheRunBeforeAnythingIsSentNamingWhereItOpened() {
		StringBuilder csv = new StringBuilder("deviceConfigurationId,id,status\ncfg-1,dcs-1,compliant\n"
				+ "cfg-1,dcs-2,\"compliant\n");
		for (int i = 3; i <= 300; i++) {
			csv.append("cfg-1,dcs-").append(i).append(",compliant\n");
		}
		Path input = this.workspace.write("statuses.csv", csv.toString());

		CommandRun run = this.workspace.importInto(this.graph, input);

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("statuses.csv, line 3: a quoted field that starts on this line is not closed")
			.contains("Nothing was sent");
		assertThat(this.graph.requests()).isZero();
	}

	@Test
	void aHeaderTooLongToShowIsCutInTheMessage() {
		Path input = this.workspace.write("statuses.csv", "id,status," + "x".repeat(200_000) + "\ndcs-1,compliant,\n");

		CommandRun run = this.workspace.importInto(this.graph, input, "--configuration-id", "cfg-1");

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("unknown column 'xxxx").hasSizeLessThan(2_000);
	}

	@Test
	void aHugeCellAndAHugeLineCostTheirRowNotTheRunInA256MegabyteHeap() throws Exception {
		Path csv = this.dir.resolve("statuses.csv");
		try (OutputStream out = Files.newOutputStream(csv)) {
			out.write("deviceConfigurationId,id,status,deviceDisplayName\ncfg-1,dcs-1,compliant,one\ncfg-1,dcs-2,compliant,"
				.getBytes(StandardCharsets.UTF_8));
			writeRepeated(out, 'x', 50 << 20);
			out.write("\ncfg-1,dcs-3,compliant,three\n".getBytes(StandardCharsets.UTF_8));
		}
		Path ndjson = this.dir.resolve("statuses.ndjson");
		try (OutputStream out = Files.newOutputStream(ndjson)) {
			out.write("{\"deviceConfigurationId\":\"cfg-2\",\"id\":\"dcs-1\",\"deviceDisplayName\":\""
				.getBytes(StandardCharsets.UTF_8));
			writeRepeated(out, 'y', 100 << 20);
			out.write("\"}\n{\"deviceConfigurationId\":\"cfg-2\",\"id\":\"dcs-2\",\"status\":\"compliant\"}\n"
				.getBytes(StandardCharsets.UTF_8));
		}

		for (Path input : List.of(csv, ndjson)) {
			ForkedImport run = ForkedImport.start(this.workspace, this.graph.graphUrl(), input);
			int exit = run.waitFor();
			String output = run.output();

			assertThat(exit).as(output).isEqualTo(1);
			assertThat(output).contains("failed         1  (malformed 1)").doesNotContain("OutOfMemoryError");
			assertThat(Files.size(Workspace.reportOf(input))).as("the huge value is not copied").isLessThan(100_000);
			assertThat(Files.readString(Workspace.reportOf(input)))
				.contains("characters long, more than the 1048576 a row may hold");
		}
		assertThat(this.graph.statuses()).containsOnlyKeys("cfg-1/dcs-1", "cfg-1/dcs-3", "cfg-2/dcs-2");
	}

	private static void writeRepeated(OutputStream out, char c, int count) throws IOException {
		byte[] block = new byte[1 << 20];
		java.util.Arrays.fill(block, (byte) c);
		for (int written = 0; written < count; written += block.length) {
			out.write(block, 0, Math.min(block.length, count - written));
		}
	}


	@Test
	void filesThatAreNotTextOfTheFormatAreNamedForWhatTheyAre() throws Exception {
		Path gzip = this.dir.resolve("statuses.csv");
		try (OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzip))) {
			out.write("id,status\ndcs-1,compliant\n".getBytes(StandardCharsets.UTF_8));
		}
		Path utf16 = this.dir.resolve("unicode.csv");
		Files.write(utf16, "id,status\r\ndcs-1,compliant\r\n".getBytes(StandardCharsets.UTF_16LE));
		Path array = this.workspace.write("statuses.ndjson", "[\n{\"id\":\"dcs-1\",\"status\":\"compliant\"}\n]\n");

		assertThat(this.workspace.importInto(this.graph, gzip).err()).contains("is gzip-compressed");
		CommandRun utf16Run = this.workspace.importInto(this.graph, utf16);
		assertThat(utf16Run.exitCode()).isEqualTo(3);
		assertThat(utf16Run.err()).contains("looks like UTF-16LE text without a byte-order mark; if it is, give"
				+ " --encoding UTF-16LE");
		assertThat(this.workspace.importInto(this.graph, array).err()).contains("is a JSON array");
		assertThat(this.graph.requests()).isZero();
	}

	@Test
	void afterStoppingAtTheFailureLimitTheMessageSaysHowToGoOn() {
		StringBuilder csv = new StringBuilder("deviceConfigurationId,id,status\n");
		for (int i = 1; i <= 6; i++) {
			csv.append("cfg-1,dcs-").append(i).append(i % 2 == 0 ? ",compliant\n" : ",wrong\n");
		}
		Path input = this.workspace.write("statuses.csv", csv.toString());

		CommandRun stopped = this.workspace.importInto(this.graph, input, "--max-failures", "0", "--chunk-size", "2");
		CommandRun again = this.workspace.importInto(this.graph, input, "--max-failures", "0", "--chunk-size", "2");
		CommandRun raised = this.workspace.importInto(this.graph, input, "--max-failures", "1", "--chunk-size", "2");

		assertThat(stopped.exitCode()).isEqualTo(2);
		assertThat(stopped.err()).contains("run the same command with --max-failures above 1");
		assertThat(again.exitCode()).as("the same limit stops the resumed run at once").isEqualTo(2);
		assertThat(raised.exitCode()).as(raised.output()).isEqualTo(2);
		assertThat(raised.err()).contains("--max-failures above 2");
		CommandRun done = this.workspace.importInto(this.graph, input, "--max-failures", "3", "--chunk-size", "2");
		assertThat(done.exitCode()).as(done.output()).isEqualTo(1);
		assertThat(this.graph.statuses()).hasSize(3);
	}

}
