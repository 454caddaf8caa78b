package com.example.intune.statusimport.runreport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import com.example.intune.statusimport.files.PrivateFiles;
import com.example.intune.statusimport.report.FailureMessages;

/**
 * The run report as one self-contained HTML page ({@code --html-report}): the outcome, the figures, failures by
 * category and the most frequent messages, and the timeline chart. Nothing is fetched when it is opened: styles and
 * the chart are inline, and the page's own policy forbids scripts and every request. Written owner-only (messages
 * name devices), whole or not at all, never through a link.
 */
public final class HtmlRunReport {

	/** No script, no request of any kind: only the inline styles may apply. */
	private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'";

	private static final String STYLE = """
			body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: #000; background: #fff;
			  margin: 24px auto; max-width: 960px; padding: 0 16px; line-height: 1.4; }
			h1 { font-size: 22px; margin: 0 0 4px; overflow-wrap: anywhere; }
			h2 { font-size: 17px; margin: 22px 0 8px; border-bottom: 1px solid #999; }
			.when { color: #333; margin: 0 0 12px; }
			.outcome { font-size: 16px; font-weight: bold; padding: 8px 12px; border-left: 6px solid; }
			.exit-ok { border-color: #2a8a2a; background: #eef8ee; }
			.exit-some { border-color: #d68a00; background: #fff6e5; }
			.exit-bad { border-color: #c62828; background: #fdecea; }
			.problem, .note { padding: 6px 12px; border: 1px solid #999; overflow-wrap: anywhere; }
			table { border-collapse: collapse; width: 100%; }
			th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #ddd; vertical-align: top;
			  overflow-wrap: anywhere; }
			td.n { text-align: right; white-space: nowrap; }
			#categories { width: auto; min-width: 40%; }
			#messages tr > :nth-child(-n+2) { white-space: nowrap; }
			svg { display: block; max-width: 100%; height: auto; font-family: "DejaVu Sans", Arial, sans-serif; }
			footer { margin-top: 24px; color: #444; font-size: 12px; }
			@media print { body { margin: 0; max-width: none; } section { break-inside: avoid; } }
			""";

	private final RunFigures run;

	private final List<RunTimeline.Point> timeline;

	private final long bucketSeconds;

	private final StringBuilder page = new StringBuilder(16_384);

	private HtmlRunReport(RunFigures run, List<RunTimeline.Point> timeline, long bucketSeconds) {
		this.run = run;
		this.timeline = timeline;
		this.bucketSeconds = bucketSeconds;
	}

	/**
	 * Writes the page for {@code run} to {@code file}.
	 * @param timeline the run's timeline, empty for a run that never started
	 * @param bucketSeconds how long each point of the timeline covers
	 */
	public static void write(Path file, RunFigures run, List<RunTimeline.Point> timeline, long bucketSeconds)
			throws IOException {
		String html = new HtmlRunReport(run, timeline, bucketSeconds).page();
		PrivateFiles.writeWhole(file, html.getBytes(StandardCharsets.UTF_8), "--html-report");
	}

	String page() {
		this.page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(POLICY).append("\">\n")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
			.append("<title>").append(Html.text(this.run.heading())).append("</title>\n")
			.append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
		this.page.append("<h1 id=\"heading\">").append(Html.text(this.run.heading())).append("</h1>\n");
		this.page.append("<p class=\"when\">Started ").append(time(this.run.started())).append(", ended ")
			.append(time(this.run.ended())).append(" (UTC)</p>\n");
		this.page.append("<p id=\"outcome\" class=\"outcome ").append(outcomeClass()).append("\">Exit code ")
			.append(this.run.exitCode()).append(": ").append(Html.text(this.run.exitMeaning())).append("</p>\n");
		if (this.run.problem() != null) {
			this.page.append("<p id=\"problem\" class=\"problem\">").append(Html.text(this.run.problem()))
				.append("</p>\n");
		}
		if (this.run.note() != null) {
			this.page.append("<p id=\"note\" class=\"note\">").append(Html.text(this.run.note())).append("</p>\n");
		}
		figures();
		chart();
		categories();
		messages();
		this.page.append("<footer>Written by device-status-import. This page fetches nothing and runs no script;"
				+ " every figure is in it.</footer>\n")
			.append("</body>\n</html>\n");
		return this.page.toString();
	}

	private String outcomeClass() {
		return switch (this.run.exitCode()) {
			case 0 -> "exit-ok";
			case 1 -> "exit-some";
			default -> "exit-bad";
		};
	}

	private void figures() {
		this.page.append("<section>\n<h2>Figures</h2>\n");
		if (this.run.figures().isEmpty()) {
			this.page.append("<p>The run stopped before its job started: there are no figures.</p>\n</section>\n");
			return;
		}
		this.page.append("<table id=\"figures\">\n");
		for (RunFigures.Figure figure : this.run.figures()) {
			this.page.append("<tr><th scope=\"row\">").append(Html.text(figure.label())).append("</th><td>")
				.append(Html.text(figure.value())).append("</td></tr>\n");
		}
		this.page.append("</table>\n</section>\n");
	}

	private void chart() {
		this.page.append("<section>\n<h2>Over time</h2>\n");
		if (this.timeline.isEmpty()) {
			this.page.append("<p>No timeline: the job did not run.</p>\n</section>\n");
			return;
		}
		this.page.append(TimelineChart.svg(this.timeline, this.bucketSeconds)).append("</section>\n");
	}

	private void categories() {
		this.page.append("<section>\n<h2>Failures by category</h2>\n");
		if (this.run.failedByCategory().isEmpty()) {
			this.page.append("<p id=\"no-failures\">No row failed.</p>\n</section>\n");
			return;
		}
		this.page.append("<table id=\"categories\">\n<tr><th>Category</th><th>Rows</th></tr>\n");
		for (RunFigures.Figure category : this.run.failedByCategory()) {
			this.page.append("<tr><td>").append(Html.text(category.label())).append("</td><td class=\"n\">")
				.append(Html.text(category.value())).append("</td></tr>\n");
		}
		this.page.append("</table>\n</section>\n");
	}

	private void messages() {
		if (this.run.topMessages().isEmpty()) {
			return;
		}
		this.page.append("<section>\n<h2>Most frequent failure messages</h2>\n<p>Counted by their shape: quoted"
				+ " values and figures stand as '…' and #; the example is the first such message.</p>\n")
			.append("<table id=\"messages\">\n<tr><th>Rows</th><th>Category</th><th>Message</th><th>First example</th>"
					+ "</tr>\n");
		for (FailureMessages.Entry entry : this.run.topMessages()) {
			this.page.append("<tr><td class=\"n\">").append(String.format(Locale.ROOT, "%,d", entry.count()))
				.append("</td><td>").append(entry.category() == null ? "" : Html.text(entry.category().label()))
				.append("</td><td>").append(Html.text(entry.shape())).append("</td><td>")
				.append(Html.text(entry.example())).append("</td></tr>\n");
		}
		this.page.append("</table>\n</section>\n");
	}

	private static String time(Instant instant) {
		return instant.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", "");
	}

}
