package com.example.intune.statusimport.graph;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The limits a run is configured with: the write rate, the concurrency and the batch size. */
class GraphSettingsTests {

	private static GraphSettings settings(String url, int concurrency, int batchSize) {
		return new GraphSettings(url, RetryPolicy.DEFAULT, Duration.ofSeconds(1), Duration.ofSeconds(1), "test/1",
				RateLimit.INTUNE, concurrency, batchSize);
	}

	@Test
	void intunesLimitIsFiveWritesPerSecond() {
		assertThat(RateLimit.INTUNE.perSecond()).isCloseTo(5.0, within(1e-9));
		assertThat(new RateLimit(3, Duration.ofMillis(500)).perSecond()).isCloseTo(6.0, within(1e-9));
	}

	@Test
	void aRateNeedsAWriteAndAPositiveWindow() {
		assertThat(new RateLimit(1, Duration.ofNanos(1)).requests()).isEqualTo(1);
		assertThatThrownBy(() -> new RateLimit(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("a rate needs at least one request per positive window");
		assertThatThrownBy(() -> new RateLimit(5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new RateLimit(5, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void trailingSlashesOfTheServiceRootAreDropped() {
		assertThat(settings("https://graph.microsoft.com/v1.0//", 1, 1).graphUrl())
			.isEqualTo("https://graph.microsoft.com/v1.0");
		assertThat(settings("https://graph.microsoft.com/v1.0", 1, 1).graphUrl())
			.isEqualTo("https://graph.microsoft.com/v1.0");
	}

	@Test
	void concurrencyAndBatchSizeStayWithinTheirLimits() {
		assertThat(settings("https://g", GraphSettings.MAX_CONCURRENCY, GraphSettings.MAX_BATCH_SIZE).batchSize())
			.isEqualTo(20);
		assertThat(settings("https://g", 1, 1).concurrency()).isEqualTo(1);
		assertThatThrownBy(() -> settings("https://g", 0, 1)).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("concurrency must be between 1 and 64 and batchSize between 1 and 20");
		assertThatThrownBy(() -> settings("https://g", 65, 1)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> settings("https://g", 1, 0)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> settings("https://g", 1, 21)).isInstanceOf(IllegalArgumentException.class);
	}

}
