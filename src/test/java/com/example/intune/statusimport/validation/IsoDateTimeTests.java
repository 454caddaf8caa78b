package com.example.intune.statusimport.validation;

import java.time.DateTimeException;
import java.time.LocalDateTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The hand-written fast path must agree with Java's ISO parser on both sides of the line. */
class IsoDateTimeTests {

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-28T09:30:00Z", "2024-02-29T23:59:59Z", "2026-11-28T09:30Z",
			"2026-11-28T09:30:00.123456-08:00", "2026-11-28T09:30:00+01:00", "2016-12-31T23:56:44.951111-08:00",
			"2026-11-28T09:30:00.1234567Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00",
			"2026-11-28T09:30:00-12:00" })
	void accepted(String value) {
		assertThat(IsoDateTime.isValid(value)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-13-28T09:30:00Z", "2026-02-29T09:30:00Z", "2026-11-31T09:30:00Z",
			"2026-11-28T24:00:00Z", "2026-11-28T09:60:00Z", "2026-11-28T09:30:60Z", "2026-11-28T09:30:00",
			"2026-1a-28T09:30:00Z", "2026-11-28 09:30:00Z", "28/11/2026 09:30", "2026-11-28T09:30:00z",
			"2026-11-28t09:30:00Z", "2026-11-28T09:30:00+01", "2026-11-28T09:30:00.Z", "2026-11-28T09:30:00+01:00:30",
			"12026-11-28T09:30:00Z", "-2026-11-28T09:30:00Z", "2026-11-28T09:30:00.123456789Z", "0000-01-01T00:00:00Z",
			"2026-11-28T09:30:00+15:00", "2026-11-28T09:30:00+14:30", "2026-11-28T09:30:00+01:60" })
	void refused(String value) {
		assertThat(IsoDateTime.isValid(value)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-28T09:30:00", "2026-11-28T09:30", "2026-11-28T09:30:00.5",
			"2026-11-28T09:30:00.1234567", "0001-01-01T00:00:00", "9999-12-31T23:59:59" })
	void aLocalDateTimeAgreesWithJavasParser(String value) {
		assertThat(IsoDateTime.local(value)).isEqualTo(LocalDateTime.parse(value));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-28T09:30:00Z", "2026-11-28T09:30:00+01:00", "2026-11-28 09:30:00",
			"2026-11-28T09:3a:00", "2026-11-28T09:30:0", "2026-11-28", "2026-11-28t09:30:00", "12026-11-28T09:30:00",
			"2026-11-28T09:30:00.123456789", "28.11.2026 09:30" })
	void otherFormsAreNotLocalDateTimes(String value) {
		assertThat(IsoDateTime.local(value)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-02-29T09:30:00", "2026-11-28T24:00:00", "2026-13-01T00:00", "0000-01-01T00:00:00",
			"0000-01-01T00:00" })
	void aLocalDateTimeInTheFormThatDoesNotExistSaysSo(String value) {
		assertThatExceptionOfType(DateTimeException.class).isThrownBy(() -> IsoDateTime.local(value));
	}

}
