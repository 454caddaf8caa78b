package com.example.intune.statusimport.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import com.example.intune.statusimport.simulator.GraphSimulator;
import com.example.intune.statusimport.simulator.SimulatorSettings;
import com.example.intune.statusimport.support.CommandRun;
import com.example.intune.statusimport.support.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Excel's CSV and text files through the command line, against the simulator: a {@code ;} windows-1252 CSV and a
 * UTF-16 "Unicode text" file are imported with their original characters, their report comes back in the same
 * encoding, byte-order mark and separator with the failed rows' cells byte for byte as in the input, and the report
 * fed back unchanged reads exactly what the input read. Files that cannot be read stop before anything is sent.
 */
class SpreadsheetTextTests {

	private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	@TempDir
	Path dir;

	Workspace workspace;

	GraphSimulator graph;

	GraphSimulator secondGraph;

	@BeforeEach
	void setUp() {
		this.workspace = new Workspace(this.dir);
	}

	@AfterEach
	void tearDown() {
		for (GraphSimulator simulator : Arrays.asList(this.graph, this.secondGraph)) {
			if (simulator != null) {
				simulator.close();
			}
		}
	}

	private Path fixture(String name) throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/spreadsheets/" + name)) {
			Path file = this.dir.resolve(name);
			Files.write(file, in.readAllBytes());
			return file;
		}
	}

	@Test
	void aSemicolonWindows1252CsvIsImportedAndItsReportGoesBackTheWayTheFileCame() throws Exception {
		Path input = fixture("libreoffice-semicolon-windows-1252.csv");
		// dcs-1003 does not exist in this tenant (404); dcs-1005 has the status 'kaputt' (invalid)
		this.graph = GraphSimulator.start(SimulatorSettings.healthy()
			.withKnownIds(Set.of("dcs-1001", "dcs-1002", "dcs-1004", "dcs-1005", "dcs-1006")));

		CommandRun first = this.workspace.importInto(this.graph, input, "--encoding", "windows-1252");

		assertThat(first.exitCode()).as(first.output()).isEqualTo(1);
		assertThat(this.graph.statuses()).containsOnlyKeys("cfg-eu/dcs-1001", "cfg-eu/dcs-1002", "cfg-eu/dcs-1004",
				"cfg-eu/dcs-1006");
		JsonNode jurgen = this.graph.statuses().get("cfg-eu/dcs-1001");
		assertThat(jurgen.path("userName").asString()).isEqualTo("Jürgen Müller");
		assertThat(jurgen.path("deviceDisplayName").asString()).isEqualTo("Laptop Jürgen Müller");
		assertThat(this.graph.statuses().get("cfg-eu/dcs-1004").path("deviceDisplayName").asString())
			.isEqualTo("Café \"Zum Löwen\"");
		assertThat(this.graph.statuses().get("cfg-eu/dcs-1002").path("deviceDisplayName").asString())
			.isEqualTo("Büro; Empfang");

		Path report = Workspace.reportOf(input);
		byte[] reportBytes = Files.readAllBytes(report);
		assertThat(decodeStrictly(reportBytes, WINDOWS_1252)).as("the report is windows-1252 throughout")
			.startsWith("deviceConfigurationId;id;status;deviceDisplayName;userName;userPrincipalName;_line;_error;");
		assertThat(reportBytes).as("no byte-order mark, as the input had none").startsWith('d');
		List<byte[]> inputLines = lines(Files.readAllBytes(input), WINDOWS_1252);
		List<byte[]> reportLines = lines(reportBytes, WINDOWS_1252);
		assertThat(reportLines).hasSize(3);
		assertThat(startsWithLineAndSeparator(reportLines, inputLines.get(3), ";", WINDOWS_1252))
			.as("dcs-1003, refused by Graph: its cells byte for byte").isTrue();
		assertThat(startsWithLineAndSeparator(reportLines, inputLines.get(5), ";", WINDOWS_1252))
			.as("dcs-1005, invalid: its cells byte for byte, '€' as 0x80").isTrue();

		// the report fed back unchanged, with the same options, to a tenant where dcs-1003 exists
		this.secondGraph = GraphSimulator.start(SimulatorSettings.healthy());
		CommandRun again = this.workspace.importInto(this.secondGraph, report, "--encoding", "windows-1252");

		assertThat(again.exitCode()).as(again.output()).isEqualTo(1);
		assertThat(this.secondGraph.statuses()).containsOnlyKeys("cfg-eu/dcs-1003");
		JsonNode soren = this.secondGraph.statuses().get("cfg-eu/dcs-1003");
		assertThat(soren.path("userName").asString()).isEqualTo("Søren Ærø");
		assertThat(soren.path("deviceDisplayName").asString()).isEqualTo("Ærøskøbing Kiosk");
		assertThat(soren.path("status").asString()).isEqualTo("error");
		List<byte[]> secondReport = lines(Files.readAllBytes(Workspace.reportOf(report)), WINDOWS_1252);
		assertThat(secondReport).hasSize(2);
		assertThat(startsWithLineAndSeparator(secondReport, inputLines.get(5), ";", WINDOWS_1252))
			.as("dcs-1005 is still the input's bytes after a second round").isTrue();
	}

	@Test
	void excelsUnicodeTextIsImportedAndItsReportIsUtf16WithAMarkAndTabs() throws Exception {
		Path input = fixture("libreoffice-unicode-text-utf16le.txt");
		// dcs-2002 does not exist (404); dcs-2003 has the status 'kaputt' (invalid)
		this.graph = GraphSimulator.start(SimulatorSettings.healthy()
			.withKnownIds(Set.of("dcs-2001", "dcs-2003", "dcs-2004")));

		CommandRun first = this.workspace.importInto(this.graph, input);

		assertThat(first.exitCode()).as(first.output()).isEqualTo(1);
		assertThat(this.graph.statuses()).containsOnlyKeys("cfg-apac/dcs-2001", "cfg-apac/dcs-2004");
		assertThat(this.graph.statuses().get("cfg-apac/dcs-2001").path("deviceDisplayName").asString())
			.isEqualTo("设备名称 北京");
		assertThat(this.graph.statuses().get("cfg-apac/dcs-2004").path("deviceDisplayName").asString())
			.isEqualTo("Notiz, mit Komma");

		Path report = Workspace.reportOf(input);
		assertThat(Workspace.runReportsOf(input)).singleElement()
			.satisfies(own -> assertThat(own.getFileName().toString())
				.matches("libreoffice-unicode-text-utf16le\\.failures-\\d{8}T\\d{6}Z\\.txt"));
		assertThat(report.getFileName().toString()).isEqualTo("libreoffice-unicode-text-utf16le.failures.latest.txt");
		byte[] reportBytes = Files.readAllBytes(report);
		assertThat(reportBytes).as("UTF-16LE's byte-order mark, then UTF-16LE").startsWith(0xFF, 0xFE, 'd', 0);
		assertThat(decodeStrictly(reportBytes, StandardCharsets.UTF_16LE))
			.startsWith("\uFEFFdeviceConfigurationId\tid\tstatus\tdeviceDisplayName\tuserName\t_line\t");
		List<byte[]> inputLines = lines(Files.readAllBytes(input), StandardCharsets.UTF_16LE);
		List<byte[]> reportLines = lines(reportBytes, StandardCharsets.UTF_16LE);
		assertThat(startsWithLineAndSeparator(reportLines, inputLines.get(2), "\t", StandardCharsets.UTF_16LE))
			.as("dcs-2002 byte for byte").isTrue();
		assertThat(startsWithLineAndSeparator(reportLines, inputLines.get(3), "\t", StandardCharsets.UTF_16LE))
			.as("dcs-2003, with a character beyond the BMP, byte for byte").isTrue();

		this.secondGraph = GraphSimulator.start(SimulatorSettings.healthy());
		CommandRun again = this.workspace.importInto(this.secondGraph, report);

		assertThat(again.exitCode()).as(again.output()).isEqualTo(1);
		assertThat(this.secondGraph.statuses()).containsOnlyKeys("cfg-apac/dcs-2002");
		JsonNode greek = this.secondGraph.statuses().get("cfg-apac/dcs-2002");
		assertThat(greek.path("deviceDisplayName").asString()).isEqualTo("Ελληνικό λάπτοπ");
		assertThat(greek.path("userName").asString()).isEqualTo("Γιώργος Παπαδόπουλος");
		List<byte[]> secondReport = lines(Files.readAllBytes(Workspace.reportOf(report)), StandardCharsets.UTF_16LE);
		assertThat(startsWithLineAndSeparator(secondReport, inputLines.get(3), "\t", StandardCharsets.UTF_16LE))
			.isTrue();
	}

	@Test
	void aUtf8CsvWithAByteOrderMarkGetsAReportWithOneAndFedBackReadsTheSame() throws Exception {
		this.graph = GraphSimulator.start(SimulatorSettings.healthy().withKnownIds(Set.of("dcs-1")));
		Path input = this.workspace.write("excel-utf8.csv", "\uFEFFdeviceConfigurationId,id,status,userName\r\n"
				+ "cfg-1,dcs-1,compliant,Jürgen Müller\r\ncfg-1,dcs-2,compliant,Zoë François\r\n");

		CommandRun first = this.workspace.importInto(this.graph, input);

		assertThat(first.exitCode()).as(first.output()).isEqualTo(1);
		Path report = Workspace.reportOf(input);
		byte[] reportBytes = Files.readAllBytes(report);
		assertThat(reportBytes).as("Excel reads it as UTF-8, not as JÃ¼rgen").startsWith(0xEF, 0xBB, 0xBF, 'd');
		assertThat(new String(reportBytes, StandardCharsets.UTF_8))
			.contains("\r\ncfg-1,dcs-2,compliant,Zoë François,3,");

		this.secondGraph = GraphSimulator.start(SimulatorSettings.healthy());
		CommandRun again = this.workspace.importInto(this.secondGraph, report);

		assertThat(again.exitCode()).as(again.output()).isZero();
		assertThat(this.secondGraph.statuses().get("cfg-1/dcs-2").path("userName").asString())
			.isEqualTo("Zoë François");
	}

	@Test
	void aWindows1252FileReadAsUtf8StopsBeforeSendingNamingTheByteAndTheOption() throws Exception {
		this.graph = GraphSimulator.start(SimulatorSettings.healthy());
		Path input = fixture("libreoffice-semicolon-windows-1252.csv");

		CommandRun run = this.workspace.importInto(this.graph, input);

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains(input + ", line 2, byte offset 111: 0xFC is not valid UTF-8 (after"
				+ " 'eu;dcs-1001;compliant;Laptop J').")
			.contains("give --encoding windows-1252 (there 0xFC is 'ü')")
			.contains("Nothing was sent.")
			.doesNotContain("Exception");
		assertThat(this.graph.requests()).as("nothing was sent").isZero();
		assertThat(Workspace.reportOf(input)).doesNotExist();
	}

	@Test
	void optionsThatCannotReadTheFileStopBeforeSending() throws Exception {
		this.graph = GraphSimulator.start(SimulatorSettings.healthy());
		Path csv = this.workspace.write("statuses.csv", "id,status\ndcs-1,compliant\n");
		Path ndjson = this.workspace.write("statuses.ndjson", "{\"id\":\"dcs-1\"}\n");
		Path tied = this.workspace.write("tied.csv", "_a,_b;id\n");

		CommandRun unknown = this.workspace.importInto(this.graph, csv, "--encoding", "klingon");
		CommandRun ndjsonEncoding = this.workspace.importInto(this.graph, ndjson, "--encoding", "windows-1252");
		CommandRun badDelimiter = this.workspace.importInto(this.graph, csv, "--delimiter", ":");
		CommandRun wrongDelimiter = this.workspace.importInto(this.graph, csv, "--delimiter", ";");
		CommandRun tie = this.workspace.importInto(this.graph, tied);

		assertThat(unknown.exitCode()).isEqualTo(3);
		assertThat(unknown.err()).contains("--encoding 'klingon' is not an encoding this job knows; give one such as"
				+ " windows-1252, ISO-8859-1, ISO-8859-15, UTF-8, UTF-16LE, UTF-16BE or IBM850")
			.contains("--help");
		assertThat(ndjsonEncoding.exitCode()).isEqualTo(3);
		assertThat(ndjsonEncoding.err()).contains("--encoding is for CSV and text files; NDJSON is always UTF-8 (RFC"
				+ " 8259) and has no separator, so leave it out");
		assertThat(badDelimiter.exitCode()).isEqualTo(3);
		assertThat(badDelimiter.err()).contains("--delimiter ':' is not a separator this job reads; give one of , ; |"
				+ " tab");
		assertThat(wrongDelimiter.exitCode()).isEqualTo(3);
		assertThat(wrongDelimiter.err()).contains(csv + ", line 1 ('id,status') holds no ';' but 1 ','");
		assertThat(tie.exitCode()).isEqualTo(3);
		assertThat(tie.err()).contains("so the separator cannot be told; give it with --delimiter");
		assertThat(this.graph.requests()).as("nothing was sent").isZero();
	}

	@Test
	void aRunIsResumedOnlyWithTheReadingItStartedWith() throws Exception {
		this.graph = GraphSimulator.start(SimulatorSettings.healthy());
		Path input = fixture("libreoffice-semicolon-windows-1252.csv");

		// dcs-1005 is invalid: --max-failures 0 stops the run there, unfinished
		CommandRun stopped = this.workspace.importInto(this.graph, input, "--encoding", "windows-1252",
				"--max-failures", "0", "--chunk-size", "1");
		CommandRun otherReading = this.workspace.importInto(this.graph, input, "--encoding", "ISO-8859-1",
				"--max-failures", "0", "--chunk-size", "1");
		CommandRun sameReading = this.workspace.importInto(this.graph, input, "--encoding", "cp1252",
				"--max-failures", "0", "--chunk-size", "1");

		assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(2);
		assertThat(otherReading.output()).as("ISO-8859-1 reads 0x80 otherwise: another run")
			.doesNotContain("Resuming run");
		assertThat(sameReading.output()).as("cp1252 is windows-1252 by another name").contains("Resuming run 1");
	}

	/** The text in {@code charset}, which must hold every byte: a report is never written with replacements. */
	private static String decodeStrictly(byte[] bytes, Charset charset) throws CharacterCodingException {
		return charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT)
			.decode(ByteBuffer.wrap(bytes))
			.toString();
	}

	/**
	 * The lines of a file as its bytes, without their line ends and without a byte-order mark, cut where the
	 * encoded line feed stands (at a whole character).
	 */
	private static List<byte[]> lines(byte[] bytes, Charset charset) {
		byte[] lineFeed = "\n".getBytes(charset);
		byte[] carriageReturn = "\r".getBytes(charset);
		byte[] mark = "\uFEFF".getBytes(charset);
		int unit = lineFeed.length;
		int start = bytes.length >= mark.length && Arrays.equals(bytes, 0, mark.length, mark, 0, mark.length)
				? mark.length : 0;
		List<byte[]> lines = new ArrayList<>();
		int lineStart = start;
		for (int i = start; i + unit <= bytes.length; i += unit) {
			if (Arrays.equals(bytes, i, i + unit, lineFeed, 0, unit)) {
				int end = i >= unit && Arrays.equals(bytes, i - unit, i, carriageReturn, 0, unit) ? i - unit : i;
				lines.add(Arrays.copyOfRange(bytes, lineStart, end));
				lineStart = i + unit;
			}
		}
		if (lineStart < bytes.length) {
			lines.add(Arrays.copyOfRange(bytes, lineStart, bytes.length));
		}
		return lines;
	}

	/** Whether one of the lines starts with exactly the bytes of {@code line} and then the separator. */
	private static boolean startsWithLineAndSeparator(List<byte[]> lines, byte[] line, String separator,
			Charset charset) {
		ByteArrayOutputStream expected = new ByteArrayOutputStream();
		expected.writeBytes(line);
		expected.writeBytes(separator.getBytes(charset));
		byte[] start = expected.toByteArray();
		return lines.stream()
			.anyMatch(candidate -> candidate.length > start.length
					&& Arrays.equals(candidate, 0, start.length, start, 0, start.length));
	}

}
