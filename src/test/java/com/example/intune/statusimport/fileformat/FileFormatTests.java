package com.example.intune.statusimport.fileformat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FileFormatTests {

	@TempDir
	Path dir;

	private static String read(TextEncoding encoding, byte[] bytes) throws IOException {
		try (Reader reader = encoding.reader(new ByteArrayInputStream(bytes))) {
			StringWriter text = new StringWriter();
			reader.transferTo(text);
			return text.toString();
		}
	}

	private static UndecodableText undecodable(TextEncoding encoding, byte[] bytes) {
		return catchThrowableOfType(UndecodableText.class, () -> read(encoding, bytes));
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			all.writeBytes(part);
		}
		return all.toByteArray();
	}

	@Test
	void aByteOrderMarkIsRecognisedAndNeverReachesTheText() throws Exception {
		byte[] marked = "\uFEFFid,status\n".getBytes(StandardCharsets.UTF_8);
		TextEncoding encoding = TextEncoding.ofFileStart(marked, marked.length);
		assertThat(encoding).isEqualTo(new TextEncoding(StandardCharsets.UTF_8, true));
		assertThat(read(encoding, marked)).isEqualTo("id,status\n");
		assertThat(TextEncoding.ofFileStart("id".getBytes(StandardCharsets.UTF_8), 2)).isEqualTo(TextEncoding.UTF_8);
		assertThat(read(TextEncoding.UTF_8, new byte[] { 'x' })).isEqualTo("x");
		assertThat(read(TextEncoding.UTF_8, new byte[0])).isEmpty();
	}

	@Test
	void theMarksOfUtf16NameItsByteOrder() throws Exception {
		byte[] little = "\uFEFFid\tstatus".getBytes(StandardCharsets.UTF_16LE);
		byte[] big = "\uFEFFid\tstatus".getBytes(StandardCharsets.UTF_16BE);
		assertThat(little).startsWith(0xFF, 0xFE);
		assertThat(TextEncoding.ofFileStart(little, 3)).isEqualTo(new TextEncoding(StandardCharsets.UTF_16LE, true));
		assertThat(TextEncoding.ofFileStart(big, 3)).isEqualTo(new TextEncoding(StandardCharsets.UTF_16BE, true));
		assertThat(read(new TextEncoding(StandardCharsets.UTF_16LE, true), little)).isEqualTo("id\tstatus");
		assertThat(read(new TextEncoding(StandardCharsets.UTF_16BE, true), big)).isEqualTo("id\tstatus");
		assertThat(TextEncoding.markedBy(new byte[] { (byte) 0xFF }, 1)).as("half a mark is none").isEmpty();
	}

	@Test
	void bytesThatAreNotValidStopTheReadingNamingLineOffsetBytesAndTheTextBefore() {
		// "Zoë" saved in windows-1252 and read as UTF-8: 0xEB starts a three-byte sequence that 'y' does not go on
		byte[] bytes = concat("id\r\nx\rname\nZo".getBytes(StandardCharsets.US_ASCII), new byte[] { (byte) 0xEB },
				"y\n".getBytes(StandardCharsets.US_ASCII));
		UndecodableText bad = undecodable(TextEncoding.UTF_8, bytes);
		assertThat(bad.line()).as("CRLF, CR and LF each end a line").isEqualTo(4);
		assertThat(bad.byteOffset()).as("counted from 0, as hex editors do").isEqualTo(13);
		assertThat(UndecodableText.hex(bad.bytes())).isEqualTo("0xEB");
		assertThat(bad.textBefore()).isEqualTo("Zo");
		assertThat(bad.charset()).isEqualTo(StandardCharsets.UTF_8);
	}

	@Test
	void theOffsetCountsTheMarkAndLinesAreCountedAcrossBuffers() {
		String longLines = ("x".repeat(999) + "\r\n").repeat(200); // 200 KB: several buffers of bytes and of text
		byte[] bytes = concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF },
				longLines.getBytes(StandardCharsets.UTF_8), "abc".getBytes(StandardCharsets.UTF_8),
				new byte[] { (byte) 0xFF });
		UndecodableText bad = undecodable(new TextEncoding(StandardCharsets.UTF_8, true), bytes);
		assertThat(bad.line()).isEqualTo(201);
		assertThat(bad.byteOffset()).isEqualTo(3 + 200 * 1001 + 3);
		assertThat(bad.textBefore()).isEqualTo("abc");
	}

	@Test
	void aSequenceCutShortByTheEndOfTheFileIsNotValidEither() {
		byte[] bytes = concat("id\n\u00fc".getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xE2, (byte) 0x82 });
		UndecodableText bad = undecodable(TextEncoding.UTF_8, bytes);
		assertThat(bad.line()).isEqualTo(2);
		assertThat(UndecodableText.hex(bad.bytes())).isEqualTo("0xE2 0x82");
		assertThat(bad.textBefore()).isEqualTo("\u00fc");
	}

	@Test
	void utf16IsReadStrictlyToo() {
		TextEncoding utf16 = new TextEncoding(StandardCharsets.UTF_16LE, true);
		// a low surrogate with no high one before it, on the second line
		byte[] bytes = concat("\uFEFFid\r\nab".getBytes(StandardCharsets.UTF_16LE), new byte[] { 0x00, (byte) 0xDC });
		UndecodableText bad = undecodable(utf16, bytes);
		assertThat(bad.line()).isEqualTo(2);
		assertThat(bad.byteOffset()).isEqualTo(2 + 8 + 4);
		assertThat(UndecodableText.hex(bad.bytes())).isEqualTo("0x00 0xDC");
		byte[] odd = concat("\uFEFFid".getBytes(StandardCharsets.UTF_16LE), new byte[] { 0x41 });
		assertThat(undecodable(utf16, odd).byteOffset()).as("an odd byte at the end").isEqualTo(6);
	}

	@Test
	void aSingleByteEncodingRefusesOnlyItsUnmappedBytes() throws Exception {
		TextEncoding windows1252 = new TextEncoding(Charset.forName("windows-1252"), false);
		assertThat(read(windows1252, new byte[] { 'J', (byte) 0xFC, (byte) 0x80 })).isEqualTo("J\u00fc\u20ac");
		assertThat(UndecodableText.hex(undecodable(windows1252, new byte[] { 'a', (byte) 0x81 }).bytes()))
			.isEqualTo("0x81");
	}

	@Test
	void theMarkIsWrittenOnlyAtTheStartOfAFileInTheFilesOwnByteOrder() throws Exception {
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
		ByteArrayOutputStream utf16 = new ByteArrayOutputStream();
		try (Writer writer = new TextEncoding(StandardCharsets.UTF_16LE, true).writer(utf16, true)) {
			writer.write("id");
		}
		assertThat(utf16.toByteArray()).containsExactly(0xFF, 0xFE, 'i', 0, 'd', 0);
	}

	@Test
	void theWriterRefusesWhatTheEncodingCannotHoldAndRepresentableReplacesItWithAQuestionMark() throws Exception {
		TextEncoding windows1252 = new TextEncoding(Charset.forName("windows-1252"), false);
		Writer writer = windows1252.writer(new ByteArrayOutputStream(), false);
		assertThatThrownBy(() -> {
			writer.write("\u4e0d\u660e");
			writer.flush();
		}).isInstanceOf(CharacterCodingException.class);
		assertThat(windows1252.representable("J\u00fcrgen \u2192 \u4e0d\uD83D\uDE00 \u20ac"))
			.as("one ? for each character, also one beyond the BMP")
			.isEqualTo("J\u00fcrgen ? ?? \u20ac");
		assertThat(TextEncoding.UTF_8.representable("\u4e0d\uD83D\uDE00")).isEqualTo("\u4e0d\uD83D\uDE00");
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
