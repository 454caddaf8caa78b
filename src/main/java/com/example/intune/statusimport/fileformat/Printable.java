package com.example.intune.statusimport.fileformat;

/**
 * A value as a one-line message can show it: control characters made visible, and cut after 80 characters, so that
 * a 50 MB cell is not repeated on the screen or in the report.
 */
public final class Printable {

	private static final int SHOWN = 80;

	private Printable() {
	}

	public static String of(String value) {
		StringBuilder out = new StringBuilder();
		int i = 0;
		for (; i < value.length() && out.length() < SHOWN; i++) {
			char c = value.charAt(i);
			out.append(Character.isISOControl(c) ? String.format("\\u%04X", (int) c) : String.valueOf(c));
		}
		return i < value.length() ? out + "..." : out.toString();
	}

}
