package com.example.intune.statusimport.runlog;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * How many columns the terminal has, asked again at each redraw so that a resized window is followed. Java 17 has no
 * call for it, so, as picocli's automatic help width does: {@code COLUMNS} when it is set (a shell sets it for what
 * it starts, and a user may set it), else {@code stty size} on the controlling terminal, else the width read last
 * (80 at first).
 */
public final class TerminalWidth implements IntSupplier {

	/** The width when nothing tells it: what every terminal has at least. */
	public static final int DEFAULT = 80;

	/** Narrower than this and nothing of use fits: a line is cut there rather than at a width of 3. */
	static final int MIN = 20;

	private static final File TTY = new File("/dev/tty");

	private final Map<String, String> environment;

	/** The width last read: kept when a read fails (a redraw interrupted as the run ends), rather than 80. */
	private volatile int last = DEFAULT;

	private final Supplier<Integer> stty;

	public TerminalWidth(Map<String, String> environment) {
		this(environment, TerminalWidth::stty);
	}

	/** @param stty the terminal's columns as {@code stty} tells them, or {@code null} when it cannot */
	TerminalWidth(Map<String, String> environment, Supplier<Integer> stty) {
		this.environment = environment;
		this.stty = stty;
	}

	@Override
	public int getAsInt() {
		Integer columns = parse(this.environment.get("COLUMNS"));
		if (columns == null) {
			columns = this.stty.get();
		}
		if (columns != null) {
			this.last = Math.max(MIN, columns);
		}
		return this.last;
	}

	/** A positive whole number of columns, or {@code null}. */
	static Integer parse(String columns) {
		if (columns == null || !columns.trim().matches("[0-9]{1,5}")) {
			return null;
		}
		int value = Integer.parseInt(columns.trim());
		return value > 0 ? value : null;
	}

	/** {@code stty size} prints "ROWS COLUMNS" for the terminal on its standard input; no terminal, no answer. */
	private static Integer stty() {
		if (!TTY.canRead()) {
			return null;
		}
		Process process = null;
		try {
			process = new ProcessBuilder("stty", "size").redirectInput(TTY)
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(1, TimeUnit.SECONDS) || process.exitValue() != 0) {
				return null;
			}
			String[] size = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim()
				.split("\\s+");
			return size.length == 2 ? parse(size[1]) : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		finally {
			if (process != null) {
				process.destroyForcibly();
			}
		}
	}

}
