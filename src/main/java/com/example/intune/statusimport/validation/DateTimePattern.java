package com.example.intune.statusimport.validation;

import java.text.Format;
import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Arrays;
import java.util.Locale;

/**
 * A text form of date-times that {@code --date-format} adds, such as {@code dd.MM.yyyy HH:mm} or
 * {@code M/d/yyyy h:mm a}: a {@code java.time} pattern, read strictly ({@code 31.02.2026} is refused, {@code dd}
 * wants two digits, {@code yyyy} four). {@code yyyy} reads the year as a person means it: the pattern's year of era
 * is taken in the current era, which strict reading would otherwise refuse to turn into a date. Month and day names
 * and AM/PM are English, in any letter case: the forms spreadsheets export whatever the machine's language. A
 * pattern without a time of day reads midnight. A pattern is checked once, when the option is read, by writing a
 * date-time with it and reading it back: one that cannot give a whole date is refused then, not on every row.
 */
public final class DateTimePattern {

	/** Longest pattern accepted: a real one is a few dozen characters, and the run's identity keeps them all. */
	public static final int MAX_LENGTH = 100;

	/** The language of month and day names and of AM/PM. */
	static final Locale LOCALE = Locale.ENGLISH;

	/** An afternoon late in the month, so that day, month, 12- and 24-hour clocks all differ. */
	private static final ZonedDateTime SAMPLE = ZonedDateTime.of(2026, 11, 28, 14, 5, 6, 0,
			ZoneId.of("Europe/Berlin"));

	private final String text;

	private final DateTimeFormatter formatter;

	/** The same formatter as a {@link Format}, which tells a value of another form without throwing. */
	private final Format format;

	private DateTimePattern(String text, DateTimeFormatter formatter) {
		this.text = text;
		this.formatter = formatter;
		this.format = formatter.toFormat();
	}

	/**
	 * The pattern {@code text} stands for.
	 * @throws IllegalArgumentException when it is no pattern or gives no whole date; the message says what is wrong
	 * and how to write it
	 */
	public static DateTimePattern of(String text) {
		if (text.length() > MAX_LENGTH) {
			throw new IllegalArgumentException("the pattern is " + text.length() + " characters long, at most "
					+ MAX_LENGTH + " are accepted");
		}
		String refused = "'" + text + "' is not a usable date-time pattern: ";
		String letters = letters(text);
		if (letters.isEmpty()) {
			throw new IllegalArgumentException(refused + "it has no pattern letters; write it like dd.MM.yyyy HH:mm");
		}
		if (letters.indexOf('Y') >= 0) {
			throw new IllegalArgumentException(refused + "Y is the week-based year, which differs from the year around"
					+ " New Year; write yyyy for the year");
		}
		if (letters.indexOf('D') >= 0) {
			throw new IllegalArgumentException(refused + "D is the day of the year (1 to 366); write dd or d for the"
					+ " day of the month");
		}
		DateTimeFormatter formatter;
		try {
			formatter = new DateTimeFormatterBuilder().parseCaseInsensitive()
				.appendPattern(text)
				.parseDefaulting(ChronoField.ERA, 1)
				.toFormatter(LOCALE)
				.withChronology(IsoChronology.INSTANCE)
				.withResolverStyle(ResolverStyle.STRICT);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(refused + ex.getMessage() + " (the letters are java.time's: yyyy year,"
					+ " MM month, dd day, HH hour 0-23, h hour 1-12 with a for AM/PM, mm minute, ss second; text in"
					+ " 'quotes')");
		}
		DateTimePattern pattern = new DateTimePattern(text, formatter);
		pattern.checkReadsBack(refused, letters);
		return pattern;
	}

	/** The pattern as it was given. */
	public String text() {
		return this.text;
	}

	/**
	 * The fields {@code value} gives, resolved strictly.
	 * @return {@code null} when the value does not have the pattern's form
	 * @throws DateTimeException when it has the form but is no real date-time ({@code 31.02.2026})
	 */
	TemporalAccessor read(String value) {
		// values of another form, which each of several patterns sees, are told apart without an exception's cost
		ParsePosition position = new ParsePosition(0);
		Object read = this.format.parseObject(value, position);
		if (position.getIndex() != value.length()) {
			return null;
		}
		if (read == null) {
			// the form fits but the fields do not make a date-time: the formatter says why
			return this.formatter.parse(value);
		}
		return (TemporalAccessor) read;
	}

	private void checkReadsBack(String refused, String letters) {
		String written;
		TemporalAccessor read;
		try {
			written = this.formatter.format(SAMPLE);
			read = this.formatter.parse(written);
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException(refused + "it cannot read back what it writes; put a separator between"
					+ " numbers of varying width (d.M.yyyy rather than dMyyyy)");
		}
		LocalDate date = read.query(TemporalQueries.localDate());
		if (date == null || !date.equals(SAMPLE.toLocalDate())) {
			throw new IllegalArgumentException(refused + "it gives no whole date (it reads " + written + " as "
					+ (date == null ? "no date" : date) + "); it needs the year (yyyy or yy), the month (MM, M or MMM)"
					+ " and the day (dd or d)");
		}
		if (read.query(TemporalQueries.localTime()) == null
				&& Arrays.stream(ChronoField.values()).anyMatch(field -> field.isTimeBased() && read.isSupported(field))) {
			throw new IllegalArgumentException(refused + "it gives no whole time of day"
					+ (letters.matches(".*[hK].*") && letters.indexOf('a') < 0
							? "; h is the hour 1-12, which needs a for AM/PM (h:mm a), or write HH for the hour 0-23"
							: "; give at least the hour (HH)"));
		}
	}

	/** The pattern letters of {@code pattern}, outside its quoted text. */
	private static String letters(String pattern) {
		StringBuilder letters = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '\'') {
				quoted = !quoted;
			}
			else if (!quoted && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
				letters.append(c);
			}
		}
		return letters.toString();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof DateTimePattern pattern && pattern.text.equals(this.text);
	}

	@Override
	public int hashCode() {
		return this.text.hashCode();
	}

	@Override
	public String toString() {
		return this.text;
	}

}
