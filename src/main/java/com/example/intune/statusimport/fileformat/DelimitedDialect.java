package com.example.intune.statusimport.fileformat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;

/**
 * The one dialect of delimited files, for reading the input and writing the report alike: RFC 4180 quoting (a quote
 * inside a quoted field is doubled, backslash is an ordinary character), CRLF or LF read and CRLF written, the
 * file's separator and encoding, and formula escaping of written cells.
 *
 * @param separator the field separator, such as {@code ,} or a tab
 * @param encoding the character set and byte-order mark
 */
public record DelimitedDialect(char separator, TextEncoding encoding) {

	/** A quoted field that spans more lines than this is taken for a quote that was never closed. */
	public static final int MULTILINE_LIMIT = 100;

	/** RFC 4180's line end, which every spreadsheet reads. */
	public static final String LINE_END = "\r\n";

	/** The separators a header is searched for, and the only ones {@code --delimiter} takes. */
	public static final List<Character> SEPARATORS = List.of(',', ';', '\t', '|');

	/** A separator as messages write it: {@code ','}, {@code ';'}, {@code '|'} or {@code tab}. */
	public static String nameOf(char separator) {
		return separator == '\t' ? "tab" : "'" + separator + "'";
	}

	/** Opens {@code file} for reading records, past its byte-order mark. */
	public DelimitedRecords open(Path file) throws IOException {
		return read(Files.newInputStream(file));
	}

	/** Reads records from {@code in}, past its byte-order mark. */
	public DelimitedRecords read(InputStream in) throws IOException {
		return new DelimitedRecords(this.encoding.reader(in), this.separator);
	}

	/** Writes records to {@code out}, which the caller flushes and closes. */
	public RecordWriter writer(Writer out) {
		return new RecordWriter(new CSVWriterBuilder(out).withSeparator(this.separator).withLineEnd(LINE_END).build());
	}

	/** Writes one record per call; cells a spreadsheet would run as a formula are escaped. */
	public static final class RecordWriter {

		private final ICSVWriter csv;

		private RecordWriter(ICSVWriter csv) {
			this.csv = csv;
		}

		public void write(List<String> cells) {
			// quotes only where needed: a report fed back in reads the same cells either way
			this.csv.writeNext(cells.stream().map(FormulaEscaping::escape).toArray(String[]::new), false);
		}

	}

}
