package com.example.intune.statusimport.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.fileformat.DelimitedRecords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * NDJSON lines as rows: what a line that is not a JSON object says about itself, and how a report's line for such
 * a line is read back.
 */
class NdjsonRowReaderTests {

	private static final String ONE_OBJECT_PER_LINE = "each line must be one JSON object such as"
			+ " {\"id\":\"...\",\"status\":\"compliant\"}";

	@TempDir
	Path dir;

	private Path write(String content) throws IOException {
		Path file = this.dir.resolve("statuses.ndjson");
		Files.writeString(file, content, StandardCharsets.UTF_8);
		return file;
	}

	private List<SourceRow> readAll(String content) throws Exception {
		return Reading.readAll(InputFile.inspect(write(content), InputFormat.NDJSON));
	}

	private String problemOf(String line) throws Exception {
		List<SourceRow> rows = readAll(line + "\n");
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).malformed()).as("malformed").isTrue();
		assertThat(rows.get(0).original()).isEqualTo(new SourceRow.RawText(line));
		return rows.get(0).readProblems().get(0);
	}

	@Test
	void invalidJsonIsNamedWithItsColumnAndWhatTheParserExpected() throws Exception {
		assertThat(problemOf("{\"id\":\"b\",")).isEqualTo("the line is not valid JSON at column 11 (Unexpected"
				+ " end-of-input within/between Object entries), " + ONE_OBJECT_PER_LINE);
	}

	@Test
	void anErrorInTheFirstColumnIsNamedAsColumnOne() throws Exception {
		assertThat(problemOf("x")).startsWith("the line is not valid JSON at column 1 (Unrecognized token 'x':");
	}

	@Test
	void theParsersPlaceInItsOwnTermsIsLeftOutOfTheMessage() throws Exception {
		assertThat(problemOf("{\"id\":\"a\"")).isEqualTo("the line is not valid JSON at column 10 (Unexpected"
				+ " end-of-input: expected close marker for Object), " + ONE_OBJECT_PER_LINE);
	}

	@Test
	void aKeyGivenTwiceInTheSameSpellingMakesTheLineInvalidJson() throws Exception {
		assertThat(problemOf("{\"id\":\"a\",\"id\":\"b\"}"))
			.startsWith("the line is not valid JSON at column 15 (Duplicate Object property \"id\")");
	}

	@Test
	void aLineThatIsJsonButNotAnObjectIsNamedByWhatItIs() throws Exception {
		assertThat(problemOf("\"device-a\"")).isEqualTo("the line is a JSON string, not an object, "
				+ ONE_OBJECT_PER_LINE);
		assertThat(problemOf("42")).startsWith("the line is a JSON number, not an object");
		assertThat(problemOf("null")).startsWith("the line is a JSON null, not an object");
	}

	@Test
	void aLineTooLongToHoldIsOneMalformedRowAndTheLinesAfterItAreRead() throws Exception {
		int length = DelimitedRecords.MAX_RECORD_CHARS + 10;
		String longLine = "{\"id\":\"" + "x".repeat(length - 10) + "\"}";
		List<SourceRow> rows = readAll("{\"id\":\"a\"}\n" + longLine + "\n{\"id\":\"b\"}\n");
		assertThat(rows).extracting(SourceRow::line).containsExactly(1L, 2L, 3L);
		assertThat(rows).extracting(SourceRow::malformed).containsExactly(false, true, false);
		assertThat(rows.get(1).original()).isEqualTo(new SourceRow.RawText(""));
		assertThat(rows.get(1).readProblems()).containsExactly("the line is " + longLine.length() + " characters"
				+ " long, more than the " + DelimitedRecords.MAX_RECORD_CHARS + " a row may hold, so it was not read"
				+ " (nor copied here); check the file at this line");
		assertThat(rows.get(2).values()).containsEntry(DeviceStatusProperty.ID, "b");
	}

	@Test
	void aReportLineForALineThatWasNotAnObjectIsReadAsThatLine() throws Exception {
		// what NdjsonFailureReport writes for a malformed line: the line under _raw, and the report's own keys
		List<SourceRow> rows = readAll("{\"_raw\":\"[1,2]\",\"_line\":4,\"_error\":\"malformed\"}\n"
				+ "{\"_raw\":\"{\\\"id\\\":\\\"a\\\",\\\"status\\\":\\\"compliant\\\"}\",\"_line\":5}\n");
		assertThat(rows.get(0).malformed()).isTrue();
		assertThat(rows.get(0).readProblems().get(0)).startsWith("the line is a JSON array, not an object");
		assertThat(rows.get(0).original()).isEqualTo(new SourceRow.RawText("[1,2]"));
		assertThat(rows.get(1).malformed()).isFalse();
		assertThat(rows.get(1).values()).containsEntry(DeviceStatusProperty.ID, "a")
			.containsEntry(DeviceStatusProperty.STATUS, "compliant");
	}

	@Test
	void aRawKeyBesideAPropertyIsAnIgnoredKeyOfAnOrdinaryRow() throws Exception {
		List<SourceRow> rows = readAll("{\"_raw\":\"[1,2]\",\"id\":\"b\"}\n");
		assertThat(rows.get(0).malformed()).isFalse();
		assertThat(rows.get(0).values()).containsOnlyKeys(DeviceStatusProperty.ID);
		assertThat(rows.get(0).readProblems()).isEmpty();
	}

	@Test
	void aRawKeyThatIsNotTextIsAnIgnoredKeyOfAnOrdinaryRow() throws Exception {
		List<SourceRow> rows = readAll("{\"_raw\":[1,2]}\n");
		assertThat(rows.get(0).malformed()).isFalse();
		assertThat(rows.get(0).values()).isEmpty();
	}

	@Test
	void aRawKeyIsReadBackOnceOnlyNotFromTheLineItHolds() throws Exception {
		// a report writes the line itself under _raw, never another _raw object: this one is unwrapped once, to an
		// object whose only key is ignored
		List<SourceRow> rows = readAll("{\"_raw\":\"{\\\"_raw\\\":\\\"[1,2]\\\"}\"}\n");
		assertThat(rows.get(0).malformed()).isFalse();
		assertThat(rows.get(0).values()).isEmpty();
	}

	@Test
	void theMappingOfAHeaderNamesTheKeyOfThatNameToo() throws Exception {
		InputFile input = InputFile.inspect(write("{\"Device ID\":\"a\",\"NOTES\":\"x\",\"Status\":\"compliant\"}\n"),
				InputFormat.NDJSON, ColumnMapping.of(List.of("device id=id", "Notes=_ignored"), null));
		List<SourceRow> rows = Reading.readAll(input);
		assertThat(rows.get(0).readProblems()).isEmpty();
		assertThat(rows.get(0).values()).containsOnly(Map.entry(DeviceStatusProperty.ID, "a"),
				Map.entry(DeviceStatusProperty.STATUS, "compliant"));
	}

	@Test
	void anUnknownKeySuggestsThePropertyItMostLikelyMeansAndHowToMapIt() throws Exception {
		List<String> problems = readAll("{\"id\":\"a\",\"lastReported\":\"x\"}\n").get(0).readProblems();
		assertThat(problems).hasSize(1);
		assertThat(problems.get(0)).startsWith("unknown key 'lastReported' (lastReportedDateTime?), accepted keys (letter case and spaces"
					+ " ignored): deviceConfigurationId, id,")
			.endsWith("map a key of your own with --map \"KEY=property\"");
	}

	@Test
	void closingReleasesTheFileAndIsHarmlessWhenNothingWasOpened() throws Exception {
		InputFile input = InputFile.inspect(write("{\"id\":\"a\"}\n"), InputFormat.NDJSON);
		assertThatCode(() -> RowReader.forInput(input, "cfg").close()).doesNotThrowAnyException();
		Reading.assertClosingReleasesTheFile(input);
	}

}
