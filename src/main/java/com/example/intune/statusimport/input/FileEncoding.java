package com.example.intune.statusimport.input;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import com.example.intune.statusimport.fileformat.Printable;
import com.example.intune.statusimport.fileformat.TextEncoding;
import com.example.intune.statusimport.fileformat.UndecodableText;

/**
 * Which encoding a text file is read in, and the messages when it cannot be: a byte-order mark decides (UTF-8,
 * UTF-16LE, UTF-16BE), else {@code --encoding}, else UTF-8. UTF-16 without a mark is refused unless
 * {@code --encoding} names it: zero bytes in the first 4 KB are its sign (ASCII letters are a byte and a zero), but
 * which of LE and BE it is cannot be known for sure from text that is not ASCII. NDJSON is always UTF-8 (RFC 8259).
 */
final class FileEncoding {

	private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	private FileEncoding() {
	}

	/**
	 * The encoding of a file whose first bytes are {@code head}.
	 * @param given the character set given with {@code --encoding}, or {@code null}
	 */
	static TextEncoding of(Path path, byte[] head, InputFormat format, Charset given) {
		if (startsWith(head, 0xFF, 0xFE, 0, 0) || startsWith(head, 0, 0, 0xFE, 0xFF)) {
			throw new InputProblem(path + " is UTF-32 text, which this job does not read; save it as UTF-8 (\"CSV"
					+ " UTF-8\") or as UTF-16 (\"Unicode text\")");
		}
		Optional<TextEncoding> marked = TextEncoding.markedBy(head, head.length);
		if (!format.isDelimited()) {
			if (marked.isPresent() && isUtf16(marked.get().charset()) || zeroBytes(head) > head.length / 8) {
				throw new InputProblem(path + " is UTF-16 text; NDJSON is UTF-8 (RFC 8259), convert it first, for"
						+ " example: iconv -f UTF-16 -t UTF-8 " + path.getFileName() + " > utf8-" + path.getFileName());
			}
			return marked.orElse(TextEncoding.UTF_8);
		}
		if (marked.isPresent()) {
			Charset markedCharset = marked.get().charset();
			if (given == null || given.equals(markedCharset)
					|| given.equals(StandardCharsets.UTF_16) && isUtf16(markedCharset)) {
				return marked.get();
			}
			throw new InputProblem(path + " starts with the byte-order mark of " + markedCharset.name() + ", so it is "
					+ markedCharset.name() + " text, but --encoding " + given.name() + " was given; leave --encoding"
					+ " out and the mark decides");
		}
		if (given != null && given.equals(StandardCharsets.UTF_16)) {
			throw new InputProblem(path + " has no byte-order mark to tell UTF-16LE from UTF-16BE; give --encoding"
					+ " UTF-16LE (as Windows writes it) or --encoding UTF-16BE");
		}
		if (given == null || !given.name().startsWith("UTF-16") && !given.name().startsWith("UTF-32")) {
			refuseUtf16WithoutMark(path, head);
		}
		return given == null ? TextEncoding.UTF_8 : new TextEncoding(given, false);
	}

	private static void refuseUtf16WithoutMark(Path path, byte[] head) {
		int zeros = zeroBytes(head);
		if (zeros <= head.length / 8) {
			return;
		}
		int atOdd = 0;
		for (int i = 1; i < head.length; i += 2) {
			atOdd += head[i] == 0 ? 1 : 0;
		}
		// "id" is 69 00 64 00 in UTF-16LE and 00 69 00 64 in UTF-16BE
		String likely = atOdd * 2 >= zeros ? "UTF-16LE" : "UTF-16BE";
		throw new InputProblem(path + " holds zero bytes (" + zeros + " of its first " + head.length + "), so it"
				+ " looks like " + likely + " text without a byte-order mark; if it is, give --encoding " + likely
				+ ", or save it as \"CSV UTF-8\" or as Excel's \"Unicode text\", which has the mark");
	}

	/**
	 * The message for bytes that are not valid in the encoding the file is read in: where they are, what they are,
	 * and the encoding the file is most likely in.
	 */
	static InputProblem undecodable(Path path, InputFormat format, UndecodableText bad) {
		return new InputProblem(where(path, bad) + ". " + advice(path, format, bad) + " Nothing was sent.", bad);
	}

	/** The same bytes found while importing, when the first pass found none: the file changed during the run. */
	static InputProblem changedDuringTheRun(Path path, UndecodableText bad) {
		return new InputProblem(where(path, bad) + ", though the file was valid when the run started: it was changed"
				+ " since. The rows before this line are done; put the file back as it was and run the same command to"
				+ " resume.", bad);
	}

	private static String where(Path path, UndecodableText bad) {
		return path + ", line " + bad.line() + ", byte offset " + bad.byteOffset() + ": "
				+ UndecodableText.hex(bad.bytes()) + " is not valid " + bad.charset().name()
				+ (bad.textBefore().isEmpty() ? "" : " (after '" + Printable.of(bad.textBefore()) + "')");
	}

	private static String advice(Path path, InputFormat format, UndecodableText bad) {
		Charset charset = bad.charset();
		if (!format.isDelimited()) {
			return "NDJSON is UTF-8 (RFC 8259): convert the file from the encoding it was written in, for example:"
					+ " iconv -f windows-1252 -t UTF-8 " + path.getFileName() + " > utf8-" + path.getFileName();
		}
		if (charset.equals(StandardCharsets.UTF_8)) {
			String shown = inWindows1252(bad.bytes()[0]).map(c -> " (there " + UndecodableText.hex(
					new byte[] { bad.bytes()[0] }) + " is '" + c + "')").orElse("");
			return "The file is in another encoding: a spreadsheet that saves plain CSV or text writes windows-1252 in"
					+ " Western Europe and the Americas, so give --encoding windows-1252" + shown + ", or save the file"
					+ " as \"CSV UTF-8\".";
		}
		if (isUtf16(charset)) {
			return "The file is not " + charset.name() + " text, or it was cut short; give the encoding it was saved"
					+ " in with --encoding, such as UTF-8 or windows-1252.";
		}
		return "The file is not " + charset.name() + " text; give the encoding it was saved in with --encoding, such"
				+ " as UTF-8, ISO-8859-15 or IBM850.";
	}

	private static Optional<String> inWindows1252(byte b) {
		try {
			String text = WINDOWS_1252.newDecoder().decode(ByteBuffer.wrap(new byte[] { b })).toString();
			return Character.isISOControl(text.charAt(0)) ? Optional.empty() : Optional.of(text);
		}
		catch (CharacterCodingException ex) {
			return Optional.empty();
		}
	}

	private static boolean isUtf16(Charset charset) {
		return charset.equals(StandardCharsets.UTF_16LE) || charset.equals(StandardCharsets.UTF_16BE)
				|| charset.equals(StandardCharsets.UTF_16);
	}

	private static int zeroBytes(byte[] head) {
		int zeros = 0;
		for (byte b : head) {
			zeros += b == 0 ? 1 : 0;
		}
		return zeros;
	}

	private static boolean startsWith(byte[] head, int... start) {
		if (head.length < start.length) {
			return false;
		}
		for (int i = 0; i < start.length; i++) {
			if ((head[i] & 0xFF) != start[i]) {
				return false;
			}
		}
		return true;
	}

}
