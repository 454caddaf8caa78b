package com.example.intune.statusimport.fileformat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * How a text file is encoded: its character set and whether it starts with a byte-order mark. The one place where a
 * mark is recognised on reading (and never reaches a cell or a key) and written again on writing, so that a report
 * opens in a spreadsheet the way its input did.
 *
 * @param charset the character set
 * @param byteOrderMark whether the file starts with a byte-order mark
 */
public record TextEncoding(Charset charset, boolean byteOrderMark) {

	/** UTF-8 without a byte-order mark: what we write when nothing else is known. */
	public static final TextEncoding UTF_8 = new TextEncoding(StandardCharsets.UTF_8, false);

	private static final byte[] UTF_8_MARK = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	/** The encoding of a file whose first bytes are {@code start} (fewer when the file is shorter). */
	public static TextEncoding ofFileStart(byte[] start, int length) {
		boolean mark = length >= UTF_8_MARK.length && start[0] == UTF_8_MARK[0] && start[1] == UTF_8_MARK[1]
				&& start[2] == UTF_8_MARK[2];
		return new TextEncoding(StandardCharsets.UTF_8, mark);
	}

	/**
	 * A reader over the text without its byte-order mark. Bytes that are not valid in the character set become
	 * U+FFFD, which validation reports with the row's line instead of failing the whole file.
	 */
	public BufferedReader reader(InputStream in) throws IOException {
		PushbackInputStream bytes = new PushbackInputStream(in, UTF_8_MARK.length);
		byte[] start = bytes.readNBytes(UTF_8_MARK.length);
		int skip = ofFileStart(start, start.length).byteOrderMark() ? start.length : 0;
		bytes.unread(start, skip, start.length - skip);
		Reader decoded = new InputStreamReader(bytes, this.charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE));
		return new BufferedReader(decoded, 1 << 16);
	}

	/**
	 * A writer in this encoding.
	 * @param atFileStart whether the writer starts the file, where the byte-order mark goes when there is one
	 */
	public Writer writer(OutputStream out, boolean atFileStart) throws IOException {
		if (atFileStart && this.byteOrderMark) {
			out.write(UTF_8_MARK);
		}
		return new OutputStreamWriter(out, this.charset);
	}

}
