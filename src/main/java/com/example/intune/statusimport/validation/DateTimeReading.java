package com.example.intune.statusimport.validation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the date-times of the rows are read, beyond ISO 8601 with an offset (which is always accepted, and sent as
 * written): ISO 8601 without an offset ({@code 2026-11-28T14:05:00}, as a workbook's date cell reads) and the
 * {@code --date-format} patterns give a local time, which is read in the {@code --time-zone} and sent in UTC
 * ({@code 2026-11-28T13:05:00Z}). Without a zone such a value is refused, never read in the machine's zone; so is a
 * local time that a daylight-saving change skipped or repeated, and a value two patterns read as different times.
 *
 * @param patterns the {@code --date-format} patterns, in the order given
 * @param zone the zone of local times, or {@code null} when none was given
 */
public record DateTimeReading(List<DateTimePattern> patterns, ZoneId zone) {

	/** ISO 8601 with an offset only: no patterns and no zone, as without the options. */
	public static final DateTimeReading ISO_WITH_OFFSET = new DateTimeReading(List.of(), null);

	private static final DateTimeFormatter TO_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss",
			Locale.ROOT);

	/** An example of a local time with the offset that would make it exact. */
	private static final String WITH_OFFSET = "2026-11-28T10:30:00+01:00";

	/** Most patterns accepted: a file has one form, or a few; the run's identity keeps them all. */
	public static final int MAX_PATTERNS = 20;

	/**
	 * @throws IllegalArgumentException for more than {@link #MAX_PATTERNS} patterns
	 */
	public DateTimeReading {
		if (patterns.size() > MAX_PATTERNS) {
			throw new IllegalArgumentException(patterns.size() + " date formats were given, at most " + MAX_PATTERNS
					+ " are accepted");
		}
		patterns = List.copyOf(patterns);
	}

	/**
	 * The zone {@code name} stands for: an IANA name such as {@code Europe/Berlin}, {@code UTC}, or a fixed offset
	 * such as {@code +01:00}.
	 * @throws IllegalArgumentException when there is none; the message names zones with the same name in another
	 * letter case or a city of that name, and an example
	 */
	public static ZoneId zone(String name) {
		String given = name.strip();
		try {
			return ZoneId.of(given);
		}
		catch (DateTimeException ex) {
			String lower = given.toLowerCase(Locale.ROOT).replace(' ', '_');
			List<String> close = ZoneId.getAvailableZoneIds()
				.stream()
				.filter(id -> id.toLowerCase(Locale.ROOT).equals(lower)
						|| (!lower.isEmpty() && id.toLowerCase(Locale.ROOT).endsWith("/" + lower)))
				.sorted()
				.limit(4)
				.toList();
			throw new IllegalArgumentException("'" + name + "' is not a time zone"
					+ (close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)")
					+ "; give an IANA name such as Europe/Berlin or America/New_York, or UTC");
		}
	}

	/** The date-time to send, or why there is none. */
	public record Result(String utc, String problem) {

		static Result sent(String utc) {
			return new Result(utc, null);
		}

		static Result refused(String problem) {
			return new Result(null, problem);
		}

	}

	/**
	 * Reads a value that is not ISO 8601 with an offset (the caller's fast path) as a local time.
	 * @return the value in UTC, or the problem in words naming the value and what would be accepted
	 */
	public Result read(String value) {
		LocalDateTime iso;
		try {
			iso = IsoDateTime.local(value);
		}
		catch (DateTimeException ex) {
			return Result.refused(shown(value) + " is not a real date-time (" + ex.getMessage() + ")");
		}
		if (iso != null) {
			return inZone(value, iso, this.zone, "ISO 8601");
		}
		List<Result> readings = new ArrayList<>();
		List<String> readBy = new ArrayList<>();
		Result firstProblem = null;
		for (DateTimePattern pattern : this.patterns) {
			Result result;
			try {
				TemporalAccessor fields = pattern.read(value);
				if (fields == null) {
					continue;
				}
				result = fromFields(value, fields, pattern.text());
			}
			catch (DateTimeException ex) {
				result = Result.refused(shown(value) + " has the form " + pattern.text() + " but is not a real"
						+ " date-time (" + cause(ex) + ")");
			}
			if (result.problem() == null) {
				readings.add(result);
				readBy.add(pattern.text());
			}
			else if (firstProblem == null) {
				firstProblem = result;
			}
		}
		if (readings.stream().map(Result::utc).distinct().count() > 1) {
			List<String> ways = new ArrayList<>();
			for (int i = 0; i < readings.size(); i++) {
				ways.add(readings.get(i).utc() + " by " + readBy.get(i));
			}
			return Result.refused(shown(value) + " reads as different times by different --date-format patterns ("
					+ String.join(", ", ways) + "); give only the pattern the file uses");
		}
		if (!readings.isEmpty()) {
			return readings.get(0);
		}
		return firstProblem != null ? firstProblem
				: Result.refused(shown(value) + " is not a date-time " + accepted());
	}

	/** The value of a pattern: with the offset or zone it names, else in {@code --time-zone}. */
	private Result fromFields(String value, TemporalAccessor fields, String form) {
		LocalDate date = fields.query(TemporalQueries.localDate());
		LocalTime time = fields.query(TemporalQueries.localTime());
		LocalDateTime local = LocalDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time);
		ZoneOffset offset = fields.query(TemporalQueries.offset());
		if (offset != null) {
			return utc(value, local.toInstant(offset));
		}
		ZoneId named = fields.query(TemporalQueries.zoneId());
		return inZone(value, local, named != null ? named : this.zone, form);
	}

	private static Result inZone(String value, LocalDateTime local, ZoneId zone, String form) {
		if (zone == null) {
			return Result.refused(shown(value) + " has no offset, so it is a local time: give --time-zone with the zone"
					+ " the file's times are in (an IANA name such as Europe/Berlin, or UTC), or write it with its"
					+ " offset, such as " + WITH_OFFSET);
		}
		List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
		if (offsets.size() == 1) {
			return utc(value, local.toInstant(offsets.get(0)));
		}
		String shown = shown(value);
		ZoneOffsetTransition change = zone.getRules().getTransition(local);
		String clocks = " from " + change.getDateTimeBefore() + " to " + change.getDateTimeAfter() + " at "
				+ utcText(change.getInstant());
		if (change.isGap()) {
			return Result.refused(shown + " (" + form + ") does not exist in " + zone.getId() + ": the clocks were put"
					+ " forward" + clocks + "; give a time outside the gap, or write it with its offset");
		}
		String earlier = utcText(local.toInstant(change.getOffsetBefore()));
		String later = utcText(local.toInstant(change.getOffsetAfter()));
		return Result.refused(shown + " (" + form + ") is ambiguous in " + zone.getId() + ": the clocks were put back"
				+ clocks + ", so it happened twice, at " + earlier + " and at " + later + "; write it with its offset ("
				+ withOffset(local, change.getOffsetBefore()) + " or " + withOffset(local, change.getOffsetAfter())
				+ ")");
	}

	private static String withOffset(LocalDateTime local, ZoneOffset offset) {
		return TO_SECONDS.format(local) + offset.getId();
	}

	private static Result utc(String value, Instant instant) {
		LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
		if (utc.getYear() < 1 || utc.getYear() > 9999) {
			return Result.refused(shown(value) + " is " + instant + " in UTC, outside the years 0001 to 9999 that"
					+ " Graph takes");
		}
		if (utc.getNano() % 100 != 0) {
			return Result.refused(shown(value) + " has more than the 7 fraction digits of a second that Graph keeps");
		}
		return Result.sent(utcText(utc));
	}

	private static String utcText(Instant instant) {
		return utcText(LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC));
	}

	/**
	 * {@code 2026-11-28T13:05:00Z}: seconds always, a fraction only as long as it needs. Written by hand, as a
	 * workbook of a million dates passes here twice a row.
	 */
	private static String utcText(LocalDateTime utc) {
		StringBuilder text = new StringBuilder(28);
		digits(text, utc.getYear(), 4).append('-');
		digits(text, utc.getMonthValue(), 2).append('-');
		digits(text, utc.getDayOfMonth(), 2).append('T');
		digits(text, utc.getHour(), 2).append(':');
		digits(text, utc.getMinute(), 2).append(':');
		digits(text, utc.getSecond(), 2);
		int nano = utc.getNano();
		if (nano != 0) {
			int width = 9;
			for (; nano % 10 == 0; nano /= 10) {
				width--;
			}
			digits(text.append('.'), nano, width);
		}
		return text.append('Z').toString();
	}

	/** {@code number} in exactly {@code width} digits, zeros first. */
	private static StringBuilder digits(StringBuilder text, int number, int width) {
		String written = Integer.toString(number);
		for (int i = written.length(); i < width; i++) {
			text.append('0');
		}
		return text.append(written);
	}

	private static String shown(String value) {
		return "'" + RowValidator.printable(value) + "'";
	}

	/** What would be accepted, for a value in no accepted form. */
	private String accepted() {
		String iso = "write it as ISO 8601 with an offset (2026-11-28T09:30:00Z or " + WITH_OFFSET + ")";
		String patterns = this.patterns.stream().map(DateTimePattern::text).collect(Collectors.joining(" or "));
		if (this.zone == null) {
			return this.patterns.isEmpty()
					? "with an offset: " + iso + ", or give --date-format with the file's pattern (such as"
							+ " 'dd.MM.yyyy HH:mm') and --time-zone"
					: "in an accepted form: " + iso + ", or as " + patterns + " (--date-format) with --time-zone";
		}
		String local = " or without one (2026-11-28T10:30:00, read in " + this.zone.getId() + ")";
		return "in an accepted form: " + iso + local + (this.patterns.isEmpty()
				? ", or give --date-format with the file's pattern (such as 'dd.MM.yyyy HH:mm')"
				: ", or as " + patterns + " (--date-format)");
	}

	private static String cause(DateTimeException ex) {
		Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
		return cause.getMessage();
	}

}
