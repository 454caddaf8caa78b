package com.example.intune.statusimport.fileformat;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the records of a delimited file, RFC 4180: a field that starts with a quote is quoted and may hold the
 * separator, line breaks and quotes (written twice); in a field that does not start with one, a quote is an ordinary
 * character; CRLF, LF or CR end a record. Each record knows the line it starts on. Two things end a record early:
 * a quote still open after {@value DelimitedDialect#MULTILINE_LIMIT} lines or at the end of the file, which ends the
 * file too; and a record of more than {@value #MAX_RECORD_CHARS} characters, whose cells are skipped, not held in
 * memory, so that a 50 MB cell costs no more heap than a short one.
 */
public final class DelimitedRecords implements Closeable {

	/** The most characters a record may hold: a megabyte is far more than any device status needs. */
	public static final int MAX_RECORD_CHARS = 1 << 20;

	private static final int END = -1;

	/** A record as read. */
	public sealed interface Record permits Cells, TooLong, UnclosedQuote {

		/** The line the record starts on. */
		long line();

	}

	/** An ordinary record; {@code cells} is empty when they were not kept. */
	public record Cells(long line, List<String> cells, boolean blank) implements Record {
	}

	/** A record longer than {@link #MAX_RECORD_CHARS}, skipped. */
	public record TooLong(long line, long chars) implements Record {
	}

	/**
	 * A quote opened on {@code line} and still open after the multi-line limit or at the end of the file. Nothing
	 * after it can be read with any confidence, so the records end here.
	 */
	public record UnclosedQuote(long line, boolean atEndOfFile) implements Record {
	}

	private final Reader in;

	private final char separator;

	private final char[] buffer = new char[1 << 16];

	private int position;

	private int limit;

	private long line = 1;

	private boolean finished;

	public DelimitedRecords(Reader in, char separator) {
		this.in = in;
		this.separator = separator;
	}

	/**
	 * The next record, or {@code null} after the last one.
	 * @param keepCells whether to build the cells' text; a pass that only counts and checks leaves it off
	 */
	public Record next(boolean keepCells) throws IOException {
		if (this.finished) {
			return null;
		}
		long start = this.line;
		int first = read();
		if (first == END) {
			this.finished = true;
			return null;
		}
		List<String> cells = keepCells ? new ArrayList<>() : List.of();
		StringBuilder cell = keepCells ? new StringBuilder() : null;
		long chars = 0;
		boolean blank = true;
		int c = first;
		while (true) {
			// at the start of a field
			if (c == '"') {
				long quoteLine = this.line;
				while (true) {
					c = read();
					if (c == END) {
						this.finished = true;
						return new UnclosedQuote(quoteLine, true);
					}
					if (c == '"') {
						c = read();
						if (c != '"') {
							break; // the closing quote; what follows until the separator is taken as it is
						}
					}
					else if (c == '\r' || c == '\n') {
						// a line break inside a quoted field is read as LF, whichever the file used
						if (c == '\r' && crBeforeLf()) {
							read();
						}
						c = '\n';
						this.line++;
						if (this.line - quoteLine > DelimitedDialect.MULTILINE_LIMIT) {
							this.finished = true;
							return new UnclosedQuote(quoteLine, false);
						}
					}
					blank &= c == ' ';
					if (++chars <= MAX_RECORD_CHARS && cell != null) {
						cell.append((char) c);
					}
				}
			}
			while (c != this.separator && c != '\n' && c != '\r' && c != END) {
				blank &= c == ' ' || c == '\t';
				if (++chars <= MAX_RECORD_CHARS && cell != null) {
					cell.append((char) c);
				}
				c = read();
			}
			if (cell != null && chars <= MAX_RECORD_CHARS) {
				cells.add(cell.toString());
				cell.setLength(0);
			}
			if (c == this.separator) {
				chars++;
				c = read();
				continue;
			}
			if (c == '\r' && crBeforeLf()) {
				read();
			}
			if (c != END) {
				this.line++;
			}
			if (chars > MAX_RECORD_CHARS) {
				return new TooLong(start, chars);
			}
			return new Cells(start, cells, blank);
		}
	}

	/** Whether the CR just read is followed by an LF, which then ends the same line. */
	private boolean crBeforeLf() throws IOException {
		return peek() == '\n';
	}

	private int read() throws IOException {
		if (this.position == this.limit && !fill()) {
			return END;
		}
		return this.buffer[this.position++];
	}

	private int peek() throws IOException {
		if (this.position == this.limit && !fill()) {
			return END;
		}
		return this.buffer[this.position];
	}

	private boolean fill() throws IOException {
		int read = this.in.read(this.buffer, 0, this.buffer.length);
		if (read <= 0) {
			return false;
		}
		this.position = 0;
		this.limit = read;
		return true;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
