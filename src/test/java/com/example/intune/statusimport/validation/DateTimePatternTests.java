package com.example.intune.statusimport.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** A --date-format pattern is checked once, when it is given: a pattern that cannot give a date never reaches a row. */
class DateTimePatternTests {

	@ParameterizedTest
	@ValueSource(strings = { "dd.MM.yyyy HH:mm", "M/d/yyyy h:mm a", "dd.MM.yyyy", "yyyy-MM-dd HH:mm:ss.SSS",
			"d MMM yyyy", "dd.MM.yy HH:mm", "dd.MM.uuuu HH:mm", "dd.MM.yyyy 'at' HH:mm", "dd.MM.yyyy HH:mm XXX",
			"EEE, d MMM yyyy HH:mm" })
	void usablePatternsAreKeptAsWritten(String text) {
		assertThat(DateTimePattern.of(text).text()).isEqualTo(text);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = {
			"dd.MM.yyyy hh:mmb|'dd.MM.yyyy hh:mmb' is not a usable date-time pattern: Unknown pattern letter: b (the"
					+ " letters are java.time's: yyyy year, MM month, dd day, HH hour 0-23, h hour 1-12 with a for AM/PM,"
					+ " mm minute, ss second; text in 'quotes')",
			"YYYY-MM-dd|'YYYY-MM-dd' is not a usable date-time pattern: Y is the week-based year, which differs from"
					+ " the year around New Year; write yyyy for the year",
			"DD.MM.yyyy|'DD.MM.yyyy' is not a usable date-time pattern: D is the day of the year (1 to 366); write dd"
					+ " or d for the day of the month",
			"dd.MM.yyyy h:mm|'dd.MM.yyyy h:mm' is not a usable date-time pattern: it gives no whole time of day; h is"
					+ " the hour 1-12, which needs a for AM/PM (h:mm a), or write HH for the hour 0-23",
			"dd.MM.yyyy mm|'dd.MM.yyyy mm' is not a usable date-time pattern: it gives no whole time of day; give at"
					+ " least the hour (HH)",
			"MM/yyyy|'MM/yyyy' is not a usable date-time pattern: it gives no whole date (it reads 11/2026 as no"
					+ " date); it needs the year (yyyy or yy), the month (MM, M or MMM) and the day (dd or d)",
			"HH:mm|'HH:mm' is not a usable date-time pattern: it gives no whole date (it reads 14:05 as no date); it"
					+ " needs the year (yyyy or yy), the month (MM, M or MMM) and the day (dd or d)",
			"dMyyyy|'dMyyyy' is not a usable date-time pattern: it cannot read back what it writes; put a separator"
					+ " between numbers of varying width (d.M.yyyy rather than dMyyyy)",
			"'today'|''today'' is not a usable date-time pattern: it has no pattern letters; write it like dd.MM.yyyy"
					+ " HH:mm" })
	void unusablePatternsAreRefusedSayingWhy(String text, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> DateTimePattern.of(text)).withMessage(message);
	}

	@Test
	void quotedLettersAreText() {
		assertThat(DateTimePattern.of("dd.MM.yyyy 'Day' HH:mm").read("28.11.2026 day 14:05")).isNotNull();
	}

	@Test
	void aPatternLongerThanTheLimitIsRefused() {
		String text = "dd.MM.yyyy" + " ".repeat(DateTimePattern.MAX_LENGTH);
		assertThatIllegalArgumentException().isThrownBy(() -> DateTimePattern.of(text))
			.withMessage("the pattern is 110 characters long, at most 100 are accepted");
	}

	@Test
	void aValueInAnotherFormIsToldApartWithoutAnException() {
		assertThat(DateTimePattern.of("dd.MM.yyyy HH:mm").read("2026-11-28T14:05:00Z")).isNull();
		assertThat(DateTimePattern.of("dd.MM.yyyy HH:mm").read("28.11.2026 14:05 and more")).isNull();
	}

}
