package com.example.intune.statusimport.fileformat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes bytes strictly: the first sequence that is not valid in the character set ends the reading with an
 * {@link UndecodableText} naming its line and byte offset, where {@code InputStreamReader} would have put U+FFFD in
 * its place and read on. Lines are counted here, as text is decoded, since only the decoder knows which byte a
 * character came from.
 */
final class StrictDecoding extends Reader {

	private static final int CONTEXT = 30;

	private final InputStream in;

	private final CharsetDecoder decoder;

	/** Bytes read but not decoded yet, between position and limit. */
	private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);

	/** Characters decoded but not handed out yet, between position and limit. */
	private final CharBuffer chars = CharBuffer.allocate(1 << 16);

	/** The offset in the file of the first byte in {@link #bytes}'s array. */
	private long offset;

	private long line = 1;

	private boolean previousWasCr;

	/** The end of the line being decoded, up to {@value #CONTEXT} characters, for the message. */
	private String lineTail = "";

	private boolean endOfInput;

	private boolean finished;

	/** @param offset how many bytes of the file come before {@code in} (a byte-order mark) */
	StrictDecoding(InputStream in, Charset charset, long offset) {
		this.in = in;
		this.decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		this.offset = offset;
		this.bytes.flip();
		this.chars.flip();
	}

	@Override
	public int read(char[] target, int from, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		while (!this.chars.hasRemaining()) {
			if (this.finished) {
				return -1;
			}
			decodeMore();
		}
		int count = Math.min(length, this.chars.remaining());
		this.chars.get(target, from, count);
		return count;
	}

	/** Decodes the next characters into the emptied character buffer. */
	private void decodeMore() throws IOException {
		this.chars.clear();
		while (true) {
			CoderResult result = this.decoder.decode(this.bytes, this.chars, this.endOfInput);
			if (result.isError()) {
				countLines(this.chars.position());
				throw undecodable(result.length());
			}
			if (result.isOverflow()) {
				break;
			}
			if (this.endOfInput) {
				this.decoder.flush(this.chars);
				this.finished = true;
				break;
			}
			if (this.chars.position() > 0) {
				break;
			}
			readBytes();
		}
		countLines(this.chars.position());
		this.chars.flip();
	}

	private void readBytes() throws IOException {
		this.offset += this.bytes.position();
		this.bytes.compact();
		int read = this.in.read(this.bytes.array(), this.bytes.position(), this.bytes.remaining());
		if (read < 0) {
			this.endOfInput = true;
		}
		else {
			this.bytes.position(this.bytes.position() + read);
		}
		this.bytes.flip();
	}

	/** Counts the line ends among the characters decoded so far into the buffer: LF, CRLF or CR, as records do. */
	private void countLines(int end) {
		char[] text = this.chars.array();
		int lineStart = 0;
		for (int i = 0; i < end; i++) {
			char c = text[i];
			if (c == '\r' || c == '\n' && !this.previousWasCr) {
				this.line++;
			}
			if (c == '\r' || c == '\n') {
				lineStart = i + 1;
			}
			this.previousWasCr = c == '\r';
		}
		String decoded = new String(text, Math.max(lineStart, end - CONTEXT), end - Math.max(lineStart, end - CONTEXT));
		String tail = lineStart == 0 ? this.lineTail + decoded : decoded;
		this.lineTail = tail.substring(Math.max(0, tail.length() - CONTEXT));
	}

	private UndecodableText undecodable(int length) {
		int at = this.bytes.position();
		byte[] bad = new byte[Math.min(length, this.bytes.limit() - at)];
		this.bytes.get(at, bad);
		return new UndecodableText(this.decoder.charset(), this.line, this.offset + at, bad, this.lineTail);
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
