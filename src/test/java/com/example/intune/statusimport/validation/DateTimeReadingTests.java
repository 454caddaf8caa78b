package com.example.intune.statusimport.validation;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Date-times without an offset: read in the given zone, sent in UTC, never guessed. */
class DateTimeReadingTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static DateTimeReading reading(ZoneId zone, String... patterns) {
		return new DateTimeReading(Arrays.stream(patterns).map(DateTimePattern::of).toList(), zone);
	}

	private static String utc(DateTimeReading reading, String value) {
		DateTimeReading.Result result = reading.read(value);
		assertThat(result.problem()).as(value).isNull();
		return result.utc();
	}

	private static String problem(DateTimeReading reading, String value) {
		DateTimeReading.Result result = reading.read(value);
		assertThat(result.utc()).as(value).isNull();
		return result.problem();
	}

	@Nested
	class Patterns {

		@ParameterizedTest
		@CsvSource(delimiter = '|', value = { "dd.MM.yyyy HH:mm|28.11.2026 14:05|2026-11-28T13:05:00Z",
				"M/d/yyyy h:mm a|11/28/2026 2:05 PM|2026-11-28T13:05:00Z",
				"M/d/yyyy h:mm a|11/28/2026 2:05 pm|2026-11-28T13:05:00Z",
				"M/d/yyyy h:mm a|6/1/2026 12:30 AM|2026-05-31T22:30:00Z",
				"d MMM yyyy HH:mm|28 Nov 2026 14:05|2026-11-28T13:05:00Z",
				"d MMMM yyyy, HH:mm|28 november 2026, 14:05|2026-11-28T13:05:00Z",
				"dd.MM.yy HH:mm|28.11.26 14:05|2026-11-28T13:05:00Z",
				"dd.MM.uuuu HH:mm|28.11.2026 14:05|2026-11-28T13:05:00Z",
				"yyyy-MM-dd HH:mm:ss|2026-07-01 14:05:09|2026-07-01T12:05:09Z",
				"dd.MM.yyyy HH:mm:ss.SSS|28.11.2026 14:05:09.250|2026-11-28T13:05:09.25Z",
				"d.M.yyyy H:mm|1.2.2026 9:05|2026-02-01T08:05:00Z",
				"d.M.yyyy H:mm|01.02.2026 09:05|2026-02-01T08:05:00Z",
				"dd.MM.yyyy HH:mm XXX|28.11.2026 14:05 -05:00|2026-11-28T19:05:00Z",
				"dd.MM.yyyy HH:mm VV|28.11.2026 14:05 America/New_York|2026-11-28T19:05:00Z" })
		void aValueInAPatternIsReadInTheZoneAndSentInUtc(String pattern, String value, String sent) {
			assertThat(utc(reading(BERLIN, pattern), value)).isEqualTo(sent);
		}

		@Test
		void aDateWithoutATimeIsMidnightInTheZone() {
			assertThat(utc(reading(BERLIN, "dd.MM.yyyy"), "28.11.2026")).isEqualTo("2026-11-27T23:00:00Z");
			assertThat(utc(reading(ZoneId.of("UTC"), "dd.MM.yyyy"), "28.11.2026")).isEqualTo("2026-11-28T00:00:00Z");
		}

		@Test
		void theFirstPatternThatFitsReadsTheValue() {
			DateTimeReading reading = reading(BERLIN, "dd.MM.yyyy HH:mm", "dd.MM.yyyy");
			assertThat(utc(reading, "28.11.2026 14:05")).isEqualTo("2026-11-28T13:05:00Z");
			assertThat(utc(reading, "28.11.2026")).isEqualTo("2026-11-27T23:00:00Z");
		}

		@Test
		void aValueThatTwoPatternsReadAsDifferentTimesIsRefused() {
			DateTimeReading reading = reading(ZoneId.of("UTC"), "M/d/yyyy", "d/M/yyyy");
			assertThat(problem(reading, "3/4/2026")).isEqualTo("'3/4/2026' reads as different times by different"
					+ " --date-format patterns (2026-03-04T00:00:00Z by M/d/yyyy, 2026-04-03T00:00:00Z by d/M/yyyy);"
					+ " give only the pattern the file uses");
			assertThat(utc(reading, "3/30/2026")).as("only one pattern reads a month 30").isEqualTo(
					"2026-03-30T00:00:00Z");
			assertThat(utc(reading, "4/4/2026")).as("both read the same day").isEqualTo("2026-04-04T00:00:00Z");
		}

	}

	@Nested
	class Strictness {

		@Test
		void aDateThatDoesNotExistIsRefused() {
			assertThat(problem(reading(BERLIN, "dd.MM.yyyy HH:mm"), "31.02.2026 14:05")).isEqualTo("'31.02.2026 14:05'"
					+ " has the form dd.MM.yyyy HH:mm but is not a real date-time (Invalid date 'FEBRUARY 31')");
			assertThat(problem(reading(BERLIN, "dd.MM.yyyy HH:mm"), "29.02.2026 14:05")).contains("not a real");
			assertThat(problem(reading(BERLIN, "dd.MM.yyyy HH:mm"), "28.11.2026 24:00")).contains("not a real");
			assertThat(problem(reading(BERLIN), "2026-02-31T10:00:00")).isEqualTo("'2026-02-31T10:00:00' is not a"
					+ " real date-time (Invalid date 'FEBRUARY 31')");
		}

		@ParameterizedTest
		@ValueSource(strings = { "28.11.26 14:05", "28.11.02026 14:05", "28.11.2026 14:05:00", "28.11.2026 2:05 PM",
				"28-11-2026 14:05", "28.11.2026 14:05 +01:00", "2026-11-28 14:05" })
		void aValueOutsideThePatternIsRefusedListingTheAcceptedForms(String value) {
			assertThat(problem(reading(BERLIN, "dd.MM.yyyy HH:mm"), value)).isEqualTo("'" + value + "' is not a"
					+ " date-time in an accepted form: write it as ISO 8601 with an offset (2026-11-28T09:30:00Z or"
					+ " 2026-11-28T10:30:00+01:00) or without one (2026-11-28T10:30:00, read in Europe/Berlin), or as"
					+ " dd.MM.yyyy HH:mm (--date-format)");
		}

		@Test
		void twoDigitsForTheDayOrMonthAreRequiredWhereThePatternSaysSo() {
			assertThat(problem(reading(BERLIN, "dd.MM.yyyy"), "1.2.2026")).contains("not a date-time");
		}

		@Test
		void aYearOutsideGraphsRangeIsRefused() {
			assertThat(problem(reading(ZoneId.of("America/New_York")), "9999-12-31T22:00:00"))
				.contains("outside the years 0001 to 9999");
		}

	}

	@Nested
	class IsoWithoutOffset {

		@ParameterizedTest
		@CsvSource({ "2026-11-28T14:05:00,2026-11-28T13:05:00Z", "2026-11-28T14:05,2026-11-28T13:05:00Z",
				"2026-07-01T14:05:00,2026-07-01T12:05:00Z", "2026-11-28T14:05:00.5,2026-11-28T13:05:00.5Z",
				"2026-11-28T14:05:00.1234567,2026-11-28T13:05:00.1234567Z", "2026-01-01T00:30:00,2025-12-31T23:30:00Z" })
		void aWorkbookDateIsReadInTheZone(String value, String sent) {
			assertThat(utc(reading(BERLIN), value)).isEqualTo(sent);
		}

		@Test
		void utcAsTheZoneSendsTheSameTime() {
			assertThat(utc(reading(ZoneId.of("UTC")), "2026-11-28T14:05:00")).isEqualTo("2026-11-28T14:05:00Z");
		}

	}

	@Nested
	class WithoutTimeZone {

		@ParameterizedTest
		@ValueSource(strings = { "2026-11-28T14:05:00", "28.11.2026 14:05" })
		void aLocalTimeIsRefusedNamingTheOption(String value) {
			assertThat(problem(reading(null, "dd.MM.yyyy HH:mm"), value)).isEqualTo("'" + value + "' has no offset, so"
					+ " it is a local time: give --time-zone with the zone the file's times are in (an IANA name such as"
					+ " Europe/Berlin, or UTC), or write it with its offset, such as 2026-11-28T10:30:00+01:00");
		}

		@Test
		void aPatternWithAnOffsetNeedsNoZone() {
			assertThat(utc(reading(null, "dd.MM.yyyy HH:mm XXX"), "28.11.2026 14:05 +01:00"))
				.isEqualTo("2026-11-28T13:05:00Z");
		}

		@Test
		void theMessageForAnUnknownFormNamesBothOptions() {
			assertThat(problem(DateTimeReading.ISO_WITH_OFFSET, "28/11/2026")).isEqualTo("'28/11/2026' is not a"
					+ " date-time with an offset: write it as ISO 8601 with an offset (2026-11-28T09:30:00Z or"
					+ " 2026-11-28T10:30:00+01:00), or give --date-format with the file's pattern (such as"
					+ " 'dd.MM.yyyy HH:mm') and --time-zone");
			assertThat(problem(reading(null, "dd.MM.yyyy"), "28/11/2026"))
				.endsWith("or as dd.MM.yyyy (--date-format) with --time-zone");
		}

	}

	@Nested
	class DaylightSavingChanges {

		@Test
		void aTimeTheClocksSkippedIsRefusedNamingTheGap() {
			assertThat(problem(reading(BERLIN, "dd.MM.yyyy HH:mm"), "29.03.2026 02:30")).isEqualTo("'29.03.2026 02:30'"
					+ " (dd.MM.yyyy HH:mm) does not exist in Europe/Berlin: the clocks were put forward from"
					+ " 2026-03-29T02:00 to 2026-03-29T03:00 at 2026-03-29T01:00:00Z; give a time outside the gap, or"
					+ " write it with its offset");
			assertThat(problem(reading(BERLIN), "2026-03-29T02:00:00")).contains("does not exist in Europe/Berlin");
			assertThat(utc(reading(BERLIN), "2026-03-29T01:59:59")).isEqualTo("2026-03-29T00:59:59Z");
			assertThat(utc(reading(BERLIN), "2026-03-29T03:00:00")).isEqualTo("2026-03-29T01:00:00Z");
		}

		@Test
		void aTimeThatHappenedTwiceIsRefusedWithBothInstants() {
			assertThat(problem(reading(BERLIN, "dd.MM.yyyy HH:mm"), "25.10.2026 02:30")).isEqualTo("'25.10.2026 02:30'"
					+ " (dd.MM.yyyy HH:mm) is ambiguous in Europe/Berlin: the clocks were put back from"
					+ " 2026-10-25T03:00 to 2026-10-25T02:00 at 2026-10-25T01:00:00Z, so it happened twice, at"
					+ " 2026-10-25T00:30:00Z and at 2026-10-25T01:30:00Z; write it with its offset"
					+ " (2026-10-25T02:30:00+02:00 or 2026-10-25T02:30:00+01:00)");
			assertThat(utc(reading(BERLIN), "2026-10-25T01:59:59")).isEqualTo("2026-10-24T23:59:59Z");
			assertThat(utc(reading(BERLIN), "2026-10-25T03:00:00")).isEqualTo("2026-10-25T02:00:00Z");
		}

		@Test
		void aZoneWithoutDaylightSavingHasNoGap() {
			assertThat(utc(reading(ZoneId.of("UTC")), "2026-03-29T02:30:00")).isEqualTo("2026-03-29T02:30:00Z");
		}

	}

	@Nested
	class TimeZones {

		@ParameterizedTest
		@CsvSource({ "Europe/Berlin,Europe/Berlin", "UTC,UTC", "' America/New_York ',America/New_York",
				"+01:00,+01:00" })
		void ianaNamesUtcAndOffsetsAreZones(String name, String id) {
			assertThat(DateTimeReading.zone(name).getId()).isEqualTo(id);
		}

		@Test
		void anUnknownNameIsRefusedWithAnExample() {
			assertThatIllegalArgumentException().isThrownBy(() -> DateTimeReading.zone("Mars/Olympus"))
				.withMessage("'Mars/Olympus' is not a time zone; give an IANA name such as Europe/Berlin or"
						+ " America/New_York, or UTC");
		}

		@ParameterizedTest
		@CsvSource({ "europe/berlin,Europe/Berlin", "Berlin,Europe/Berlin", "new york,America/New_York" })
		void aNameInTheWrongCaseOrACityGetsASuggestion(String name, String suggested) {
			assertThatIllegalArgumentException().isThrownBy(() -> DateTimeReading.zone(name))
				.withMessageStartingWith("'" + name + "' is not a time zone (did you mean " + suggested + "?)");
		}

		@Test
		void abbreviationsAreNotZones() {
			assertThatIllegalArgumentException().isThrownBy(() -> DateTimeReading.zone("EST"));
			assertThatIllegalArgumentException().isThrownBy(() -> DateTimeReading.zone(""));
		}

		@Test
		void atMostTwentyPatternsAreKept() {
			List<DateTimePattern> many = java.util.Collections.nCopies(DateTimeReading.MAX_PATTERNS + 1,
					DateTimePattern.of("dd.MM.yyyy"));
			assertThatIllegalArgumentException().isThrownBy(() -> new DateTimeReading(many, null))
				.withMessage("21 date formats were given, at most 20 are accepted");
		}

	}

}
