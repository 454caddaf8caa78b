package com.example.intune.statusimport.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import com.example.intune.statusimport.devicestatus.PathSegment;
import com.example.intune.statusimport.graph.RateLimit;
import com.example.intune.statusimport.input.InputFormat;
import com.example.intune.statusimport.signin.Cloud;

/**
 * The values of options, each read and checked once, by its type: a bad value is one line naming what would be
 * accepted, and exit code 3. Durations and rates are also written back here, for the defaults {@code --help} shows.
 */
final class OptionValues {

	private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)?");

	private static final Pattern RATE = Pattern.compile("(\\d+)\\s*/\\s*(.*)");

	/** Ten years: a longer wait is a typo, and would overflow the clock's arithmetic. */
	private static final BigDecimal LONGEST_MILLIS = BigDecimal.valueOf(87_600L * 3_600_000);

	private OptionValues() {
	}

	/** {@code 250ms}, {@code 1.5s}, {@code 2m}, {@code 1h} or {@code 30d}; a bare number is seconds. */
	static Duration parseDuration(String text) {
		Matcher matcher = DURATION.matcher(text.strip());
		if (!matcher.matches()) {
			throw new TypeConversionException("'" + text + "' is not a duration; write it like 250ms, 1.5s, 2m, 1h or 30d");
		}
		BigDecimal amount = new BigDecimal(matcher.group(1));
		BigDecimal millisPerUnit = switch (matcher.group(2) == null ? "s" : matcher.group(2)) {
			case "ms" -> BigDecimal.ONE;
			case "m" -> BigDecimal.valueOf(60_000);
			case "h" -> BigDecimal.valueOf(3_600_000);
			case "d" -> BigDecimal.valueOf(86_400_000);
			default -> BigDecimal.valueOf(1000);
		};
		BigDecimal millis = amount.multiply(millisPerUnit);
		if (millis.compareTo(LONGEST_MILLIS) > 0) {
			throw new TypeConversionException("'" + text + "' is longer than anything this job waits for; give at"
					+ " most 3650d (ten years)");
		}
		return Duration.ofMillis(millis.longValue());
	}

	/** The shortest exact form that {@link #parseDuration} reads back: {@code 250ms}, {@code 20s}, {@code 1h}. */
	static String formatDuration(Duration duration) {
		long millis = duration.toMillis();
		if (millis % 1000 != 0) {
			return millis + "ms";
		}
		long seconds = millis / 1000;
		if (seconds != 0 && seconds % 3600 == 0) {
			return seconds / 3600 + "h";
		}
		return seconds != 0 && seconds % 60 == 0 && seconds >= 120 ? seconds / 60 + "m" : seconds + "s";
	}

	/** A write rate, {@code N/DURATION}: {@code 100/20s}, {@code 5/s} (a bare unit is one of it), {@code 300/1m}. */
	static RateLimit parseRate(String text) {
		return parseRate(text, "write", RateLimit.INTUNE);
	}

	/**
	 * A rate of {@code kind} requests, {@code N/DURATION}, such as {@code 1000/20s}.
	 * @param intune what Intune allows, for the messages
	 */
	static RateLimit parseRate(String text, String kind, RateLimit intune) {
		Matcher matcher = RATE.matcher(text.strip());
		String window = matcher.matches() ? matcher.group(2).strip() : null;
		if (window != null && new java.math.BigInteger(matcher.group(1)).bitLength() > 31) {
			throw new TypeConversionException("'" + text + "' asks for more than " + Integer.MAX_VALUE + " " + kind
					+ "s per window; Intune allows " + formatRate(intune));
		}
		if (window != null && window.isEmpty()) {
			// "100/" is more likely a window left out than a rate per second, which is 20 times Intune's quota
			throw new TypeConversionException("'" + text + "' has no window after the '/'; write it as N/DURATION, like "
					+ formatRate(intune) + " or 5/s");
		}
		int requests;
		Duration length;
		try {
			requests = Integer.parseInt(matcher.group(1));
			// "5/s" is five per second
			length = parseDuration(window.matches("ms|s|m|h|d") ? "1" + window : window);
		}
		catch (RuntimeException ex) {
			throw new TypeConversionException("'" + text + "' is not a rate; write it as N/DURATION, like "
					+ formatRate(intune) + " or 5/s");
		}
		if (requests < 1 || length.isZero()) {
			throw new TypeConversionException("'" + text + "' allows nothing; a rate needs at least one " + kind
					+ " per window longer than zero, like " + formatRate(intune));
		}
		return new RateLimit(requests, length);
	}

	static String formatRate(RateLimit rate) {
		return rate.requests() + "/" + formatDuration(rate.window());
	}

	static final class DurationValue implements ITypeConverter<Duration> {

		@Override
		public Duration convert(String value) {
			return parseDuration(value);
		}

	}

	/** A duration that must not be zero, such as a timeout. */
	static final class PositiveDurationValue implements ITypeConverter<Duration> {

		@Override
		public Duration convert(String value) {
			Duration duration = parseDuration(value);
			if (duration.isZero()) {
				throw new TypeConversionException("'" + value + "' is too short; give at least 1ms, like 10s");
			}
			return duration;
		}

	}

	static final class RateValue implements ITypeConverter<RateLimit> {

		@Override
		public RateLimit convert(String value) {
			return parseRate(value);
		}

	}

	static final class ReadRateValue implements ITypeConverter<RateLimit> {

		@Override
		public RateLimit convert(String value) {
			return parseRate(value, "read", RateLimit.INTUNE_READS);
		}

	}

	/** An id that travels in the URL, checked by the same rule as the rows' ids. */
	static final class PathSegmentValue implements ITypeConverter<String> {

		@Override
		public String convert(String value) {
			String id = value.strip();
			PathSegment.problem(id).ifPresent(problem -> {
				throw new TypeConversionException("'" + value + "' " + problem);
			});
			return id;
		}

	}

	/** One of an enumeration's constants, written in lower case. */
	abstract static class Choice<E extends Enum<E>> implements ITypeConverter<E> {

		private final Class<E> type;

		Choice(Class<E> type) {
			this.type = type;
		}

		@Override
		public E convert(String value) {
			for (E constant : this.type.getEnumConstants()) {
				if (constant.name().equalsIgnoreCase(value.strip())) {
					return constant;
				}
			}
			throw new TypeConversionException("'" + value + "' is not one of " + String.join(", ",
					Arrays.stream(this.type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList()));
		}

	}

	static final class FormatValue extends Choice<InputFormat> {

		FormatValue() {
			super(InputFormat.class);
		}

	}

	static final class CompareValue extends Choice<com.example.intune.statusimport.job.CompareMode> {

		CompareValue() {
			super(com.example.intune.statusimport.job.CompareMode.class);
		}

	}

	static final class CloudValue implements ITypeConverter<Cloud> {

		@Override
		public Cloud convert(String value) {
			try {
				return Cloud.fromOption(value);
			}
			catch (IllegalArgumentException ex) {
				throw new TypeConversionException(ex.getMessage());
			}
		}

	}

	/** A whole number within bounds; a subclass per option names them. */
	abstract static class Bounded<T extends Number> implements ITypeConverter<T> {

		private final long min;

		private final long max;

		private final String why;

		private final LongFunction<T> type;

		/** @param why why the bounds are what they are, or {@code null} */
		Bounded(long min, long max, String why, LongFunction<T> type) {
			this.min = min;
			this.max = max;
			this.why = why;
			this.type = type;
		}

		@Override
		public T convert(String value) {
			long number;
			try {
				number = Long.parseLong(value.strip());
			}
			catch (NumberFormatException ex) {
				throw new TypeConversionException("'" + value + "' is not a whole number");
			}
			if (number < this.min || number > this.max) {
				String range = this.max < Integer.MAX_VALUE || number > this.max
						? "must be between " + this.min + " and " + this.max
						: this.min == 0 ? "must be 0 or more" : "must be at least " + this.min;
				throw new TypeConversionException(range + (this.why == null ? "" : " (" + this.why + ")") + ", not "
						+ number);
			}
			return this.type.apply(number);
		}

	}

}
