package com.example.intune.statusimport.runreport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Debian's Chromium, headless, as a person's browser would open a page: a fresh profile each time, no network of its
 * own (no updates, no sync), and killed when it takes longer than {@value #TIMEOUT_SECONDS} s.
 */
final class HeadlessChromium {

	static final Path BINARY = Path.of("/usr/bin/chromium");

	private static final long TIMEOUT_SECONDS = 90;

	private final Path work;

	/** @param work a folder for the browser's profiles and output */
	HeadlessChromium(Path work) {
		this.work = work;
	}

	/** Fails, never skips, when the browser is not installed: the page would go unchecked. */
	static void requireInstalled() {
		if (!Files.isExecutable(BINARY)) {
			fail(BINARY + " is missing: this test opens the HTML run report in a real browser. Install Debian's"
					+ " Chromium (as root: apt-get install -y chromium) and run it again.");
		}
	}

	/** A PNG of {@code page} as a window {@code width} x {@code height} shows it. */
	Path screenshot(Path page, int width, int height) throws Exception {
		Path png = this.work.resolve("screenshot-" + System.nanoTime() + ".png");
		run(page, "--screenshot=" + png, "--window-size=" + width + "," + height, "--hide-scrollbars");
		assertThat(png).as("the screenshot Chromium was to write").isNotEmptyFile();
		return png;
	}

	/** The page's DOM once loaded, as Chromium serialises it. */
	String dumpDom(Path page) throws Exception {
		return Files.readString(run(page, "--dump-dom"));
	}

	/** Runs the browser on {@code page}; returns the file holding what it printed. */
	private Path run(Path page, String... what) throws Exception {
		Path profile = Files.createTempDirectory(this.work, "chromium-profile-");
		Path out = this.work.resolve("chromium-" + System.nanoTime() + ".out");
		Path err = this.work.resolve("chromium-" + System.nanoTime() + ".err");
		List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
				"--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--no-first-run", "--user-data-dir=" + profile));
		command.addAll(List.of(what));
		command.add(page.toUri().toString());
		Process browser = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		if (!browser.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			kill(browser);
			fail("Chromium did not finish with " + page + " within " + TIMEOUT_SECONDS + " s; it said: "
					+ tail(err));
		}
		assertThat(browser.exitValue()).as("Chromium's exit code; it said: " + tail(err)).isZero();
		return out;
	}

	/** The browser and the processes it started (renderer, GPU, zygote). */
	private static void kill(Process browser) throws InterruptedException {
		browser.descendants().forEach(ProcessHandle::destroyForcibly);
		browser.destroyForcibly();
		browser.waitFor(10, TimeUnit.SECONDS);
	}

	private static String tail(Path file) throws IOException {
		String text = Files.exists(file) ? Files.readString(file) : "";
		return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
	}

}
