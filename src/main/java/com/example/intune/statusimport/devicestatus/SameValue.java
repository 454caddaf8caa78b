package com.example.intune.statusimport.devicestatus;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Whether two values of one property mean the same to Graph: the one home of that rule, used to decide whether a row
 * changes anything and to check that Graph holds what was sent. Date-times are the same instant (Graph answers in UTC
 * with at most 7 fraction digits, whatever offset was written, so both sides are cut to 100 ns); a status is the same
 * name in any letter case; text is the same characters. {@code null} (never set, or cleared) equals only
 * {@code null}.
 */
public final class SameValue {

	private SameValue() {
	}

	public static boolean of(DeviceStatusProperty property, String a, String b) {
		if (a == null || b == null) {
			return a == b;
		}
		return switch (property.kind()) {
			case DATE_TIME -> sameInstant(a, b);
			case COMPLIANCE_STATUS -> a.equalsIgnoreCase(b);
			default -> a.equals(b);
		};
	}

	private static boolean sameInstant(String a, String b) {
		Instant first = instant(a);
		Instant second = instant(b);
		return first == null || second == null ? a.equals(b) : first.equals(second);
	}

	/** The instant at Graph's precision, or {@code null} when the text is not an ISO date-time with an offset. */
	private static Instant instant(String text) {
		try {
			Instant instant = OffsetDateTime.parse(text).toInstant();
			return instant.truncatedTo(ChronoUnit.MICROS).plusNanos((instant.getNano() % 1000) / 100 * 100);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
