package com.example.intune.statusimport.runreport;

/** Text put in an HTML page as text, never as markup: a device named {@code <script>} shows as written. */
final class Html {

	private Html() {
	}

	/**
	 * {@code text} escaped for an element's content or a quoted attribute. Control characters, which a page cannot
	 * hold, show as U+FFFD; {@code null} is empty.
	 */
	static String text(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f ? '\uFFFD' : c);
			}
		}
		return escaped.toString();
	}

}
