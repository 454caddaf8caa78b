package com.example.intune.statusimport.fileformat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.HexFormat;

/**
 * Bytes that are not valid in the character set a file is read in. Thrown by the reader of
 * {@link TextEncoding#reader}, it carries what a person needs to find them: the line (counted as the delimited
 * dialect counts them: LF, CRLF or CR end a line), the offset of the first bad byte from the start of the file
 * (byte-order mark included, as a hex editor counts), the bytes themselves and the text just before them.
 */
public final class UndecodableText extends IOException {

	private static final long serialVersionUID = 1L;

	private final transient Charset charset;

	private final long line;

	private final long byteOffset;

	private final byte[] bytes;

	private final String textBefore;

	UndecodableText(Charset charset, long line, long byteOffset, byte[] bytes, String textBefore) {
		super("line " + line + ", byte offset " + byteOffset + ": " + hex(bytes) + " is not valid " + charset.name());
		this.charset = charset;
		this.line = line;
		this.byteOffset = byteOffset;
		this.bytes = bytes.clone();
		this.textBefore = textBefore;
	}

	public Charset charset() {
		return this.charset;
	}

	public long line() {
		return this.line;
	}

	/** The offset of the first bad byte from the start of the file, counting from 0. */
	public long byteOffset() {
		return this.byteOffset;
	}

	public byte[] bytes() {
		return this.bytes.clone();
	}

	/** Up to 30 characters of the same line before the bad bytes, possibly none. */
	public String textBefore() {
		return this.textBefore;
	}

	/** The bytes as a person reads them in a hex editor: {@code 0xFC}, {@code 0xC3 0x28}. */
	public static String hex(byte[] bytes) {
		StringBuilder out = new StringBuilder();
		for (byte b : bytes) {
			out.append(out.isEmpty() ? "0x" : " 0x").append(HexFormat.of().withUpperCase().toHexDigits(b));
		}
		return out.toString();
	}

}
