package com.example.intune.statusimport.validation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a value is a date-time as Graph's {@code Edm.DateTimeOffset} takes it: {@code YYYY-MM-DDThh:mm}, optional
 * seconds with up to 7 digits of fraction, then {@code Z} or an offset {@code +hh:mm} up to 14 hours; upper-case
 * {@code T} and {@code Z}, years 0001 to 9999. Looser forms that Java's own ISO parser accepts ({@code +01},
 * offsets with seconds, lower case, 9 fraction digits, year 0000) are refused here rather than by Graph. The common
 * shape of an export, {@code 2026-11-28T09:30:00Z}, takes a fast path: a million rows would otherwise spend most of
 * their validation time in the pattern. The same form without the offset is a local date-time, which is what a
 * workbook's date cell reads as.
 */
final class IsoDateTime {

	private static final Pattern FORMAT = Pattern.compile(
			"(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,7})?)?(?:Z|[+-](\\d{2}):(\\d{2}))");

	private static final Pattern LOCAL = Pattern
		.compile("(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,7}))?)?");

	private IsoDateTime() {
	}

	/**
	 * The local date-time a value writes in the form above without an offset ({@code 2026-11-28T14:05},
	 * {@code 2026-11-28T14:05:00.5}), or {@code null} when it has another form.
	 * @throws DateTimeException when it has the form but is no real date-time ({@code 2026-02-31T10:00})
	 */
	static LocalDateTime local(String value) {
		// a workbook's date cell reads in this shape, so a million of them skip the pattern
		if (value.length() == 19 && value.charAt(4) == '-' && value.charAt(7) == '-' && value.charAt(10) == 'T'
				&& value.charAt(13) == ':' && value.charAt(16) == ':') {
			int year = digits(value, 0, 4);
			int month = digits(value, 5, 2);
			int day = digits(value, 8, 2);
			int hour = digits(value, 11, 2);
			int minute = digits(value, 14, 2);
			int second = digits(value, 17, 2);
			if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
				return null;
			}
			if (year == 0) {
				throw new DateTimeException("Graph's years start at 0001");
			}
			return LocalDateTime.of(year, month, day, hour, minute, second);
		}
		Matcher matcher = LOCAL.matcher(value);
		if (!matcher.matches()) {
			return null;
		}
		int year = Integer.parseInt(matcher.group(1));
		if (year < 1) {
			throw new DateTimeException("Graph's years start at 0001");
		}
		String fraction = matcher.group(7) == null ? "" : matcher.group(7);
		return LocalDateTime.of(year, Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)),
				Integer.parseInt(matcher.group(4)), Integer.parseInt(matcher.group(5)),
				matcher.group(6) == null ? 0 : Integer.parseInt(matcher.group(6)),
				fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9)));
	}

	static boolean isValid(String value) {
		if (value.length() == 20 && value.charAt(4) == '-' && value.charAt(7) == '-' && value.charAt(10) == 'T'
				&& value.charAt(13) == ':' && value.charAt(16) == ':' && value.charAt(19) == 'Z') {
			return isDateAndTime(digits(value, 0, 4), digits(value, 5, 2), digits(value, 8, 2), digits(value, 11, 2),
					digits(value, 14, 2), digits(value, 17, 2));
		}
		Matcher matcher = FORMAT.matcher(value);
		if (!matcher.matches()) {
			return false;
		}
		int second = matcher.group(6) == null ? 0 : Integer.parseInt(matcher.group(6));
		if (matcher.group(7) != null) {
			int offsetHours = Integer.parseInt(matcher.group(7));
			int offsetMinutes = Integer.parseInt(matcher.group(8));
			if (offsetMinutes > 59 || offsetHours > 14 || (offsetHours == 14 && offsetMinutes > 0)) {
				return false;
			}
		}
		return isDateAndTime(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
				Integer.parseInt(matcher.group(3)), Integer.parseInt(matcher.group(4)), Integer.parseInt(matcher.group(5)),
				second);
	}

	private static boolean isDateAndTime(int year, int month, int day, int hour, int minute, int second) {
		if (year < 1 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
			return false;
		}
		try {
			LocalDate.of(year, month, day);
			LocalTime.of(hour, minute, second);
			return true;
		}
		catch (DateTimeException ex) {
			return false;
		}
	}

	/** The number written with exactly {@code count} ASCII digits at {@code from}, or -1. */
	private static int digits(String value, int from, int count) {
		int number = 0;
		for (int i = from; i < from + count; i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			number = number * 10 + (c - '0');
		}
		return number;
	}

}
