package com.example.intune.statusimport.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

import org.apache.poi.util.XMLHelper;

/**
 * Reading the parts of a workbook with StAX, a pull parser that holds one element at a time: the text of an element
 * with a bound on what is kept, so that a hostile cell cannot fill the heap, and with the {@code _xHHHH_} escapes
 * that OOXML uses for characters XML cannot hold (a line break in a cell is {@code _x000D_}) decoded.
 * <p>
 * The parser itself holds a whole attribute value, text or CDATA section before it reports it: a hostile part with
 * one value of a gigabyte would fill the heap before any bound of ours could act. So each step of the parser may
 * unpack at most {@link #MAX_STEP_BYTES} of the part; a real workbook needs a few KB per step.
 */
final class SheetXml {

	/** POI's factory: no DTDs, no external entities (XXE), no entity expansion (the billion laughs). */
	private static final XMLInputFactory FACTORY = XMLHelper.newXMLInputFactory();

	private static final Pattern ESCAPE = Pattern.compile("_x([0-9A-Fa-f]{4})_");

	/** What one parser step may unpack: the longest cell this job reads (a million characters) three times over. */
	static final int MAX_STEP_BYTES = 16 << 20;

	private SheetXml() {
	}

	static XMLStreamReader open(InputStream in) throws XMLStreamException {
		StepBudget budget = new StepBudget(in);
		return new StreamReaderDelegate(FACTORY.createXMLStreamReader(budget)) {

			@Override
			public int next() throws XMLStreamException {
				budget.used = 0;
				return super.next();
			}

		};
	}

	/**
	 * The text of the element the reader is on (at its start), up to its end. At most {@code limit} characters are
	 * kept and one more marks the text as too long; the rest is read past.
	 */
	static String text(XMLStreamReader reader, int limit) throws XMLStreamException {
		StringBuilder text = new StringBuilder();
		int depth = 0;
		while (true) {
			int event = reader.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				depth++;
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				if (depth-- == 0) {
					return decode(text);
				}
			}
			else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
					|| event == XMLStreamConstants.SPACE) {
				append(text, reader, limit);
			}
			else if (event == XMLStreamConstants.END_DOCUMENT) {
				throw new XMLStreamException("the part ends inside an element");
			}
		}
	}

	/**
	 * The text of a shared or inline string ({@code <si>}, {@code <is>}): its {@code <t>} elements, also those of
	 * formatted runs ({@code <r>}), but not the phonetic guides ({@code <rPh>}) that a cell does not show.
	 */
	static String richText(XMLStreamReader reader, int limit) throws XMLStreamException {
		StringBuilder text = new StringBuilder();
		int depth = 0;
		int phoneticDepth = -1;
		boolean inText = false;
		while (true) {
			int event = reader.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				depth++;
				if (phoneticDepth < 0 && "rPh".equals(reader.getLocalName())) {
					phoneticDepth = depth;
				}
				inText = phoneticDepth < 0 && "t".equals(reader.getLocalName());
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				if (depth == 0) {
					return decode(text);
				}
				if (depth-- == phoneticDepth) {
					phoneticDepth = -1;
				}
				inText = false;
			}
			else if (inText && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
					|| event == XMLStreamConstants.SPACE)) {
				append(text, reader, limit);
			}
			else if (event == XMLStreamConstants.END_DOCUMENT) {
				throw new XMLStreamException("the part ends inside an element");
			}
		}
	}

	/** Moves past the end of the element the reader is on (at its start). */
	static void skip(XMLStreamReader reader) throws XMLStreamException {
		for (int depth = 0; depth >= 0;) {
			int event = reader.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				depth++;
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				depth--;
			}
			else if (event == XMLStreamConstants.END_DOCUMENT) {
				throw new XMLStreamException("the part ends inside an element");
			}
		}
	}

	/** An attribute by its local name, whatever its namespace (strict and transitional OOXML use different ones). */
	static String attribute(XMLStreamReader reader, String localName) {
		for (int i = 0; i < reader.getAttributeCount(); i++) {
			if (localName.equals(reader.getAttributeLocalName(i))) {
				return reader.getAttributeValue(i);
			}
		}
		return null;
	}

	private static void append(StringBuilder text, XMLStreamReader reader, int limit) {
		int room = limit + 1 - text.length();
		if (room > 0) {
			text.append(reader.getTextCharacters(), reader.getTextStart(), Math.min(room, reader.getTextLength()));
		}
	}

	/** The bytes the parser takes in one step, refused past {@link #MAX_STEP_BYTES}. */
	private static final class StepBudget extends FilterInputStream {

		private long used;

		StepBudget(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			count(b < 0 ? 0 : 1);
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int read = super.read(buffer, offset, length);
			count(Math.max(read, 0));
			return read;
		}

		private void count(int bytes) throws IOException {
			this.used += bytes;
			if (this.used > MAX_STEP_BYTES) {
				throw new IOException("a single value or tag of more than " + (MAX_STEP_BYTES >> 20) + " MB");
			}
		}

	}

	/** {@code _x000D_} is a carriage return; {@code _x005F_} escapes the underscore of a literal {@code _x000D_}. */
	private static String decode(CharSequence chars) {
		String text = chars.toString();
		if (text.indexOf("_x") < 0) {
			return text;
		}
		Matcher escape = ESCAPE.matcher(text);
		StringBuilder decoded = new StringBuilder(text.length());
		while (escape.find()) {
			escape.appendReplacement(decoded, "");
			decoded.append((char) Integer.parseInt(escape.group(1), 16));
		}
		escape.appendTail(decoded);
		return decoded.toString();
	}

}
