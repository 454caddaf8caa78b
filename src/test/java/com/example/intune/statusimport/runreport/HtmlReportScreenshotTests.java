package com.example.intune.statusimport.runreport;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.intune.statusimport.simulator.GraphSimulator;
import com.example.intune.statusimport.support.CommandRun;
import com.example.intune.statusimport.support.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML run report of a real run (throttled, with failures) opened in a real headless browser: what it draws
 * (the chart's series in their colours, not a blank page) and what it holds once loaded (the figures, a script in
 * the input as text that never ran). The screenshot is kept as {@code target/html-report-screenshot.png}.
 */
class HtmlReportScreenshotTests {

	@TempDir
	Path dir;

	@Test
	void aThrottledRunWithFailuresShowsItsFiguresAndChartInABrowser() throws Exception {
		HeadlessChromium.requireInstalled();
		Workspace workspace = new Workspace(this.dir);
		Path html = this.dir.resolve("nightly.html");
		try (GraphSimulator graph = ReportedRun.throttlingGraph()) {
			CommandRun run = ReportedRun.run("import", workspace, graph, ReportedRun.input(workspace), html);

			assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
			HeadlessChromium browser = new HeadlessChromium(Files.createDirectories(this.dir.resolve("browser")));
			String dom = browser.dumpDom(html);
			Path png = browser.screenshot(html, 1000, 1750);
			Files.copy(png, Path.of("target/html-report-screenshot.png"), StandardCopyOption.REPLACE_EXISTING);

			assertThat(dom).contains("<td>" + graph.statuses().size() + "</td>")
				.contains("<tr><td>not_found</td><td class=\"n\">" + ReportedRun.UNKNOWN + "</td></tr>")
				.contains("<tr><td>invalid</td><td class=\"n\">" + ReportedRun.SCRIPTS + "</td></tr>")
				.contains("Exit code 1: the run finished; some rows failed");
			assertThat(graph.answers().getOrDefault(429, 0L)).as("Graph throttled the run").isPositive();
			// the script is text in a cell: no element was made of it, and it never ran
			assertThat(dom).contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;")
				.doesNotContainIgnoringCase("<script")
				.contains("<title>Import of ");
			BufferedImage image = ImageIO.read(png.toFile());
			assertThat(image.getWidth()).isEqualTo(1000);
			assertThat(distinctColours(image)).as("a page, not a blank").isGreaterThan(50);
			// each series fills more than its legend's 14 x 14 square: it is drawn in the chart
			for (String colour : new String[] { TimelineChart.APPLIED_COLOUR, TimelineChart.WRITE_429_COLOUR,
					TimelineChart.READ_429_COLOUR, TimelineChart.WAIT_COLOUR }) {
				assertThat(pixels(image, colour)).as("pixels of " + colour).isGreaterThan(14 * 14 + 60);
			}
		}
	}

	private static int distinctColours(BufferedImage image) {
		Set<Integer> colours = new HashSet<>();
		for (int y = 0; y < image.getHeight(); y += 2) {
			for (int x = 0; x < image.getWidth(); x += 2) {
				colours.add(image.getRGB(x, y) & 0xffffff);
			}
		}
		return colours.size();
	}

	/** Pixels within a small distance of {@code hex}, which anti-aliasing leaves at the edges. */
	private static long pixels(BufferedImage image, String hex) {
		int want = Integer.parseInt(hex.substring(1), 16);
		long count = 0;
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				int rgb = image.getRGB(x, y);
				if (Math.abs(((rgb >> 16) & 0xff) - ((want >> 16) & 0xff)) <= 6
						&& Math.abs(((rgb >> 8) & 0xff) - ((want >> 8) & 0xff)) <= 6
						&& Math.abs((rgb & 0xff) - (want & 0xff)) <= 6) {
					count++;
				}
			}
		}
		return count;
	}

}
