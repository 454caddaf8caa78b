package com.example.intune.statusimport.fileformat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a text file is encoded: its character set and whether it starts with a byte-order mark. The one place where a
 * mark is recognised on reading (and never reaches a cell or a key) and written again on writing, so that a report
 * opens in a spreadsheet the way its input did, and where text is decoded, strictly: bytes that are not valid in the
 * character set stop the reading ({@link UndecodableText}) instead of becoming characters nobody wrote.
 *
 * @param charset the character set
 * @param byteOrderMark whether the file starts with a byte-order mark
 */
public record TextEncoding(Charset charset, boolean byteOrderMark) {

	/** UTF-8 without a byte-order mark: what we read and write when nothing else is known. */
	public static final TextEncoding UTF_8 = new TextEncoding(StandardCharsets.UTF_8, false);

	/** The character sets a byte-order mark names; the longest mark first, since UTF-8's is three bytes. */
	private static final List<Charset> MARKED = List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE,
			StandardCharsets.UTF_16BE);

	/** Enough bytes for any mark {@link #ofFileStart} recognises. */
	public static final int LONGEST_MARK = 3;

	/**
	 * The encoding that the byte-order mark at the start of a file names (UTF-8, UTF-16LE or UTF-16BE), if it starts
	 * with one.
	 * @param start the first bytes of the file
	 * @param length how many of them there are (fewer than {@link #LONGEST_MARK} when the file is shorter)
	 */
	public static Optional<TextEncoding> markedBy(byte[] start, int length) {
		for (Charset charset : MARKED) {
			byte[] mark = markOf(charset);
			if (length >= mark.length && Arrays.equals(start, 0, mark.length, mark, 0, mark.length)) {
				return Optional.of(new TextEncoding(charset, true));
			}
		}
		return Optional.empty();
	}

	/** The encoding of a file whose first bytes are {@code start}: the one its mark names, else UTF-8. */
	public static TextEncoding ofFileStart(byte[] start, int length) {
		return markedBy(start, length).orElse(UTF_8);
	}

	/** The bytes of the byte-order mark in {@code charset}: U+FEFF encoded. */
	private static byte[] markOf(Charset charset) {
		return "\uFEFF".getBytes(charset);
	}

	/**
	 * A reader over the text past its byte-order mark. Bytes that are not valid in the character set end the reading
	 * with an {@link UndecodableText} naming their line and offset.
	 */
	public Reader reader(InputStream in) throws IOException {
		byte[] mark = this.byteOrderMark ? markOf(this.charset) : new byte[0];
		PushbackInputStream bytes = new PushbackInputStream(in, Math.max(1, mark.length));
		byte[] start = bytes.readNBytes(mark.length);
		boolean marked = Arrays.equals(start, mark);
		if (!marked) {
			bytes.unread(start);
		}
		return new StrictDecoding(bytes, this.charset, marked ? mark.length : 0);
	}

	/**
	 * A writer in this encoding, which refuses, rather than replaces, a character the character set cannot hold: text
	 * read from a file in this encoding can always be written back, so such a character is a bug to surface, never
	 * a value to garble silently. Text from elsewhere goes through {@link #representable} first.
	 * @param atFileStart whether the writer starts the file, where the byte-order mark goes when there is one
	 */
	public Writer writer(OutputStream out, boolean atFileStart) throws IOException {
		if (atFileStart && this.byteOrderMark) {
			out.write(markOf(this.charset));
		}
		CharsetEncoder encoder = this.charset.newEncoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		return new OutputStreamWriter(out, encoder);
	}

	/**
	 * {@code text} with each character this encoding cannot hold (a character beyond windows-1252 in a Graph error
	 * message, say) replaced by {@code ?}; everything else as it is.
	 */
	public String representable(String text) {
		CharsetEncoder encoder = this.charset.newEncoder();
		if (encoder.canEncode(text)) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length();) {
			int end = i + Character.charCount(text.codePointAt(i));
			CharSequence character = text.subSequence(i, end);
			out.append(encoder.canEncode(character) ? character : "?");
			i = end;
		}
		return out.toString();
	}

	/** The name a user gives with {@code --encoding} and reads in messages, such as {@code windows-1252}. */
	public String name() {
		return this.charset.name();
	}

}
