package com.example.intune.statusimport.report;

/**
 * Text as a workbook cell stores it. XML cannot hold most control characters, so a workbook writes them as
 * {@code _xHHHH_}, and writes the {@code _} of a literal {@code _xHHHH_} as {@code _x005F_}; Excel, LibreOffice and
 * POI's readers decode both. POI's streaming writer would put {@code ?} in place of such a character instead, and a
 * refused value read back as {@code ?} could then be sent.
 */
final class WorkbookText {

	private WorkbookText() {
	}

	static String encode(String text) {
		StringBuilder out = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			String escaped = null;
			if (!isXmlCharacter(text, i)) {
				escaped = String.format("_x%04X_", (int) c);
			}
			else if (c == '_' && isEscape(text, i)) {
				escaped = "_x005F_";
			}
			if (escaped != null && out == null) {
				out = new StringBuilder(text.length() + 16).append(text, 0, i);
			}
			if (out != null) {
				if (escaped != null) {
					out.append(escaped);
				}
				else {
					out.append(c);
				}
			}
		}
		return out == null ? text : out.toString();
	}

	/**
	 * XML 1.0's characters: tab, line feed, carriage return, and from space on, without U+FFFE, U+FFFF or a lone
	 * surrogate.
	 */
	private static boolean isXmlCharacter(String text, int i) {
		char c = text.charAt(i);
		if (c < ' ') {
			return c == '\t' || c == '\n' || c == '\r';
		}
		if (Character.isHighSurrogate(c)) {
			return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
		}
		if (Character.isLowSurrogate(c)) {
			return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
		}
		return c != '\uFFFE' && c != '\uFFFF';
	}

	/** Whether {@code _xHHHH_} starts at {@code i}. */
	private static boolean isEscape(String text, int i) {
		if (i + 7 > text.length() || text.charAt(i + 1) != 'x' || text.charAt(i + 6) != '_') {
			return false;
		}
		for (int j = i + 2; j < i + 6; j++) {
			char c = text.charAt(j);
			if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
				return false;
			}
		}
		return true;
	}

}
