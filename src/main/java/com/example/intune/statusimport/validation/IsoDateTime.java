package com.example.intune.statusimport.validation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Whether a value is an ISO 8601 date-time with an offset, as Graph's DateTimeOffset wants. The common shape of an
 * export, {@code 2026-11-28T09:30:00Z}, is checked by hand (a million rows spend most of their validation time in the
 * general parser otherwise); anything else goes to {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, which decides.
 */
final class IsoDateTime {

	private IsoDateTime() {
	}

	static boolean isValid(String value) {
		if (value.length() == 20 && value.charAt(4) == '-' && value.charAt(7) == '-' && value.charAt(10) == 'T'
				&& value.charAt(13) == ':' && value.charAt(16) == ':' && value.charAt(19) == 'Z') {
			int year = digits(value, 0, 4);
			int month = digits(value, 5, 2);
			int day = digits(value, 8, 2);
			int hour = digits(value, 11, 2);
			int minute = digits(value, 14, 2);
			int second = digits(value, 17, 2);
			if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0) {
				try {
					LocalDate.of(year, month, day);
					LocalTime.of(hour, minute, second);
					return true;
				}
				catch (DateTimeException ex) {
					return false;
				}
			}
		}
		try {
			OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
			return true;
		}
		catch (DateTimeParseException ex) {
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
