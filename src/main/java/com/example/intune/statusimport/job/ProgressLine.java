package com.example.intune.statusimport.job;

import java.util.ArrayList;
import java.util.List;

/**
 * A progress line made of parts, each with how soon it goes when the line must fit a narrow terminal: the least useful
 * first (the unchanged and applied counts, which the summary gives at the end; the rate; the committed count; the
 * drawn bar), while the rows done, the failures, a wait and a connection trouble stay as long as anything does. What
 * is still too long is cut, so that the line never wraps.
 */
final class ProgressLine {

	/** Shown on a line of any width. */
	static final int KEEP = 0;

	private static final String CUT = "...";

	private final List<Part> parts = new ArrayList<>();

	/**
	 * @param text the part as shown, with its separator in front
	 * @param dropOrder {@link #KEEP}, or the higher the sooner it goes when the line is too long
	 */
	ProgressLine add(String text, int dropOrder) {
		this.parts.add(new Part(text, dropOrder));
		return this;
	}

	/** The whole line, for a log. */
	@Override
	public String toString() {
		return join(this.parts);
	}

	/** The line in at most {@code width} characters: parts dropped, the least useful first, then cut. */
	String fit(int width) {
		List<Part> kept = new ArrayList<>(this.parts);
		String line = join(kept);
		while (line.length() > width) {
			Part least = kept.stream().max(java.util.Comparator.comparingInt(Part::dropOrder)).orElseThrow();
			if (least.dropOrder() == KEEP) {
				break;
			}
			kept.remove(least);
			line = join(kept);
		}
		if (line.length() <= width) {
			return line;
		}
		return width <= CUT.length() ? line.substring(0, Math.max(0, width))
				: line.substring(0, width - CUT.length()) + CUT;
	}

	private static String join(List<Part> parts) {
		StringBuilder line = new StringBuilder();
		parts.forEach(part -> line.append(part.text()));
		String joined = line.toString();
		// a part dropped from the front leaves its separator: the line starts with words
		return joined.startsWith(", ") ? joined.substring(2) : joined;
	}

	private record Part(String text, int dropOrder) {
	}

}
