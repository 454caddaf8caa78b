package com.example.intune.statusimport.runlog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * The bytes of one output (the run's standard output, or its errors) on their way to the screen or log, line by line:
 * in a log each line gets its time in front; on a terminal the bytes pass as they come. Each whole line is also
 * copied, with its time, to the log file, so that lines of the two outputs never mix there within a line.
 */
final class StampedLines extends OutputStream {

	private final OutputStream target;

	private final boolean stamp;

	private final LogFile file;

	private final Supplier<String> time;

	private final ByteArrayOutputStream line = new ByteArrayOutputStream();

	/**
	 * @param stamp whether {@code target} gets the time in front of each line (a log, not a terminal)
	 * @param file where each line goes too, or {@code null}
	 * @param time the time to put in front of a line
	 */
	StampedLines(OutputStream target, boolean stamp, LogFile file, Supplier<String> time) {
		this.target = target;
		this.stamp = stamp;
		this.file = file;
		this.time = time;
	}

	@Override
	public void write(int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		int start = offset;
		for (int i = offset; i < offset + length; i++) {
			if (bytes[i] == '\n') {
				this.line.write(bytes, start, i + 1 - start);
				if (!this.stamp) {
					this.target.write(bytes, start, i + 1 - start);
				}
				endLine();
				start = i + 1;
			}
		}
		int rest = offset + length - start;
		if (rest > 0) {
			this.line.write(bytes, start, rest);
			if (!this.stamp) {
				// a terminal shows what comes at once; only a log waits for the line's end to put its time first
				this.target.write(bytes, start, rest);
			}
		}
	}

	private void endLine() throws IOException {
		byte[] whole = this.line.toByteArray();
		this.line.reset();
		// an empty line carries nothing to date: it stays empty
		byte[] stamped = whole.length <= 1 ? whole : withTime(whole);
		if (this.stamp) {
			this.target.write(stamped);
		}
		if (this.file != null) {
			this.file.append(stamped);
		}
	}

	private byte[] withTime(byte[] whole) {
		byte[] time = (this.time.get() + " ").getBytes(java.nio.charset.StandardCharsets.UTF_8);
		byte[] stamped = new byte[time.length + whole.length];
		System.arraycopy(time, 0, stamped, 0, time.length);
		System.arraycopy(whole, 0, stamped, time.length, whole.length);
		return stamped;
	}

	@Override
	public void flush() throws IOException {
		this.target.flush();
	}

	/** A line left without its end (the last words of a run that was stopped) is written all the same. */
	@Override
	public void close() throws IOException {
		if (this.line.size() > 0) {
			write(new byte[] { '\n' }, 0, 1);
		}
		flush();
	}

}
