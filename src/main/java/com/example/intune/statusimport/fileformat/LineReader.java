package com.example.intune.statusimport.fileformat;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines (LF or CRLF) with their numbers, holding at most {@value DelimitedRecords#MAX_RECORD_CHARS} characters
 * of one: a longer line is skipped to its end and reported by its length, so that a 100 MB line costs no more heap
 * than a short one.
 */
public final class LineReader implements Closeable {

	/** One line: its text, or, when it was too long to keep, {@code null} and its length. */
	public record Line(long number, String text, long length) {

		public boolean tooLong() {
			return this.text == null;
		}

	}

	private final Reader in;

	private final char[] buffer = new char[1 << 16];

	private final StringBuilder line = new StringBuilder();

	private int position;

	private int limit;

	private long number;

	public LineReader(Reader in) {
		this.in = in;
	}

	/** The next line, or {@code null} at the end of the file. */
	public Line next() throws IOException {
		this.line.setLength(0);
		long length = 0;
		boolean any = false;
		while (true) {
			if (this.position == this.limit) {
				int read = this.in.read(this.buffer, 0, this.buffer.length);
				if (read <= 0) {
					return any ? finish(length) : null;
				}
				this.position = 0;
				this.limit = read;
			}
			any = true;
			char c = this.buffer[this.position++];
			if (c == '\n') {
				return finish(length);
			}
			if (++length <= DelimitedRecords.MAX_RECORD_CHARS) {
				this.line.append(c);
			}
		}
	}

	private Line finish(long length) {
		this.number++;
		if (length > DelimitedRecords.MAX_RECORD_CHARS) {
			return new Line(this.number, null, length);
		}
		int end = this.line.length();
		if (end > 0 && this.line.charAt(end - 1) == '\r') {
			this.line.setLength(end - 1);
		}
		return new Line(this.number, this.line.toString(), length);
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
