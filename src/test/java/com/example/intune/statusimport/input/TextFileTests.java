package com.example.intune.statusimport.input;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.fileformat.TextEncoding;

import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.DEVICE_DISPLAY_NAME;
import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.ID;
import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.LAST_REPORTED_DATE_TIME;
import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.STATUS;
import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.USER_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CSV and text files as spreadsheets save them: the separator found in the header, the encoding from the byte-order
 * mark or {@code --encoding}, and bytes that are not valid in that encoding stopping the run before the job starts,
 * named by line and byte offset. The {@code libreoffice-*} fixtures were written by LibreOffice, not by us.
 */
class TextFileTests {

	private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	private static final TextOptions WINDOWS_1252_OPTION = new TextOptions(WINDOWS_1252, null);

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

	/** A fixture from {@code src/test/resources/spreadsheets}, copied into the test's folder. */
	static Path fixture(Path dir, String name) {
		try (InputStream in = TextFileTests.class.getResourceAsStream("/spreadsheets/" + name)) {
			Path file = dir.resolve(name);
			Files.write(file, in.readAllBytes());
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static InputFile inspect(Path file) {
		return InputFile.inspect(file, InputFormat.forFileName(file).orElseThrow());
	}

	private static InputFile inspect(Path file, TextOptions options) {
		return InputFile.inspect(file, InputFormat.forFileName(file).orElseThrow(), ColumnMapping.NONE, options);
	}

	private static List<Map<DeviceStatusProperty, String>> values(InputFile input) throws Exception {
		return Reading.readAll(input).stream().map(SourceRow::values).toList();
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			all.writeBytes(part);
		}
		return all.toByteArray();
	}

	private static int indexOf(byte[] bytes, int value) {
		for (int i = 0; i < bytes.length; i++) {
			if ((bytes[i] & 0xFF) == value) {
				return i;
			}
		}
		throw new AssertionError("no byte " + value);
	}

	@Nested
	class Separators {

		@Test
		void eachOfCommaSemicolonTabAndBarIsFoundInTheHeader() throws Exception {
			for (char separator : List.of(',', ';', '\t', '|')) {
				String s = String.valueOf(separator);
				Path file = write("statuses.csv", String.join(s, "deviceConfigurationId", "id", "status") + "\r\n"
						+ String.join(s, "cfg-1", "dcs-1", "compliant") + "\r\n");
				InputFile input = inspect(file);
				assertThat(input.separator()).as("separator %s", s).isEqualTo(separator);
				assertThat(input.dialect().separator()).isEqualTo(separator);
				assertThat(input.layout().columns()).containsExactly("deviceConfigurationId", "id", "status");
				assertThat(values(input)).containsExactly(Map.of(DeviceStatusProperty.DEVICE_CONFIGURATION_ID, "cfg-1",
						ID, "dcs-1", STATUS, "compliant"));
			}
		}

		@Test
		void separatorsInsideQuotesDoNotCount() throws Exception {
			// three commas in quotes against two semicolons outside them
			Path file = write("statuses.csv", "id;status;\"_note, with, commas, here\"\na;compliant;\"x, y\"\n");
			InputFile input = inspect(file);
			assertThat(input.separator()).isEqualTo(';');
			assertThat(values(input)).containsExactly(Map.of(ID, "a", STATUS, "compliant"));
		}

		@Test
		void aTieIsRefusedNamingTheSeparatorsToChooseFrom() throws IOException {
			Path file = write("statuses.csv", "_a,_b;id\n");
			assertThatThrownBy(() -> inspect(file)).isInstanceOf(InputProblem.class)
				.hasMessage(file + ", line 1 ('_a,_b;id') holds 1 of each of ',' and ';' outside quotes, so the"
						+ " separator cannot be told; give it with --delimiter, one of ',', ';'. Nothing was sent.");
			assertThat(inspect(file, new TextOptions(null, ';')).layout().columns()).as("--delimiter decides")
				.containsExactly("_a,_b", "id");
		}

		@Test
		void aHeaderWithNoneOfThemIsOneColumn() throws Exception {
			assertThat(inspect(write("ids.csv", "id\na\n")).layout().columns()).containsExactly("id");
			Path spaces = write("statuses.csv", "id status\na compliant\n");
			assertThat(inspect(spaces).headerProblem())
				.startsWith(spaces + ", line 1 (one column: it holds none of , ; | or tab outside quotes): unknown"
						+ " column 'id status'");
		}

		@Test
		void aTsvFileIsReadWithTabsAndAHeaderWithoutOneIsRefused() throws IOException {
			assertThat(inspect(write("statuses.tsv", "id\t_note;x\n")).layout().columns())
				.containsExactly("id", "_note;x");
			Path commas = write("commas.tsv", "id,status\na,compliant\n");
			assertThatThrownBy(() -> inspect(commas)).isInstanceOf(InputProblem.class)
				.hasMessage(commas + ", line 1 ('id,status') holds no tab but 1 ',' outside quotes; a .tsv file (or"
						+ " --format tsv) is read with tabs: name it .csv, or give --delimiter ','. Nothing was sent.");
			assertThat(inspect(commas, new TextOptions(null, ',')).separator()).as("--delimiter decides")
				.isEqualTo(',');
		}

		@Test
		void aGivenDelimiterThatTheHeaderDoesNotHoldIsRefused() throws IOException {
			Path file = write("statuses.csv", "id\tstatus\n");
			assertThatThrownBy(() -> inspect(file, new TextOptions(null, ';')))
				.hasMessage(file + ", line 1 ('id\\u0009status') holds no ';' but 1 tab outside quotes; give"
						+ " --delimiter tab, or leave --delimiter out to have it found. Nothing was sent.");
		}

		@Test
		void aHeaderThatIsAJsonObjectIsStillNamedAsNdjson() throws IOException {
			Path file = write("statuses.csv", "{\"id\":\"a\",\"status\":\"compliant\"}\n");
			assertThatThrownBy(() -> inspect(file)).hasMessage(file + ", line 1 is a JSON object, so the file looks like"
					+ " NDJSON; name it .ndjson or give --format ndjson");
		}

	}

	@Nested
	class Encodings {

		@Test
		void windows1252ReadAsUtf8StopsNamingTheLineTheByteAndTheOptionThatReadsIt() throws IOException {
			Path file = fixture(TextFileTests.this.dir, "libreoffice-semicolon-windows-1252.csv");
			int offset = indexOf(Files.readAllBytes(file), 0xFC);
			assertThatThrownBy(() -> inspect(file)).isInstanceOf(InputProblem.class)
				.hasMessage(file + ", line 2, byte offset " + offset + ": 0xFC is not valid UTF-8 (after"
						+ " 'eu;dcs-1001;compliant;Laptop J'). The file is in another encoding: a spreadsheet that saves"
						+ " plain CSV or text writes windows-1252 in Western Europe and the Americas, so give --encoding"
						+ " windows-1252 (there 0xFC is 'ü'), or save the file as \"CSV UTF-8\". Nothing was sent.");
		}

		@Test
		void windows1252WithTheOptionReadsEveryOriginalCharacter() throws Exception {
			InputFile input = inspect(fixture(TextFileTests.this.dir, "libreoffice-semicolon-windows-1252.csv"),
					WINDOWS_1252_OPTION);
			assertThat(input.encoding()).isEqualTo(new TextEncoding(WINDOWS_1252, false));
			assertThat(input.separator()).isEqualTo(';');
			assertThat(input.expectedRows()).isEqualTo(6);
			List<Map<DeviceStatusProperty, String>> rows = values(input);
			assertThat(rows).extracting(row -> row.get(USER_NAME))
				.containsExactly("Jürgen Müller", "Zoë François", "Søren Ærø", "José Núñez", "Œdipe Šmid",
						"Ángel Ñúñez");
			assertThat(rows).extracting(row -> row.get(DEVICE_DISPLAY_NAME))
				.containsExactly("Laptop Jürgen Müller", "Büro; Empfang", "Ærøskøbing Kiosk", "Café \"Zum Löwen\"",
						"Kasse 5 €", "Straße 7");
		}

		@Test
		void aDateColumnOfAEuropeanCsvIsReadAsItsTextForValidationToJudge() throws Exception {
			InputFile input = inspect(fixture(TextFileTests.this.dir, "libreoffice-semicolon-windows-1252-dates.csv"),
					WINDOWS_1252_OPTION);
			assertThat(values(input)).extracting(row -> row.get(LAST_REPORTED_DATE_TIME))
				.containsExactly("28.11.2026 14:05", "29.11.2026 09:30");
		}

		@Test
		void excelsUnicodeTextIsReadByItsByteOrderMarkWithTabs() throws Exception {
			InputFile input = inspect(fixture(TextFileTests.this.dir, "libreoffice-unicode-text-utf16le.txt"));
			assertThat(input.encoding()).isEqualTo(new TextEncoding(StandardCharsets.UTF_16LE, true));
			assertThat(input.separator()).isEqualTo('\t');
			assertThat(values(input)).extracting(row -> row.get(DEVICE_DISPLAY_NAME))
				.containsExactly("设备名称 北京", "Ελληνικό λάπτοπ", "Jürgen's \uD83D\uDCF1",
						"Notiz, mit Komma");
		}

		@Test
		void utf16BigEndianIsReadByItsMarkToo() throws Exception {
			Path file = write("statuses.txt", "\uFEFFid\tdeviceDisplayName\r\ndcs-1\t设备\r\n"
				.getBytes(StandardCharsets.UTF_16BE));
			InputFile input = inspect(file);
			assertThat(input.encoding()).isEqualTo(new TextEncoding(StandardCharsets.UTF_16BE, true));
			assertThat(values(input)).containsExactly(Map.of(ID, "dcs-1", DEVICE_DISPLAY_NAME, "设备"));
		}

		@Test
		void utf16WithoutAMarkIsReadWhenTheOptionNamesItsByteOrder() throws Exception {
			Path file = write("statuses.txt", "id\tstatus\r\ndcs-1\tcompliant\r\n".getBytes(StandardCharsets.UTF_16LE));
			InputFile input = inspect(file, new TextOptions(StandardCharsets.UTF_16LE, null));
			assertThat(input.encoding()).isEqualTo(new TextEncoding(StandardCharsets.UTF_16LE, false));
			assertThat(values(input)).containsExactly(Map.of(ID, "dcs-1", STATUS, "compliant"));
			assertThatThrownBy(() -> inspect(file, new TextOptions(StandardCharsets.UTF_16, null)))
				.hasMessage(file + " has no byte-order mark to tell UTF-16LE from UTF-16BE; give --encoding UTF-16LE"
						+ " (as Windows writes it) or --encoding UTF-16BE");
			Path marked = write("marked.txt", "\uFEFFid\r\ndcs-1\r\n".getBytes(StandardCharsets.UTF_16LE));
			assertThat(inspect(marked, new TextOptions(StandardCharsets.UTF_16, null)).encoding())
				.as("plain UTF-16 takes the byte order from the mark")
				.isEqualTo(new TextEncoding(StandardCharsets.UTF_16LE, true));
		}

		@Test
		void aMarkThatContradictsTheOptionIsRefused() throws IOException {
			Path file = write("statuses.csv", "\uFEFFid,status\n");
			assertThatThrownBy(() -> inspect(file, WINDOWS_1252_OPTION))
				.hasMessage(file + " starts with the byte-order mark of UTF-8, so it is UTF-8 text, but --encoding"
						+ " windows-1252 was given; leave --encoding out and the mark decides");
			assertThat(inspect(file, new TextOptions(StandardCharsets.UTF_8, null)).encoding())
				.isEqualTo(new TextEncoding(StandardCharsets.UTF_8, true));
		}

		@Test
		void aByteThatTheGivenEncodingDoesNotHaveIsNamedWithOtherEncodingsToTry() throws IOException {
			Path file = write("statuses.csv", concat("id;deviceDisplayName\r\na;b".getBytes(StandardCharsets.US_ASCII),
					new byte[] { (byte) 0x81 }, "\r\n".getBytes(StandardCharsets.US_ASCII)));
			assertThatThrownBy(() -> inspect(file, WINDOWS_1252_OPTION))
				.hasMessage(file + ", line 2, byte offset 25: 0x81 is not valid windows-1252 (after 'a;b'). The file is"
						+ " not windows-1252 text; give the encoding it was saved in with --encoding, such as UTF-8,"
						+ " ISO-8859-15 or IBM850. Nothing was sent.");
		}

		@Test
		void aBadByteFarIntoTheFileIsFoundBeforeTheJobStarts() throws IOException {
			StringBuilder rows = new StringBuilder("id,deviceDisplayName\n");
			for (int i = 0; i < 5000; i++) {
				rows.append("dcs-").append(i).append(",caf\u00e9 \"").append(i).append("\"\n");
			}
			byte[] good = rows.toString().getBytes(StandardCharsets.UTF_8);
			Path file = write("statuses.csv", concat(good, "dcs-x,caf".getBytes(StandardCharsets.US_ASCII),
					"\u00e9".getBytes(StandardCharsets.ISO_8859_1), "\n".getBytes(StandardCharsets.US_ASCII)));
			assertThatThrownBy(() -> inspect(file)).hasMessageStartingWith(file + ", line 5002, byte offset "
					+ (good.length + 9) + ": 0xE9 is not valid UTF-8 (after 'dcs-x,caf').")
				.hasMessageContaining("(there 0xE9 is 'é')");
		}

		@Test
		void utf16CutShortIsNamed() throws IOException {
			byte[] cut = concat("\uFEFFid\r\na".getBytes(StandardCharsets.UTF_16LE), new byte[] { 'b' });
			Path file = write("statuses.txt", cut);
			assertThatThrownBy(() -> inspect(file)).hasMessage(file + ", line 2, byte offset 12: 0x62 is not valid"
					+ " UTF-16LE (after 'a'). The file is not UTF-16LE text, or it was cut short; give the encoding it was"
					+ " saved in with --encoding, such as UTF-8 or windows-1252. Nothing was sent.");
		}

		@Test
		void ndjsonIsReadAsStrictUtf8Too() throws IOException {
			Path file = write("statuses.ndjson", concat("{\"id\":\"a\"}\n{\"id\":\"Zo".getBytes(StandardCharsets.UTF_8),
					new byte[] { (byte) 0xEB }, "\"}\n".getBytes(StandardCharsets.UTF_8)));
			assertThatThrownBy(() -> inspect(file)).isInstanceOf(InputProblem.class)
				.hasMessage(file + ", line 2, byte offset 20: 0xEB is not valid UTF-8 (after '{\"id\":\"Zo'). NDJSON is"
						+ " UTF-8 (RFC 8259): convert the file from the encoding it was written in, for example: iconv -f"
						+ " windows-1252 -t UTF-8 statuses.ndjson > utf8-statuses.ndjson Nothing was sent.");
		}

		@Test
		void aFileChangedToHoldBadBytesDuringTheRunStopsTheImportInsteadOfGarblingIt() throws Exception {
			String content = "id,deviceDisplayName\na,Zo\u00eb\nb,caf\u00e9\n";
			// found when the reader opens (it decodes ahead), and while it reads, for bytes beyond what it decoded
			Path early = write("early.csv", content);
			InputFile earlyInput = inspect(early);
			Files.write(early, content.getBytes(StandardCharsets.ISO_8859_1));
			assertThat(problemOf(() -> Reading.readAll(earlyInput))).hasMessage(early.toAbsolutePath() + ", line 2,"
					+ " byte offset 25: 0xEB is not valid UTF-8 (after 'a,Zo'), though the file was valid when the run"
					+ " started: it was changed since. The rows before this line are done; put the file back as it was"
					+ " and run the same command to resume.");
			String far = "id,deviceDisplayName\n" + "a,x\n".repeat(100_000);
			Path late = write("late.csv", far + "b,caf\u00e9\n");
			InputFile lateInput = inspect(late);
			Files.write(late, (far + "b,caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
			assertThat(problemOf(() -> Reading.readAll(lateInput)))
				.hasMessageStartingWith(late.toAbsolutePath() + ", line 100002, byte offset " + (far.length() + 5)
						+ ": 0xE9 is not valid UTF-8 (after 'b,caf'), though the file was valid");
		}

		/** The problem a reader stops with, which an opening reader wraps in Spring Batch's exception. */
		private static InputProblem problemOf(org.assertj.core.api.ThrowableAssert.ThrowingCallable reading) {
			Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(reading);
			for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
				if (cause instanceof InputProblem problem) {
					return problem;
				}
			}
			throw new AssertionError("no InputProblem in " + thrown, thrown);
		}

	}

}
