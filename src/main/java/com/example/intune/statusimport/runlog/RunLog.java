package com.example.intune.statusimport.runlog;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Where the lines of a run go: its output and its errors on the screen or in a scheduler's log, and with
 * {@code --log-file} appended to that file as well. The one rule for times lives here: in a log (not a terminal) and
 * in the log file every line starts with its ISO time in UTC, to the second; a terminal's lines are left as they are.
 * The live bar is drawn on the terminal alone, redrawn in place, and fitted to its width.
 */
public final class RunLog implements AutoCloseable {

	private static final String CLEAR_TO_END = "\u001b[K";

	private final PrintStream screen;

	private final PrintStream out;

	private final PrintStream err;

	private final boolean terminal;

	private final LogFile file;

	private final Clock clock;

	private final IntSupplier width;

	private RunLog(PrintStream screen, PrintStream out, PrintStream err, boolean terminal, LogFile file, Clock clock,
			IntSupplier width) {
		this.screen = screen;
		this.out = out;
		this.err = err;
		this.terminal = terminal;
		this.file = file;
		this.clock = clock;
		this.width = width;
	}

	/**
	 * @param out the run's standard output, where the bar is drawn too
	 * @param err where problems go
	 * @param terminal whether the output is a person's terminal (no times in front, a bar that fits its width)
	 * @param logFile {@code --log-file}, or {@code null}
	 * @param width the terminal's width now ({@link TerminalWidth})
	 * @throws IOException when the log file cannot be created or opened
	 */
	public static RunLog open(PrintStream out, PrintStream err, boolean terminal, Path logFile, IntSupplier width)
			throws IOException {
		return open(out, err, terminal, logFile, width, Clock.systemUTC());
	}

	static RunLog open(PrintStream out, PrintStream err, boolean terminal, Path logFile, IntSupplier width,
			Clock clock) throws IOException {
		return build(out, err, terminal, logFile == null ? null : LogFile.open(logFile), width, clock);
	}

	private static RunLog build(PrintStream out, PrintStream err, boolean terminal, LogFile file, IntSupplier width,
			Clock clock) {
		Supplier<String> time = () -> time(clock.instant());
		PrintStream stampedOut = new PrintStream(new StampedLines(out, !terminal, file, time), true,
				StandardCharsets.UTF_8);
		PrintStream stampedErr = new PrintStream(new StampedLines(err, !terminal, file, time), true,
				StandardCharsets.UTF_8);
		return new RunLog(out, stampedOut, stampedErr, terminal, file, clock, width);
	}

	/** Lines as they are, for a caller that prints no run (a test, a library use). */
	public static RunLog plain(PrintStream out, PrintStream err) {
		return build(out, err, true, null, () -> TerminalWidth.DEFAULT, Clock.systemUTC());
	}

	/** The time a line starts with: ISO, UTC, to the second ({@code 2026-11-30T18:15:07Z}). */
	public static String time(Instant instant) {
		return instant.truncatedTo(ChronoUnit.SECONDS).toString();
	}

	String now() {
		return time(this.clock.instant());
	}

	/** The run's output: notes, the summary; each line timed in a log and copied to the log file. */
	public PrintStream out() {
		return this.out;
	}

	/** The run's problems, as {@link #out()}. */
	public PrintStream err() {
		return this.err;
	}

	/** Whether the output is a person's terminal. */
	public boolean terminal() {
		return this.terminal;
	}

	/** The columns a redrawn line may take now: one less than the terminal's, so that the cursor never wraps. */
	public int lineWidth() {
		return this.width.getAsInt() - 1;
	}

	/** A line that says when it was written wherever it goes, a terminal included (a progress line). */
	public void timedLine(String line) {
		if (this.terminal) {
			this.out.println(now() + " " + line);
		}
		else {
			this.out.println(line);
		}
	}

	/** Draws {@code line} over the last one, on the screen alone: the log file gets {@link #toFileOnly} lines. */
	public void redraw(String line) {
		synchronized (this.out) {
			this.screen.print("\r" + line + CLEAR_TO_END);
			this.screen.flush();
		}
	}

	/** Ends the redrawn line, so that what follows starts on a line of its own. */
	public void endRedraws() {
		synchronized (this.out) {
			this.screen.println();
			this.screen.flush();
		}
	}

	/** A line for the log file only, with its time (the bar's figures, which the screen shows redrawn). */
	public void toFileOnly(String line) {
		if (this.file != null) {
			this.file.append((now() + " " + line + "\n").getBytes(StandardCharsets.UTF_8));
		}
	}

	/** Whether there is a log file. */
	public boolean hasFile() {
		return this.file != null;
	}

	/** Why some lines could not be written to the log file, or {@code null}. */
	public String fileProblem() {
		return this.file == null ? null : this.file.problem();
	}

	/** Ends the lines left open and closes the log file; the screen's streams stay open. */
	@Override
	public void close() {
		this.out.close();
		this.err.close();
		if (this.file != null) {
			try {
				this.file.close();
			}
			catch (IOException ex) {
				// every line was written as it came; closing has nothing left to lose
			}
		}
	}

}
