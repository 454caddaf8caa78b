package com.example.intune.statusimport.input;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * What {@link InputFile#inspect} refuses before the job starts, and what it counts and hashes for the files it
 * accepts.
 */
class InputFileTests {

	@TempDir
	Path dir;

	private Path write(String name, byte[] content) throws IOException {
		Path file = this.dir.resolve(name);
		Files.write(file, content);
		return file;
	}

	private Path write(String name, String content) throws IOException {
		return write(name, content.getBytes(StandardCharsets.UTF_8));
	}

	private static InputFile inspect(Path file) {
		return InputFile.inspect(file, InputFormat.forFileName(file).orElseThrow());
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] all = new byte[first.length + second.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

	@Nested
	class WhatIsNotAFile {

		@Test
		void aFolderIsRefusedAskingForTheFile() {
			assertThatThrownBy(() -> InputFile.inspect(InputFileTests.this.dir.resolve("."), InputFormat.CSV))
				.isInstanceOf(InputProblem.class)
				.hasMessage(InputFileTests.this.dir + " is a folder; give the path of a .csv, .tsv, .ndjson or .jsonl"
						+ " file");
		}

		@Test
		void aDeviceIsRefusedBecauseTheJobReadsItsInputMoreThanOnce() {
			Path device = Path.of("/dev/null");
			assumeThat(Files.exists(device)).isTrue();
			assertThatThrownBy(() -> InputFile.inspect(device, InputFormat.CSV)).isInstanceOf(InputProblem.class)
				.hasMessageStartingWith("/dev/null is not a regular file")
				.hasMessageContaining("save it to a file first");
		}

		@Test
		void aMissingFileIsNamed() {
			Path missing = InputFileTests.this.dir.resolve("statuses.csv");
			assertThatThrownBy(() -> inspect(missing)).isInstanceOf(InputProblem.class)
				.hasMessage(missing + " does not exist");
		}

	}

	@Nested
	class WhatIsNotText {

		@Test
		void aGzipFileIsNamedWithACommandThatUnpacksItWhateverItsName() throws IOException {
			// plain "gunzip statuses.csv" would leave the file alone: gunzip only unpacks names ending in .gz
			Path file = write("statuses.csv", gzip("id,status\na,compliant\n"));
			assertThatThrownBy(() -> inspect(file)).isInstanceOf(InputProblem.class)
				.hasMessage(file + " is gzip-compressed; unpack it first (gunzip -c statuses.csv >"
						+ " unpacked-statuses.csv)");
			Path named = write("statuses.csv.GZ", gzip("id,status\na,compliant\n"));
			assertThatThrownBy(() -> InputFile.inspect(named, InputFormat.CSV))
				.hasMessage(named + " is gzip-compressed; unpack it first (gunzip statuses.csv.GZ)");
		}

		private static byte[] gzip(String content) throws IOException {
			ByteArrayOutputStream packed = new ByteArrayOutputStream();
			try (OutputStream out = new GZIPOutputStream(packed)) {
				out.write(content.getBytes(StandardCharsets.UTF_8));
			}
			return packed.toByteArray();
		}

		@Test
		void aGzipFileCutShortAfterItsMarkIsStillNamedAsGzip() throws IOException {
			Path file = write("statuses.ndjson", bytes(0x1F, 0x8B));
			assertThatThrownBy(() -> inspect(file)).hasMessageContaining("is gzip-compressed");
		}

		@Test
		void aZipFileThatIsNoWorkbookIsNamedAsAZipFile() throws IOException {
			ByteArrayOutputStream packed = new ByteArrayOutputStream();
			try (ZipOutputStream out = new ZipOutputStream(packed)) {
				out.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
				out.write("<worksheet/>".getBytes(StandardCharsets.UTF_8));
				out.closeEntry();
			}
			Path file = write("statuses.csv", packed.toByteArray());
			assertThatThrownBy(() -> inspect(file)).isInstanceOf(InputProblem.class)
				.hasMessage(file + " is a zip file, not text; unpack it, or if it is a workbook name it .xlsx");
		}

		@Test
		void anEmptyZipArchiveIsNamedAsAZipFileNotAsUtf16() throws IOException {
			ByteArrayOutputStream packed = new ByteArrayOutputStream();
			new ZipOutputStream(packed).close();
			Path file = write("statuses.csv", packed.toByteArray());
			assertThatThrownBy(() -> inspect(file)).hasMessageContaining("is a zip file");
		}

		@Test
		void aZipFileCutShortAfterItsMarkIsStillNamedAsZip() throws IOException {
			Path file = write("statuses.csv", bytes('P', 'K', 3, 4));
			assertThatThrownBy(() -> inspect(file)).hasMessageContaining("is a zip file");
		}

		@Test
		void aCsvFileWhoseFirstColumnStartsWithPkIsNoZipFile() throws Exception {
			// only the four bytes of a zip entry make a zip file: PK followed by anything else is text
			Path file = write("statuses.csv", "PK\u0003,id\n1,a\n");
			assertThat(inspect(file).headerProblem()).contains("unknown column 'PK\\u0003'");
		}

		@Test
		void utf16TextWithoutAMarkIsNamedByItsZeroBytesWithTheOptionThatReadsIt() throws IOException {
			Path file = write("statuses.tsv", "id\tstatus\r\na\tcompliant\r\n".getBytes(StandardCharsets.UTF_16LE));
			assertThatThrownBy(() -> inspect(file)).isInstanceOf(InputProblem.class)
				.hasMessage(file + " holds zero bytes (24 of its first 48), so it looks like UTF-16LE text without a"
						+ " byte-order mark; if it is, give --encoding UTF-16LE, or save it as \"CSV UTF-8\" or as"
						+ " Excel's \"Unicode text\", which has the mark");
			Path bigEndian = write("be.tsv", "id\tstatus\r\n".getBytes(StandardCharsets.UTF_16BE));
			assertThatThrownBy(() -> inspect(bigEndian)).hasMessageContaining("give --encoding UTF-16BE");
		}

		@Test
		void anEmptyUtf16FileOfOnlyItsMarkIsAnEmptyFile() throws IOException {
			Path file = write("statuses.csv", bytes(0xFF, 0xFE));
			assertThatThrownBy(() -> inspect(file)).hasMessage(file + " is empty: the first line must name the columns,"
					+ " for example deviceConfigurationId,id,status");
		}

		@Test
		void utf16NdjsonIsRefusedSinceJsonIsUtf8() throws IOException {
			Path marked = write("statuses.ndjson", concat(bytes(0xFF, 0xFE),
					"{\"id\":\"a\"}\n".getBytes(StandardCharsets.UTF_16LE)));
			assertThatThrownBy(() -> inspect(marked)).isInstanceOf(InputProblem.class)
				.hasMessage(marked + " is UTF-16 text; NDJSON is UTF-8 (RFC 8259), convert it first, for example: iconv"
						+ " -f UTF-16 -t UTF-8 statuses.ndjson > utf8-statuses.ndjson");
			Path unmarked = write("statuses.jsonl", "{\"id\":\"a\"}\n".getBytes(StandardCharsets.UTF_16LE));
			assertThatThrownBy(() -> inspect(unmarked)).hasMessageContaining("is UTF-16 text; NDJSON is UTF-8");
		}

		@Test
		void utf32IsNamedAndRefused() throws IOException {
			Path file = write("statuses.csv",
					concat(bytes(0xFF, 0xFE, 0, 0), "id".getBytes(Charset.forName("UTF-32LE"))));
			assertThatThrownBy(() -> inspect(file)).hasMessage(file + " is UTF-32 text, which this job does not read;"
					+ " save it as UTF-8 (\"CSV UTF-8\") or as UTF-16 (\"Unicode text\")");
		}

		@Test
		void aFewZeroBytesInUtf8TextAreLeftToTheRowsThatHoldThem() throws Exception {
			// 16 bytes, 2 of them zero: an eighth is not yet UTF-16; the rows with the zeros fail on their own
			Path file = write("statuses.csv", "id,status\nab\0,\0\n");
			InputFile input = inspect(file);
			assertThat(input.expectedRows()).isEqualTo(1);
		}

		@Test
		void aJsonArrayGivenAsNdjsonIsNamedWithTheCommandThatTurnsItIntoNdjson() throws IOException {
			Path file = write("statuses.ndjson", "[{\"id\":\"a\"},\n{\"id\":\"b\"}]\n");
			assertThatThrownBy(() -> inspect(file)).isInstanceOf(InputProblem.class)
				.hasMessage(file + " is a JSON array; NDJSON is one JSON object per line, without the brackets around"
						+ " them (jq -c '.[]' turns one into the other)");
		}

		@Test
		void aJsonArrayIsRecognisedAfterAByteOrderMarkAndWhiteSpace() throws IOException {
			Path file = write("statuses.jsonl", "\uFEFF \t\r\n[{\"id\":\"a\"}]\n");
			assertThatThrownBy(() -> inspect(file)).hasMessageContaining("is a JSON array");
		}

		@Test
		void aCsvOrTsvFileGivenAsNdjsonIsNamedForWhatItIs() throws IOException {
			Path csv = write("statuses.ndjson", "\uFEFFdeviceConfigurationId,id,status\ncfg-1,a,compliant\n");
			assertThatThrownBy(() -> inspect(csv)).isInstanceOf(InputProblem.class)
				.hasMessage(csv + ": the first line is not a JSON object but looks like the header of a CSV file"
						+ " ('deviceConfigurationId,id,status'); name the file .csv or give --format csv");
			Path tsv = write("statuses.jsonl", "\nid\tstatus\na\tcompliant\n");
			assertThatThrownBy(() -> inspect(tsv)).hasMessageContaining("the header of a tab-separated file")
				.hasMessageEndingWith("name the file .tsv or give --format tsv");
			Path garbage = write("other.ndjson", "not json\n{\"id\":\"a\",\"status\":\"compliant\"}\n");
			assertThat(inspect(garbage).expectedRows()).as("a first line that is no header is a malformed row")
				.isEqualTo(2);
		}

		@Test
		void aBracketInsideTheFirstObjectIsNoJsonArray() throws Exception {
			Path file = write("statuses.ndjson", " {\"id\":\"a\",\"status\":\"[compliant]\"}\n");
			assertThat(inspect(file).expectedRows()).isEqualTo(1);
		}

		@Test
		void aCsvHeaderStartingWithABracketIsReadAsAHeader() throws IOException {
			Path file = write("statuses.csv", "[id],status\na,compliant\n");
			assertThat(inspect(file).headerProblem()).contains("unknown column '[id]'");
		}

	}

	@Nested
	class WhatIsCountedAndHashed {

		@Test
		void csvRowsAreTheRecordsAfterTheHeaderWithoutBlankOnesAndTheHashIsOfEveryByte() throws Exception {
			String content = "id,status\r\na,compliant\r\n\r\n,,\r\n  \r\nb,\"error\r\nsecond line\"\r\nc,error";
			Path file = write("statuses.csv", content);
			InputFile input = inspect(file);
			assertThat(input.expectedRows()).isEqualTo(3);
			assertThat(input.sha256()).isEqualTo(sha256(content));
			assertThat(input.format()).isEqualTo(InputFormat.CSV);
			assertThat(input.path()).isEqualTo(file.toAbsolutePath().normalize());
			assertThat(input.layout().columns()).containsExactly("id", "status");
		}

		@Test
		void aCsvFileOfOnlyItsHeaderHasNoRows() throws Exception {
			assertThat(inspect(write("statuses.csv", "id,status\n")).expectedRows()).isZero();
			assertThat(inspect(write("statuses.tsv", "id\tstatus")).expectedRows()).isZero();
		}

		@Test
		void ndjsonRowsAreTheNonBlankLinesAndTheHashIsOfEveryByte() throws Exception {
			String content = "{\"id\":\"a\"}\r\n\n \t\r\n{\"id\":\"b\"}\n\n{\"id\":\"c\"}";
			Path file = write("statuses.ndjson", content);
			InputFile input = inspect(file);
			assertThat(input.expectedRows()).isEqualTo(3);
			assertThat(input.sha256()).isEqualTo(sha256(content));
			assertThat(input.layout()).isNull();
		}

		@Test
		void anNdjsonFileEndingInANewlineCountsItsLastLineOnce() throws Exception {
			assertThat(inspect(write("statuses.ndjson", "{\"id\":\"a\"}\n{\"id\":\"b\"}\n")).expectedRows())
				.isEqualTo(2);
			assertThat(inspect(write("statuses.jsonl", "\n \n")).expectedRows()).isZero();
			assertThat(inspect(write("empty.jsonl", "")).expectedRows()).isZero();
		}

		@Test
		void anNdjsonFileLargerThanOneBufferIsCountedWhole() throws Exception {
			StringBuilder content = new StringBuilder();
			for (int i = 0; i < 10_000; i++) {
				content.append("{\"id\":\"device-").append(i).append("\"}\n");
			}
			Path file = write("statuses.ndjson", content.toString());
			InputFile input = inspect(file);
			assertThat(input.expectedRows()).isEqualTo(10_000);
			assertThat(input.sha256()).isEqualTo(sha256(content.toString()));
		}

		@Test
		void theHashChangesWithTheContent() throws Exception {
			String first = inspect(write("a.csv", "id,status\na,compliant\n")).sha256();
			String second = inspect(write("b.csv", "id,status\na,error\n")).sha256();
			assertThat(first).isNotEqualTo(second);
		}

		@Test
		void aByteOrderMarkIsKeptForTheReport() throws Exception {
			assertThat(inspect(write("a.csv", "\uFEFFid,status\n")).encoding().byteOrderMark()).isTrue();
			assertThat(inspect(write("b.csv", "id,status\n")).encoding().byteOrderMark()).isFalse();
		}

		private static String sha256(String content) throws Exception {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
		}

	}

}
