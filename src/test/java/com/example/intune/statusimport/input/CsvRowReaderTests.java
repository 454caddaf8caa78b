package com.example.intune.statusimport.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.fileformat.DelimitedRecords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * CSV records as rows: a record too long to hold, a record with more cells than the header, and a file that changed
 * between the check before the job and the import.
 */
class CsvRowReaderTests {

	@TempDir
	Path dir;

	private Path write(String content) throws IOException {
		Path file = this.dir.resolve("statuses.csv");
		Files.writeString(file, content, StandardCharsets.UTF_8);
		return file;
	}

	private List<SourceRow> readAll(String content) throws Exception {
		return Reading.readAll(InputFile.inspect(write(content), InputFormat.CSV));
	}

	@Test
	void aRecordTooLongToHoldIsOneMalformedRowAndTheRecordsAfterItAreRead() throws Exception {
		String longCell = "x".repeat(DelimitedRecords.MAX_RECORD_CHARS);
		List<SourceRow> rows = readAll("id,deviceDisplayName\na,short\nb," + longCell + "\nc,short\n");
		assertThat(rows).extracting(SourceRow::line).containsExactly(2L, 3L, 4L);
		assertThat(rows).extracting(SourceRow::malformed).containsExactly(false, true, false);
		assertThat(rows.get(1).original()).isEqualTo(new SourceRow.DelimitedCells(List.of()));
		assertThat(rows.get(1).readProblems()).containsExactly("the row is " + (2 + longCell.length())
				+ " characters long, more than the " + DelimitedRecords.MAX_RECORD_CHARS + " a row may hold, so it was"
				+ " not read (nor copied here); check the file at this line");
		assertThat(rows.get(2).values()).containsEntry(DeviceStatusProperty.ID, "c");
	}

	@Test
	void extraCellsAreQuotedInTheMessageAndCutAfterFortyCharacters() throws Exception {
		String forty = "f".repeat(40);
		String fortyOne = "g".repeat(41);
		List<SourceRow> rows = readAll("id,status\na,compliant," + forty + "," + fortyOne + "\n");
		assertThat(rows.get(0).malformed()).isTrue();
		assertThat(rows.get(0).original())
			.isEqualTo(new SourceRow.DelimitedCells(List.of("a", "compliant", forty, fortyOne)));
		assertThat(rows.get(0).readProblems()).containsExactly("the row has 4 cells but the header has 2 columns;"
				+ " the extra cells are '" + forty + "', '" + "g".repeat(40) + "...'. Put quotes around a value that"
				+ " contains the separator.");
	}

	@Test
	void aQuoteNeverClosedInAFileChangedSinceItWasCheckedEndsTheRowsNamingItsLine() throws Exception {
		Path file = write("id,status\na,compliant\nb,error\n");
		InputFile input = InputFile.inspect(file, InputFormat.CSV);
		Files.writeString(file, "id,status\na,compliant\nb,\"error\nc,compliant\n", StandardCharsets.UTF_8);
		RowReader reader = RowReader.forInput(input, "cfg-default");
		reader.open(new ExecutionContext());
		SourceRow first = reader.read();
		SourceRow unclosed = reader.read();
		assertThat(reader.read()).as("after the unclosed quote").isNull();
		assertThat(reader.read()).as("read again after the end").isNull();
		reader.close();
		assertThat(first.values()).containsEntry(DeviceStatusProperty.ID, "a");
		assertThat(unclosed.line()).isEqualTo(3);
		assertThat(unclosed.malformed()).isTrue();
		assertThat(unclosed.readProblems()).containsExactly("a quoted field that starts on line 3 is not closed"
				+ " before the end of the file, so the rest of the file was not read. Close the quote (a quote inside a"
				+ " quoted field is written twice: \"\") and run again.");
	}

	@Test
	void aQuoteNeverClosedFarFromTheEndOfAChangedFileNamesTheMultilineLimit() throws Exception {
		Path file = write("id,status\na,compliant\n");
		InputFile input = InputFile.inspect(file, InputFormat.CSV);
		StringBuilder changed = new StringBuilder("id,status\nb,\"error\n");
		for (int i = 0; i < 500; i++) {
			changed.append("c").append(i).append(",compliant\n");
		}
		Files.writeString(file, changed, StandardCharsets.UTF_8);
		List<SourceRow> rows = Reading.readAll(input);
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).readProblems().get(0))
			.startsWith("a quoted field that starts on line 2 is not closed within 100 lines, so the rest of the file"
					+ " was not read.");
	}

	@Test
	void closingReleasesTheFileAndIsHarmlessWhenNothingWasOpened() throws Exception {
		InputFile input = InputFile.inspect(write("id,status\na,compliant\n"), InputFormat.CSV);
		assertThatCode(() -> RowReader.forInput(input, "cfg").close()).doesNotThrowAnyException();
		Reading.assertClosingReleasesTheFile(input);
	}

}
