package com.example.intune.statusimport.runreport;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.intune.statusimport.runreport.RunTimeline.Point;
import com.example.intune.statusimport.runreport.RunTimeline.Totals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The run's timeline: what grew between two samples counts for its second, and a long run stays small. */
class RunTimelineTests {

	private final RunTimeline timeline = new RunTimeline();

	@Test
	void whatGrewBetweenTwoSamplesCountsForTheSecondItWasSeenIn() {
		this.timeline.record(Duration.ofMillis(250), new Totals(3, 0, 0, Duration.ZERO));
		this.timeline.record(Duration.ofMillis(900), new Totals(10, 1, 0, Duration.ZERO));
		this.timeline.record(Duration.ofMillis(2100), new Totals(25, 1, 2, Duration.ofMillis(1500)));

		List<Point> points = this.timeline.points(Duration.ofMillis(2500));

		assertThat(points).extracting(Point::startSecond).containsExactly(0L, 1L, 2L);
		assertThat(points).extracting(Point::applied).containsExactly(10L, 0L, 15L);
		assertThat(points).extracting(Point::writesThrottled).containsExactly(1L, 0L, 0L);
		assertThat(points).extracting(Point::readsThrottled).containsExactly(0L, 0L, 2L);
		assertThat(points.get(2).waitSeconds()).isCloseTo(1.5, within(1e-9));
		assertThat(points.get(2).appliedPerSecond()).isEqualTo(15.0);
	}

	@Test
	void aTenHourRunKeepsAtMostSixHundredPointsAndEveryRowItApplied() {
		long applied = 0;
		long throttled = 0;
		Duration waited = Duration.ZERO;
		for (long second = 0; second < 10 * 3600; second++) {
			applied += 7;
			throttled += second % 100 == 0 ? 1 : 0;
			waited = waited.plusMillis(second % 100 == 0 ? 2000 : 0);
			this.timeline.record(Duration.ofSeconds(second), new Totals(applied, throttled, throttled, waited));
		}

		List<Point> points = this.timeline.points(Duration.ofHours(10));

		assertThat(points).hasSizeLessThanOrEqualTo(RunTimeline.MAX_POINTS).hasSizeGreaterThan(RunTimeline.MAX_POINTS / 2);
		assertThat(this.timeline.bucketSeconds()).isEqualTo(64);
		assertThat(points.stream().mapToLong(Point::applied).sum()).isEqualTo(applied);
		assertThat(points.stream().mapToLong(Point::throttled).sum()).isEqualTo(2 * throttled);
		assertThat(points.stream().mapToDouble(Point::waitSeconds).sum()).isCloseTo(waited.toSeconds(), within(1e-6));
		// a bucket of 64 s that applied 7 rows a second reads 7 rows/s, not 448
		assertThat(points.get(10).appliedPerSecond()).isEqualTo(7.0);
		assertThat(points.get(points.size() - 1).startSecond() + points.get(points.size() - 1).seconds())
			.isEqualTo(10 * 3600);
	}

}
