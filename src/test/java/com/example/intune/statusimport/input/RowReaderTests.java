package com.example.intune.statusimport.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowReaderTests {

	@TempDir
	Path dir;

	private List<SourceRow> readAll(String name, String content) throws Exception {
		return readAll(name, content, new ExecutionContext());
	}

	private List<SourceRow> readAll(String name, String content, ExecutionContext context) throws Exception {
		Path file = write(name, content);
		RowReader reader = RowReader.forInput(InputFile.inspect(file, InputFormat.forFileName(file).orElseThrow()),
				"cfg-default");
		reader.open(context);
		List<SourceRow> rows = new ArrayList<>();
		for (SourceRow row; (row = reader.read()) != null;) {
			rows.add(row);
		}
		reader.update(context);
		reader.close();
		return rows;
	}

	private Path write(String name, String content) throws IOException {
		Path file = this.dir.resolve(name);
		Files.writeString(file, content, StandardCharsets.UTF_8);
		return file;
	}

	@Nested
	class Csv {

		@Test
		void rfc4180QuotingWithCommasQuotesAndLineBreaks() throws Exception {
			List<SourceRow> rows = readAll("in.csv", "id,deviceDisplayName,deviceModel\r\n"
					+ "a,\"one, two\",\"Book 14\"\" (M3)\"\r\n" + "b,\"first\r\nsecond\",x\r\n" + "c,plain,y\r\n");
			assertThat(rows).extracting(SourceRow::line).containsExactly(2L, 3L, 5L);
			assertThat(rows.get(0).values()).containsEntry(DeviceStatusProperty.DEVICE_DISPLAY_NAME, "one, two")
				.containsEntry(DeviceStatusProperty.DEVICE_MODEL, "Book 14\" (M3)");
			assertThat(rows.get(1).values().get(DeviceStatusProperty.DEVICE_DISPLAY_NAME)).isEqualTo("first\nsecond");
		}

		@Test
		void aByteOrderMarkIsIgnoredAndColumnNamesMatchInAnyCaseWithSpaces() throws Exception {
			List<SourceRow> rows = readAll("in.csv", "\uFEFF ID , Status ,_note\nabc,compliant,hello\n");
			assertThat(rows.get(0).values()).containsOnlyKeys(DeviceStatusProperty.ID, DeviceStatusProperty.STATUS);
		}

		@Test
		void emptyCellsLeaveThePropertyUnchangedAndBlankLinesAreSkipped() throws Exception {
			List<SourceRow> rows = readAll("in.csv", "id,status,userName\n\na,,bob\n,,\n\nb,error,\n");
			assertThat(rows).extracting(SourceRow::line).containsExactly(3L, 6L);
			assertThat(rows.get(0).values()).containsOnlyKeys(DeviceStatusProperty.ID, DeviceStatusProperty.USER_NAME);
		}

		@Test
		void aRecordWithMoreCellsThanTheHeaderIsMalformedAndReadingGoesOn() throws Exception {
			List<SourceRow> rows = readAll("in.csv", "id,status\na,compliant,extra\nb,error\n");
			assertThat(rows).hasSize(2);
			assertThat(rows.get(0).malformed()).isTrue();
			assertThat(rows.get(0).readProblems().get(0)).contains("3 cells but the header has 2 columns")
				.contains("'extra'");
			assertThat(rows.get(1).malformed()).isFalse();
		}

		@Test
		void anUnterminatedQuoteStopsTheRunBeforeAnythingIsReadNamingItsLine() {
			assertThatThrownBy(() -> readAll("in.csv", "id,status\na,compliant\nb,\"error\nc,compliant\nd,error\n"))
				.isInstanceOf(InputProblem.class)
				.hasMessageContaining("in.csv, line 3: a quoted field that starts on this line is not closed before the"
						+ " end of the file")
				.hasMessageContaining("Nothing was sent");
		}

		@Test
		void anUnterminatedQuoteFarFromTheEndStopsAtTheMultilineLimit() {
			StringBuilder content = new StringBuilder("id,status\nb,\"error\n");
			for (int i = 0; i < 500; i++) {
				content.append("c").append(i).append(",compliant\n");
			}
			assertThatThrownBy(() -> readAll("in.csv", content.toString())).isInstanceOf(InputProblem.class)
				.hasMessageContaining("line 2: a quoted field that starts on this line is not closed within 100 lines");
		}

		@Test
		void tabSeparated() throws Exception {
			List<SourceRow> rows = readAll("in.tsv", "id\tdeviceDisplayName\na\tone, two\n");
			assertThat(rows.get(0).values()).containsEntry(DeviceStatusProperty.DEVICE_DISPLAY_NAME, "one, two");
		}

		@Test
		void formulaEscapesOfAReportAreUndone() throws Exception {
			List<SourceRow> rows = readAll("in.csv", "id,deviceDisplayName\na,'=SUM(A1)\nb,'plain\n");
			assertThat(rows.get(0).values()).containsEntry(DeviceStatusProperty.DEVICE_DISPLAY_NAME, "=SUM(A1)");
			assertThat(rows.get(1).values()).containsEntry(DeviceStatusProperty.DEVICE_DISPLAY_NAME, "'plain");
		}

		@Test
		void unknownColumnsAreTheHeadersProblemAndTheRowsAreReadWithoutThem() throws Exception {
			Path file = write("in.csv", "id,stauts,Colour,deviceModel\na,compliant,red,X1\n");
			InputFile input = InputFile.inspect(file, InputFormat.CSV);
			assertThat(input.headerProblem()).contains("in.csv, line 1: unknown columns 'stauts' (status?), 'Colour'")
				.contains("Properties (letter case and spaces ignored): deviceConfigurationId, id,");
			assertThat(Reading.readAll(input)).extracting(SourceRow::values)
				.containsExactly(Map.of(DeviceStatusProperty.ID, "a", DeviceStatusProperty.DEVICE_MODEL, "X1"));
		}

		@Test
		void aMappingNamesTheColumnsOfTheFile() throws Exception {
			Path file = write("in.csv", "Device ID,Status,Notes\na,Non-compliant,call back\n");
			InputFile input = InputFile.inspect(file, InputFormat.CSV,
					ColumnMapping.of(List.of("Device ID=id", "notes=_"), null));
			assertThat(input.headerProblem()).isNull();
			assertThat(Reading.readAll(input)).extracting(SourceRow::values)
				.containsExactly(Map.of(DeviceStatusProperty.ID, "a", DeviceStatusProperty.STATUS, "Non-compliant"));
		}

		@Test
		void anEmptyFileIsAnError() throws IOException {
			Path file = write("in.csv", "");
			assertThatThrownBy(() -> InputFile.inspect(file, InputFormat.CSV)).hasMessageContaining("is empty");
		}

		@Test
		void twoColumnsForOnePropertyAreAnError() throws IOException {
			Path file = write("in.csv", "id,status,STATUS\n");
			assertThat(InputFile.inspect(file, InputFormat.CSV).headerProblem())
				.contains("the columns 'status' and 'STATUS' both set status");
		}

	}

	@Nested
	class Duplicates {

		@Test
		void aRepeatedKeyNamesTheLineOfItsFirstOccurrence() throws Exception {
			List<SourceRow> rows = readAll("in.csv",
					"deviceConfigurationId,id,status\ncfg-default,a,compliant\n,A,error\ncfg-2,a,error\n");
			assertThat(rows).extracting(SourceRow::duplicateOfLine).containsExactly(0L, 2L, 0L);
			assertThat(rows).extracting(SourceRow::isDuplicate).containsExactly(false, true, false);
		}

		@Test
		void aReaderOpenedAgainDoesNotTakeTheRowsOfItsFirstPassForDuplicates() throws Exception {
			Path file = write("in.csv", "id,status\na,compliant\nb,compliant\na,error\n");
			RowReader reader = RowReader.forInput(InputFile.inspect(file, InputFormat.CSV), "cfg-default");
			for (int pass = 1; pass <= 2; pass++) {
				reader.open(new ExecutionContext());
				List<SourceRow> rows = new ArrayList<>();
				for (SourceRow row; (row = reader.read()) != null;) {
					rows.add(row);
				}
				reader.close();
				assertThat(rows).as("pass %d", pass).extracting(SourceRow::duplicateOfLine).containsExactly(0L, 0L, 2L);
			}
		}

		@Test
		void aResumedReaderStillKnowsTheRowsBeforeItsRestartPoint() throws Exception {
			String content = "id,status\na,compliant\nb,compliant\nc,compliant\na,error\n";
			ExecutionContext context = new ExecutionContext();
			context.putInt("input.read.count", 2);
			List<SourceRow> rows = readAll("in.csv", content, context);
			assertThat(rows).extracting(SourceRow::line).containsExactly(4L, 5L);
			assertThat(rows.get(1).duplicateOfLine()).isEqualTo(2);
		}

	}

	@Nested
	class Ndjson {

		@Test
		void aMissingKeyLeavesThePropertyAndNullClearsIt() throws Exception {
			List<SourceRow> rows = readAll("in.ndjson",
					"{\"id\":\"a\",\"status\":\"compliant\",\"userName\":null,\"_note\":1}\n");
			assertThat(rows.get(0).values()).containsOnlyKeys(DeviceStatusProperty.ID, DeviceStatusProperty.STATUS,
					DeviceStatusProperty.USER_NAME);
			assertThat(rows.get(0).values().get(DeviceStatusProperty.USER_NAME)).isNull();
		}

		@Test
		void linesThatAreNotObjectsAreMalformedAndReadingGoesOn() throws Exception {
			List<SourceRow> rows = readAll("in.jsonl", "\uFEFF{\"id\":\"a\",\"status\":\"error\"}\n\n{\"id\":\"b\",\n"
					+ "[1,2]\n{\"id\":\"c\",\"status\":\"error\"} trailing\n{\"id\":\"d\",\"status\":\"error\"}\n");
			assertThat(rows).extracting(SourceRow::line).containsExactly(1L, 3L, 4L, 5L, 6L);
			assertThat(rows).extracting(SourceRow::malformed).containsExactly(false, true, true, true, false);
			assertThat(rows.get(1).original()).isEqualTo(new SourceRow.RawText("{\"id\":\"b\","));
			assertThat(rows.get(2).readProblems().get(0)).contains("is a JSON array, not an object");
		}

		@Test
		void unknownKeysAndNonTextValuesMakeTheRowInvalid() throws Exception {
			List<SourceRow> rows = readAll("in.ndjson", "{\"id\":\"a\",\"stauts\":\"error\",\"status\":3}\n");
			assertThat(rows.get(0).malformed()).isFalse();
			assertThat(rows.get(0).readProblems()).hasSize(2);
			assertThat(rows.get(0).readProblems().get(0)).startsWith("unknown key 'stauts'");
			assertThat(rows.get(0).readProblems().get(1)).startsWith("status: 3 is a JSON number");
		}

	}

}
