package com.example.intune.statusimport.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;

/** Reads durations such as {@code 250ms}, {@code 1.5s}, {@code 2m} or {@code 1h}; a bare number is seconds. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

	private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

	@Override
	public Duration convert(String value) {
		Matcher matcher = FORMAT.matcher(value.strip());
		if (!matcher.matches()) {
			throw new CommandLine.TypeConversionException("'" + value
					+ "' is not a duration; write it like 250ms, 1.5s, 2m or 1h");
		}
		BigDecimal amount = new BigDecimal(matcher.group(1));
		String unit = matcher.group(2) == null ? "s" : matcher.group(2);
		BigDecimal millis = switch (unit) {
			case "ms" -> amount;
			case "m" -> amount.multiply(BigDecimal.valueOf(60_000));
			case "h" -> amount.multiply(BigDecimal.valueOf(3_600_000));
			default -> amount.multiply(BigDecimal.valueOf(1000));
		};
		return Duration.ofMillis(millis.longValue());
	}

}
