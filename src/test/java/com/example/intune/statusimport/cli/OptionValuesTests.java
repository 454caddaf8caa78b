package com.example.intune.statusimport.cli;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import com.example.intune.statusimport.graph.RateLimit;
import com.example.intune.statusimport.graph.RetryPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionValuesTests {

	@Test
	void ratesAreReadAsNPerDuration() {
		assertThat(OptionValues.parseRate("100/20s")).isEqualTo(new RateLimit(100, Duration.ofSeconds(20)));
		assertThat(OptionValues.parseRate("5/s").perSecond()).isEqualTo(5.0);
		assertThat(OptionValues.parseRate("300/1m").perSecond()).isEqualTo(5.0);
		assertThat(OptionValues.parseRate("10/500ms").perSecond()).isEqualTo(20.0);
		assertThatThrownBy(() -> OptionValues.parseRate("fast")).isInstanceOf(TypeConversionException.class)
			.hasMessageContaining("'fast' is not a rate");
		assertThatThrownBy(() -> OptionValues.parseRate("0/1s")).hasMessageContaining("'0/1s' allows nothing");
		assertThatThrownBy(() -> OptionValues.parseRate("5/0s")).hasMessageContaining("'5/0s' allows nothing");
		assertThatThrownBy(() -> OptionValues.parseRate("0/20s")).hasMessageContaining("at least one write");
		assertThatThrownBy(() -> OptionValues.parseRate("99999999999/1s"))
			.hasMessage("'99999999999/1s' asks for more than 2147483647 writes per window; Intune allows 100/20s");
		assertThat(OptionValues.parseRate("2147483647/1d").window()).isEqualTo(Duration.ofDays(1));
		assertThatThrownBy(() -> OptionValues.parseRate("100/")).hasMessage("'100/' has no window after the '/'; write"
				+ " it as N/DURATION, like 100/20s or 5/s");
	}

	@Test
	void readRatesAreReadTheSameWayAndTheirMessagesSpeakOfReads() {
		OptionValues.ReadRateValue reads = new OptionValues.ReadRateValue();
		assertThat(reads.convert("1000/20s")).isEqualTo(RateLimit.INTUNE_READS);
		assertThat(reads.convert("50/s")).isEqualTo(new RateLimit(50, Duration.ofSeconds(1)));
		assertThatThrownBy(() -> reads.convert("0/20s"))
			.hasMessage("'0/20s' allows nothing; a rate needs at least one read per window longer than zero, like"
					+ " 1000/20s");
		assertThatThrownBy(() -> reads.convert("lots")).hasMessage("'lots' is not a rate; write it as N/DURATION, like"
				+ " 1000/20s or 5/s");
		assertThatThrownBy(() -> reads.convert("99999999999/1s"))
			.hasMessage("'99999999999/1s' asks for more than 2147483647 reads per window; Intune allows 1000/20s");
		assertThat(OptionValues.formatRate(RateLimit.INTUNE_READS)).isEqualTo("1000/20s");
	}

	@Test
	void durationsAreReadWithTheirUnitAndSecondsByDefault() {
		assertThat(OptionValues.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
		assertThat(OptionValues.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
		assertThat(OptionValues.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
		assertThat(OptionValues.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
		assertThat(OptionValues.parseDuration("7")).isEqualTo(Duration.ofSeconds(7));
		assertThat(OptionValues.parseDuration("30d")).as("the README's --resend-older-than 30d")
			.isEqualTo(Duration.ofDays(30));
		assertThat(OptionValues.parseDuration("3650d")).isEqualTo(Duration.ofDays(3650));
		assertThatThrownBy(() -> OptionValues.parseDuration("3651d")).hasMessageContaining("at most 3650d");
		assertThatThrownBy(() -> OptionValues.parseDuration("soon")).hasMessageContaining("'soon' is not a duration");
		assertThatThrownBy(() -> OptionValues.parseDuration("-1s")).hasMessageContaining("is not a duration");
		assertThat(OptionValues.parseDuration("87600h")).isEqualTo(Duration.ofHours(87_600));
		assertThatThrownBy(() -> OptionValues.parseDuration("99999999999999999999h"))
			.hasMessageContaining("is longer than anything this job waits for");
	}

	@Test
	void theDefaultsShownInHelpReadBackAsTheConstantsTheyCameFrom() {
		for (Duration duration : new Duration[] { RetryPolicy.DEFAULT.baseDelay(), RetryPolicy.DEFAULT.maxDelay(),
				Duration.ofMillis(250), Duration.ofSeconds(90), Duration.ofMinutes(2), Duration.ofHours(30),
				Duration.ZERO }) {
			assertThat(OptionValues.parseDuration(OptionValues.formatDuration(duration))).isEqualTo(duration);
		}
		assertThat(OptionValues.formatDuration(RetryPolicy.DEFAULT.maxDelay())).isEqualTo("60s");
		assertThat(OptionValues.formatRate(RateLimit.INTUNE)).isEqualTo("100/20s");
		assertThat(OptionValues.parseRate(OptionValues.formatRate(RateLimit.INTUNE))).isEqualTo(RateLimit.INTUNE);
	}

	@Test
	void aTimeoutCannotBeZero() {
		OptionValues.PositiveDurationValue timeout = new OptionValues.PositiveDurationValue();
		assertThat(timeout.convert("1ms")).isEqualTo(Duration.ofMillis(1));
		assertThatThrownBy(() -> timeout.convert("0s")).hasMessageContaining("'0s' is too short");
		assertThat(com.example.intune.statusimport.support.CommandRun
			.run(java.util.Map.of(), "import", "--request-timeout", "0", "--dry-run", "x.csv")
			.err()).contains("--request-timeout '0' is too short").doesNotContain("at com.");
		for (String option : java.util.List.of("--connect-timeout", "--retry-max-delay", "--progress-interval")) {
			assertThat(com.example.intune.statusimport.support.CommandRun
				.run(java.util.Map.of(), "import", option, "0ms", "--dry-run", "x.csv")
				.err()).as(option).contains(option + " '0ms' is too short");
		}
	}

	@Test
	void boundedNumbersNameTheirRange() {
		GraphOptions.Concurrency concurrency = new GraphOptions.Concurrency();
		assertThat(concurrency.convert("64")).isEqualTo(64);
		assertThatThrownBy(() -> concurrency.convert("65")).hasMessage("must be between 1 and 64, not 65");
		assertThatThrownBy(() -> concurrency.convert("0")).hasMessage("must be between 1 and 64, not 0");
		assertThatThrownBy(() -> new GraphOptions.BatchSize().convert("21"))
			.hasMessage("must be between 1 and 20 (Graph's limit per $batch), not 21");
		assertThatThrownBy(() -> new GraphOptions.MaxAttempts().convert("0")).hasMessage("must be at least 1, not 0");
		assertThatThrownBy(() -> new GraphOptions.MaxAttempts().convert("99999999999"))
			.hasMessage("must be between 1 and 2147483647, not 99999999999");
		assertThatThrownBy(() -> new RunOptions.MaxFailures().convert("-1")).hasMessage("must be 0 or more, not -1");
		assertThat(new RunOptions.MaxFailures().convert("5000000000")).isEqualTo(5_000_000_000L);
		assertThatThrownBy(() -> concurrency.convert("four")).hasMessageContaining("'four' is not a whole number");
	}

	@Test
	void anIdOptionFollowsTheRuleOfTheRowsIds() {
		OptionValues.PathSegmentValue id = new OptionValues.PathSegmentValue();
		assertThat(id.convert(" cfg-1 ")).isEqualTo("cfg-1");
		assertThatThrownBy(() -> id.convert("../x")).hasMessageContaining("'../x' is not a valid id");
		assertThatThrownBy(() -> id.convert("a".repeat(129))).hasMessageContaining("at most 128");
	}

}
