package com.example.intune.statusimport.graph;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a {@code Retry-After} header: seconds, possibly fractional ({@code 2.128}), or an HTTP date. */
public final class RetryAfter {

	private RetryAfter() {
	}

	public static Optional<Duration> parse(String header, Clock clock) {
		if (header == null || header.isBlank()) {
			return Optional.empty();
		}
		String value = header.strip();
		try {
			BigDecimal seconds = new BigDecimal(value);
			if (seconds.signum() < 0) {
				return Optional.empty();
			}
			return Optional.of(Duration.ofNanos(seconds.movePointRight(9).min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue()));
		}
		catch (NumberFormatException ex) {
			// not seconds: an HTTP date, below
		}
		try {
			ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
			Duration wait = Duration.between(clock.instant(), at.toInstant());
			return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

}
