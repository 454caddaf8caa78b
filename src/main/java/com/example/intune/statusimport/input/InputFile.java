package com.example.intune.statusimport.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import com.example.intune.statusimport.fileformat.DelimitedDialect;
import com.example.intune.statusimport.fileformat.DelimitedRecords;
import com.example.intune.statusimport.fileformat.Printable;
import com.example.intune.statusimport.fileformat.TextEncoding;
import com.example.intune.statusimport.fileformat.UndecodableText;

/**
 * An input file checked before the job starts: readable, its format, encoding and separator known, its header (for
 * CSV and TSV) read into columns through the mapping, every byte valid in its encoding, and its content hashed,
 * since the hash is part of what identifies a run for resuming. A header with a problem (unknown columns, say) is
 * kept with it: a real run refuses to start, a dry run goes on.
 *
 * @param path the absolute, normalized path
 * @param format how the file is read
 * @param sha256 the SHA-256 of the content, in hex
 * @param encoding the character set and byte-order mark, which the report repeats
 * @param layout the columns of a CSV or TSV file or a workbook's sheet, {@code null} for NDJSON
 * @param expectedRows the rows: for CSV and TSV the records after the header, for NDJSON the non-blank lines, for a
 * workbook the rows after the header that hold something
 * @param mapping what each column or key sets, the user's own names included
 * @param separator the separator of a CSV or TSV file, which the report repeats; 0 for other formats
 * @param sheet the sheet read of a workbook, {@code null} for text
 */
public record InputFile(Path path, InputFormat format, String sha256, TextEncoding encoding, ColumnLayout layout,
		long expectedRows, ColumnMapping mapping, char separator, WorkbookSheet sheet) {

	/** A text file with its format's own separator (a comma for CSV, a tab for TSV). */
	public InputFile(Path path, InputFormat format, String sha256, TextEncoding encoding, ColumnLayout layout,
			long expectedRows, ColumnMapping mapping) {
		this(path, format, sha256, encoding, layout, expectedRows, mapping, format.separator(), null);
	}

	/** The file read by the Graph property names alone, encoding and separator found out from it. */
	public static InputFile inspect(Path file, InputFormat format) {
		return inspect(file, format, ColumnMapping.NONE, TextOptions.DETECT);
	}

	/** The file read through {@code mapping}, encoding and separator found out from it. */
	public static InputFile inspect(Path file, InputFormat format, ColumnMapping mapping) {
		return inspect(file, format, mapping, TextOptions.DETECT);
	}

	/**
	 * The file read through {@code mapping}, in the encoding and with the separator {@code options} give, or else
	 * the ones its byte-order mark and header show.
	 */
	public static InputFile inspect(Path file, InputFormat format, ColumnMapping mapping, TextOptions options) {
		return inspect(file, format, mapping, options, null);
	}

	/**
	 * @param options for a text file, its encoding and separator when the options give them
	 * @param sheet for a workbook, the sheet's name or number ({@code --sheet}), or {@code null} for the first
	 */
	public static InputFile inspect(Path file, InputFormat format, ColumnMapping mapping, TextOptions options,
			String sheet) {
		Path path = file.toAbsolutePath().normalize();
		if (Files.isDirectory(path)) {
			throw new InputProblem(path + " is a folder; give the path of a .csv, .tsv, .ndjson or .jsonl file");
		}
		if (Files.exists(path) && !Files.isRegularFile(path)) {
			throw new InputProblem(path + " is not a regular file (a pipe, a device or a <(...) substitution): the"
					+ " job reads its input more than once (to count and hash it, to import it, and again to resume),"
					+ " so save it to a file first, for example: command > statuses.csv");
		}
		try {
			if (format == InputFormat.XLSX) {
				return WorkbookFile.inspect(path, sheet, mapping);
			}
			byte[] head = refuseWhatIsNotText(path, format);
			TextEncoding encoding = FileEncoding.of(path, head, format, options.charset());
			if (!format.isDelimited()) {
				LineScan scan = scanLines(path, encoding);
				return new InputFile(path, format, scan.sha256(), encoding, null, scan.nonBlankLines(), mapping);
			}
			char separator = SeparatorChoice.of(path, encoding, format, options.separator());
			DelimitedDialect dialect = new DelimitedDialect(separator, encoding);
			ColumnLayout layout = readLayout(path, dialect, mapping);
			RecordScan scan = scanRecords(path, dialect);
			return new InputFile(path, format, scan.sha256(), encoding, layout, scan.rows(), mapping, separator, null);
		}
		catch (NoSuchFileException ex) {
			throw new InputProblem(path + " does not exist", ex);
		}
		catch (UndecodableText ex) {
			throw FileEncoding.undecodable(path, format, ex);
		}
		catch (IOException ex) {
			throw new InputProblem(path + " cannot be read: " + ex.getMessage(), ex);
		}
	}

	/**
	 * What is wrong with the header, naming the file and line, or {@code null}: a real run does not start with one,
	 * a dry run reads the rows without the columns it cannot use.
	 */
	public String headerProblem() {
		return this.layout == null ? null : this.layout.problem();
	}

	/** How the rows of a CSV or TSV file are read, and how its report is written. */
	public DelimitedDialect dialect() {
		if (!this.format.isDelimited()) {
			throw new IllegalStateException(this.format + " is not a delimited format");
		}
		return new DelimitedDialect(this.separator, this.encoding);
	}

	/**
	 * How the file is read where an earlier version could not have read it so (another encoding than UTF-8, another
	 * separator than the format's own), for the run's identity: a run resumed with other reading options must not
	 * mix two readings of the file. Empty for what every version read alike.
	 */
	public String reading() {
		if (!this.format.isDelimited() || this.separator == this.format.separator()
				&& this.encoding.charset().equals(TextEncoding.UTF_8.charset())) {
			return "";
		}
		return this.encoding.name() + " " + DelimitedDialect.nameOf(this.separator);
	}

	private record LineScan(String sha256, long nonBlankLines) {
	}

	private record RecordScan(String sha256, long rows) {
	}

	/**
	 * Files that are not text of the format, named for what they are instead of failing on every row: a compressed
	 * file, a workbook, a JSON array given as NDJSON. Returns the first 4 KB, in which {@link FileEncoding} looks for
	 * the encoding.
	 */
	private static byte[] refuseWhatIsNotText(Path path, InputFormat format) throws IOException {
		byte[] head;
		try (InputStream in = Files.newInputStream(path)) {
			head = in.readNBytes(4096);
		}
		if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
			// gunzip leaves a file alone unless its name ends in .gz ("unknown suffix -- ignored")
			String name = path.getFileName().toString();
			String unpack = name.toLowerCase(Locale.ROOT).endsWith(".gz") ? "gunzip " + name
					: "gunzip -c " + name + " > unpacked-" + name;
			throw new InputProblem(path + " is gzip-compressed; unpack it first (" + unpack + ")");
		}
		WorkbookCheck.describeWorkbookGivenAsText(path, head).ifPresent(what -> {
			throw new InputProblem(what);
		});
		if (!format.isDelimited()) {
			refuseWhatIsNotNdjson(path, head);
		}
		return head;
	}

	/** A JSON array, or a CSV or TSV file, given as NDJSON: named for what it is instead of a malformed line each. */
	private static void refuseWhatIsNotNdjson(Path path, byte[] head) {
		int start = 0;
		while (start < head.length && (head[start] == ' ' || head[start] == '\t' || head[start] == '\r'
				|| head[start] == '\n' || (head[start] & 0xFF) == 0xEF || (head[start] & 0xFF) == 0xBB
				|| (head[start] & 0xFF) == 0xBF)) {
			start++;
		}
		if (start == head.length || head[start] == '{') {
			return;
		}
		if (head[start] == '[') {
			throw new InputProblem(path + " is a JSON array; NDJSON is one JSON object per line, without the"
					+ " brackets around them (jq -c '.[]' turns one into the other)");
		}
		int end = start;
		while (end < head.length && head[end] != '\n' && head[end] != '\r') {
			end++;
		}
		String line = new String(head, start, end - start, StandardCharsets.UTF_8);
		if (line.indexOf('{') < 0 && (line.indexOf(',') >= 0 || line.indexOf('\t') >= 0)) {
			throw new InputProblem(path + ": the first line is not a JSON object but looks like the header of a"
					+ (line.indexOf('\t') >= 0 ? " tab-separated file" : " CSV file") + " ('" + Printable.of(line)
					+ "'); name the file ." + (line.indexOf('\t') >= 0 ? "tsv" : "csv") + " or give --format "
					+ (line.indexOf('\t') >= 0 ? "tsv" : "csv"));
		}
	}

	private static ColumnLayout readLayout(Path path, DelimitedDialect dialect, ColumnMapping mapping)
			throws IOException {
		try (DelimitedRecords records = dialect.open(path)) {
			DelimitedRecords.Record header = records.next(true);
			if (header instanceof DelimitedRecords.TooLong tooLong) {
				throw new InputProblem(path + ", line 1: the header is " + tooLong.chars() + " characters long, more"
						+ " than the " + DelimitedRecords.MAX_RECORD_CHARS + " a line may hold; the first line must name"
						+ " the columns, for example deviceConfigurationId,id,status");
			}
			if (!(header instanceof DelimitedRecords.Cells cells) || cells.blank()) {
				throw new InputProblem(path + " is empty: the first line must name the columns, for example"
						+ " deviceConfigurationId,id,status");
			}
			return ColumnLayout.fromHeader(path, cells.line(), cells.cells().toArray(String[]::new),
					dialect.separator(), mapping);
		}
	}

	/**
	 * One pass over a CSV or TSV file: its hash, and its rows for the progress display's total. A quote that is
	 * never closed stops the run here, before anything is sent, naming the line where it opened: left to the import,
	 * it would swallow every row after it.
	 */
	private static RecordScan scanRecords(Path path, DelimitedDialect dialect) throws IOException {
		MessageDigest digest = newDigest();
		long rows = -1; // the header is not a row
		try (DelimitedRecords records = dialect.read(new DigestInputStream(Files.newInputStream(path), digest))) {
			for (DelimitedRecords.Record record; (record = records.next(false)) != null;) {
				if (record instanceof DelimitedRecords.UnclosedQuote quote) {
					throw new InputProblem(path + ", line " + quote.line() + ": a quoted field that starts on this line"
							+ " is not closed " + (quote.atEndOfFile() ? "before the end of the file"
									: "within " + DelimitedDialect.MULTILINE_LIMIT + " lines")
							+ ", so the rows after it cannot be told apart. Close the quote (a quote inside a quoted"
							+ " field is written twice: \"\") and run again. Nothing was sent.");
				}
				if (!(record instanceof DelimitedRecords.Cells cells && cells.blank())) {
					rows++;
				}
			}
		}
		return new RecordScan(HexFormat.of().formatHex(digest.digest()), Math.max(0, rows));
	}

	/**
	 * One pass over an NDJSON file: its hash, its non-blank lines for the progress display's total, and every byte
	 * checked to be UTF-8.
	 */
	private static LineScan scanLines(Path path, TextEncoding encoding) throws IOException {
		MessageDigest digest = newDigest();
		try (Reader in = encoding.reader(new DigestInputStream(Files.newInputStream(path), digest))) {
			char[] buffer = new char[1 << 16];
			long lines = 0;
			boolean content = false;
			for (int read; (read = in.read(buffer)) >= 0;) {
				for (int i = 0; i < read; i++) {
					char c = buffer[i];
					if (c == '\n') {
						lines += content ? 1 : 0;
						content = false;
					}
					else if (c != '\r' && c != ' ' && c != '\t') {
						content = true;
					}
				}
			}
			lines += content ? 1 : 0;
			return new LineScan(HexFormat.of().formatHex(digest.digest()), lines);
		}
	}

	private static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
