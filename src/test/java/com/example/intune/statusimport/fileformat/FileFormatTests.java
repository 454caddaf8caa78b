package com.example.intune.statusimport.fileformat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FileFormatTests {

	@TempDir
	Path dir;

	@Test
	void aByteOrderMarkIsRecognisedAndNeverReachesTheText() throws Exception {
		byte[] marked = "\uFEFFid,status\n".getBytes(StandardCharsets.UTF_8);
		TextEncoding encoding = TextEncoding.ofFileStart(marked, marked.length);
		assertThat(encoding.byteOrderMark()).isTrue();
		assertThat(encoding.reader(new ByteArrayInputStream(marked)).readLine()).isEqualTo("id,status");
		assertThat(TextEncoding.ofFileStart("id".getBytes(StandardCharsets.UTF_8), 2).byteOrderMark()).isFalse();
		assertThat(TextEncoding.UTF_8.reader(new ByteArrayInputStream(new byte[] { 'x' })).readLine()).isEqualTo("x");
		assertThat(TextEncoding.UTF_8.reader(new ByteArrayInputStream(new byte[0])).readLine()).isNull();
	}

	@Test
	void bytesThatAreNotUtf8BecomeAReplacementCharacterInsteadOfFailingTheFile() throws Exception {
		byte[] latin1 = "Zo\u00eb".getBytes(StandardCharsets.ISO_8859_1);
		assertThat(TextEncoding.UTF_8.reader(new ByteArrayInputStream(latin1)).readLine()).isEqualTo("Zo\uFFFD");
	}

	@Test
	void theMarkIsWrittenOnlyAtTheStartOfAFile() throws Exception {
		TextEncoding marked = new TextEncoding(StandardCharsets.UTF_8, true);
		ByteArrayOutputStream start = new ByteArrayOutputStream();
		try (Writer writer = marked.writer(start, true)) {
			writer.write("id");
		}
		ByteArrayOutputStream appended = new ByteArrayOutputStream();
		try (Writer writer = marked.writer(appended, false)) {
			writer.write("id");
		}
		assertThat(start.toByteArray()).containsExactly(0xEF, 0xBB, 0xBF, 'i', 'd');
		assertThat(appended.toByteArray()).containsExactly('i', 'd');
	}

	@Test
	void whatTheDialectWritesItReadsBackCellForCell() throws Exception {
		DelimitedDialect dialect = new DelimitedDialect(',', TextEncoding.UTF_8);
		List<String> cells = List.of("plain", "a, b", "say \"hi\"", "two\nlines", "back\\slash", "", "=1+1");
		StringWriter text = new StringWriter();
		dialect.writer(text).write(cells);
		assertThat(text.toString()).endsWith("\r\n");
		Path file = this.dir.resolve("round.csv");
		Files.writeString(file, text.toString());

		try (DelimitedRecords records = dialect.open(file)) {
			List<String> read = ((DelimitedRecords.Cells) records.next(true)).cells();
			assertThat(read.subList(0, 6)).isEqualTo(cells.subList(0, 6));
			assertThat(read.get(6)).isEqualTo("'=1+1");
			assertThat(FormulaEscaping.unescape(read.get(6))).isEqualTo("=1+1");
		}
	}

	@Test
	void formulaEscapingCoversEveryCharacterASpreadsheetStartsAFormulaWith() {
		for (String formula : List.of("=A1", "+A1", "-A1", "@A1", "\tA1", "\rA1")) {
			assertThat(FormulaEscaping.escape(formula)).isEqualTo("'" + formula);
			assertThat(FormulaEscaping.unescape("'" + formula)).isEqualTo(formula);
		}
		assertThat(FormulaEscaping.escape("plain")).isEqualTo("plain");
		assertThat(FormulaEscaping.unescape("'plain")).isEqualTo("'plain");
		assertThat(FormulaEscaping.unescape("'")).isEqualTo("'");
	}

}
