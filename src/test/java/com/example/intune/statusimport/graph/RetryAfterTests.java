package com.example.intune.statusimport.graph;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);

	@Test
	void wholeAndFractionalSeconds() {
		assertThat(RetryAfter.parse("5", this.clock)).contains(Duration.ofSeconds(5));
		assertThat(RetryAfter.parse("2.128", this.clock)).contains(Duration.ofMillis(2128));
		assertThat(RetryAfter.parse(" 0 ", this.clock)).contains(Duration.ZERO);
	}

	@Test
	void anHttpDate() {
		assertThat(RetryAfter.parse("Sat, 28 Nov 2026 10:00:07 GMT", this.clock)).contains(Duration.ofSeconds(7));
		assertThat(RetryAfter.parse("Sat, 28 Nov 2026 09:59:00 GMT", this.clock)).contains(Duration.ZERO);
	}

	@Test
	void nonsenseIsIgnored() {
		assertThat(RetryAfter.parse("soon", this.clock)).isEmpty();
		assertThat(RetryAfter.parse("-3", this.clock)).isEmpty();
		assertThat(RetryAfter.parse(null, this.clock)).isEmpty();
	}

	@Test
	void aBlankHeaderAsksForNoWait() {
		assertThat(RetryAfter.parse("  ", this.clock)).isEmpty();
		assertThat(RetryAfter.parse("", this.clock)).isEmpty();
	}

	@Test
	void anAbsurdlyLongWaitIsKeptAsTheLongestDurationRatherThanWrappingAround() {
		// a wrapped value would be negative or short, and the engine would retry at once instead of stopping
		assertThat(RetryAfter.parse("1e30", this.clock)).contains(Duration.ofNanos(Long.MAX_VALUE));
		assertThat(RetryAfter.parse("0.000000001", this.clock)).contains(Duration.ofNanos(1));
	}

}
