package com.example.intune.statusimport.graph;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A write rate such as {@code 100/20s}: Intune's limit per app and tenant.
 *
 * @param writes writes per window
 * @param window the window
 */
public record RateLimit(int writes, Duration window) {

	public static final RateLimit INTUNE = new RateLimit(100, Duration.ofSeconds(20));

	private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*/\\s*(\\d+(?:\\.\\d+)?)?\\s*(ms|s|m|h)?");

	public RateLimit {
		if (writes < 1 || window.isZero() || window.isNegative()) {
			throw new IllegalArgumentException("a rate needs at least one write per positive window");
		}
	}

	/** Reads {@code N/DURATION}: {@code 100/20s}, {@code 5/s}, {@code 300/1m}. */
	public static RateLimit parse(String text) {
		Matcher matcher = FORMAT.matcher(text.strip());
		if (!matcher.matches()) {
			throw new IllegalArgumentException("'" + text + "' is not a rate; write it as N/DURATION, like 100/20s or"
					+ " 5/s");
		}
		double amount = matcher.group(2) == null ? 1 : Double.parseDouble(matcher.group(2));
		String unit = matcher.group(3) == null ? "s" : matcher.group(3);
		double millis = switch (unit) {
			case "ms" -> amount;
			case "m" -> amount * 60_000;
			case "h" -> amount * 3_600_000;
			default -> amount * 1000;
		};
		return new RateLimit(Integer.parseInt(matcher.group(1)), Duration.ofMillis((long) millis));
	}

	public double perSecond() {
		return this.writes / (this.window.toNanos() / 1e9);
	}

	@Override
	public String toString() {
		return this.writes + "/" + (this.window.toMillis() % 1000 == 0 ? this.window.toSeconds() + "s"
				: this.window.toMillis() + "ms");
	}

}
