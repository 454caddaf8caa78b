package com.example.intune.statusimport.runreport;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The run's timeline as inline SVG: three panels on one time axis (rows applied per second, 429 answers, seconds
 * waited on throttling), each with its own scale and unit, and a legend. Plain shapes and black text on white, so
 * that it prints as it shows; no script, no font or image from anywhere.
 */
final class TimelineChart {

	static final String APPLIED_COLOUR = "#1f6fd1";

	static final String WRITE_429_COLOUR = "#d62728";

	static final String READ_429_COLOUR = "#8c4fc9";

	static final String WAIT_COLOUR = "#f28c0f";

	private static final int WIDTH = 900;

	private static final int LEFT = 78;

	private static final int RIGHT = 16;

	private static final int LEGEND = 62;

	private static final int PANEL = 120;

	private static final int GAP = 34;

	private static final int AXIS = 40;

	private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;

	private final List<RunTimeline.Point> points;

	private final double totalSeconds;

	private final long bucketSeconds;

	private final StringBuilder svg = new StringBuilder();

	private TimelineChart(List<RunTimeline.Point> points, long bucketSeconds) {
		this.points = points;
		this.bucketSeconds = bucketSeconds;
		RunTimeline.Point last = points.isEmpty() ? null : points.get(points.size() - 1);
		this.totalSeconds = last == null ? 1 : Math.max(1, last.startSecond() + last.seconds());
	}

	/** The chart of {@code points}, each {@code bucketSeconds} long (the last one maybe shorter). */
	static String svg(List<RunTimeline.Point> points, long bucketSeconds) {
		return new TimelineChart(points, bucketSeconds).draw();
	}

	private String draw() {
		int height = LEGEND + 3 * PANEL + 2 * GAP + AXIS;
		this.svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timeline\""
				+ " viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" aria-labelledby=\"timeline-title\">%n"
				+ "<title id=\"timeline-title\">Rows applied per second, 429 answers and seconds waited on throttling,"
				+ " over the run's time</title>%n<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", WIDTH, height,
				WIDTH, height));
		legend();
		String per = this.bucketSeconds == 1 ? "per second" : "per " + this.bucketSeconds + " s";
		int top = LEGEND;
		panel(top, "Rows applied per second", "rows/s", List.of(new Series("applied", APPLIED_COLOUR,
				RunTimeline.Point::appliedPerSecond)));
		top += PANEL + GAP;
		panel(top, "429 answers " + per + " (stacked: writes, reads)", "answers", List.of(
				new Series("writes429", WRITE_429_COLOUR, RunTimeline.Point::writesThrottled),
				new Series("reads429", READ_429_COLOUR, RunTimeline.Point::readsThrottled)));
		top += PANEL + GAP;
		panel(top, "Seconds waited on throttling " + per + " (summed over the requests waiting)", "s",
				List.of(new Series("wait", WAIT_COLOUR, RunTimeline.Point::waitSeconds)));
		timeAxis(top + PANEL);
		this.svg.append("</svg>\n");
		return this.svg.toString();
	}

	private record Series(String name, String colour, ToDoubleFunction<RunTimeline.Point> value) {
	}

	private void legend() {
		String[][] entries = { { APPLIED_COLOUR, "rows applied" }, { WRITE_429_COLOUR, "429 on writes" },
				{ READ_429_COLOUR, "429 on reads" }, { WAIT_COLOUR, "throttle waits" } };
		int x = LEFT;
		this.svg.append("<g class=\"legend\" font-size=\"13\">\n");
		for (String[] entry : entries) {
			this.svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"10\" width=\"14\" height=\"14\""
					+ " fill=\"%s\"/><text x=\"%d\" y=\"22\">%s</text>%n", x, entry[0], x + 20, entry[1]));
			x += 40 + entry[1].length() * 8;
		}
		this.svg.append("</g>\n");
	}

	/** One panel: its title, a y axis from zero with gridlines, and the series as bars stacked from zero. */
	private void panel(int top, String title, String unit, List<Series> series) {
		double max = 0;
		for (RunTimeline.Point point : this.points) {
			double sum = 0;
			for (Series each : series) {
				sum += each.value().applyAsDouble(point);
			}
			max = Math.max(max, sum);
		}
		double step = niceStep(max);
		double scaleTop = Math.max(step, Math.ceil(max / step) * step);
		this.svg.append(String.format(Locale.ROOT, "<g class=\"panel\" font-size=\"12\">%n<text x=\"%d\" y=\"%d\""
				+ " font-size=\"13\" font-weight=\"bold\">%s</text>%n", LEFT, top - 8, Html.text(title)));
		for (int i = 0; i * step <= scaleTop + step / 2; i++) {
			double tick = i * step;
			double y = top + PANEL - tick / scaleTop * PANEL;
			this.svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\""
					+ " stroke=\"%s\" stroke-width=\"1\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
					LEFT, y, LEFT + PLOT_WIDTH, y, tick == 0 ? "#000000" : "#d0d0d0", LEFT - 6, y + 4, figure(tick)));
		}
		this.svg.append(String.format(Locale.ROOT, "<text transform=\"translate(16 %d) rotate(-90)\""
				+ " text-anchor=\"middle\">%s</text>%n", top + PANEL / 2, Html.text(unit)));
		for (RunTimeline.Point point : this.points) {
			double x = LEFT + point.startSecond() / this.totalSeconds * PLOT_WIDTH;
			double width = Math.max(1, point.seconds() / this.totalSeconds * PLOT_WIDTH - 0.5);
			double base = 0;
			for (Series each : series) {
				double value = each.value().applyAsDouble(point);
				if (value > 0) {
					double y = top + PANEL - (base + value) / scaleTop * PANEL;
					this.svg.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\""
							+ " width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n", each.name(), x, y, width,
							Math.max(1, value / scaleTop * PANEL), each.colour()));
				}
				base += value;
			}
		}
		this.svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000000\"/>%n"
				+ "</g>%n", LEFT, top, LEFT, top + PANEL));
	}

	/** The time axis under the last panel, in seconds, minutes or hours since the run started. */
	private void timeAxis(int y) {
		double unitSeconds = this.totalSeconds <= 180 ? 1 : this.totalSeconds <= 3 * 3600 ? 60 : 3600;
		String unit = unitSeconds == 1 ? "seconds" : unitSeconds == 60 ? "minutes" : "hours";
		double span = this.totalSeconds / unitSeconds;
		double step = niceStep(span);
		this.svg.append("<g class=\"time-axis\" font-size=\"12\">\n");
		for (int i = 0; i * step <= span + 1e-9; i++) {
			double tick = i * step;
			double x = LEFT + tick / span * PLOT_WIDTH;
			this.svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\""
					+ " stroke=\"#000000\"/><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, y, x,
					y + 5, x, y + 18, figure(tick)));
		}
		this.svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">time since the"
				+ " run started (%s)</text>%n</g>%n", LEFT + PLOT_WIDTH / 2, y + 35, unit));
	}

	/** A step of 1, 2 or 5 times a power of ten that cuts {@code max} into three to six parts. */
	static double niceStep(double max) {
		if (max <= 0) {
			return 1;
		}
		double raw = max / 4;
		double power = Math.pow(10, Math.floor(Math.log10(raw)));
		for (double factor : new double[] { 1, 2, 5, 10 }) {
			if (raw <= factor * power) {
				return factor * power;
			}
		}
		return 10 * power;
	}

	private static String figure(double value) {
		String shown = String.format(Locale.ROOT, "%,.2f", value);
		return shown.endsWith(".00") ? shown.substring(0, shown.length() - 3) : shown.replaceAll("0$", "");
	}

}
