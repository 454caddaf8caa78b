package com.example.intune.statusimport.job;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the files of a run are named beside its input: {@code NAME.failures-<start>.EXT},
 * {@code NAME.summary-<start>.json} and {@code NAME.rollback-<start>.EXT}, where {@code <start>} is the run's first start in UTC to the second
 * ({@code 20261130T020000Z}), with {@code -2}, {@code -3}, ... when two runs start in the same second; and
 * {@code NAME.failures.latest.EXT}, the copy of the newest report. Each night's files stay apart, and
 * {@code --keep-runs} finds exactly these, and only these.
 *
 * @param folder the input's folder
 * @param stem the input's name without its extension
 * @param extension the extension of the report and the rollback file, with its dot
 */
public record RunFileNames(Path folder, String stem, String extension) {

	/** A run's start as its files carry it. */
	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final String REPORT = ".failures-";

	private static final String SUMMARY = ".summary-";

	private static final String ROLLBACK = ".rollback-";

	/** @param extension the extension of the report and the rollback file, with its dot */
	public static RunFileNames beside(Path input, String extension) {
		String name = input.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return new RunFileNames(input.toAbsolutePath().normalize().getParent(),
				dot > 0 ? name.substring(0, dot) : name, extension);
	}

	public static String stamp(Instant start) {
		return STAMP.format(start);
	}

	public Path report(String stamp) {
		return this.folder.resolve(this.stem + REPORT + stamp + this.extension);
	}

	public Path summary(String stamp) {
		return this.folder.resolve(this.stem + SUMMARY + stamp + ".json");
	}

	public Path rollback(String stamp) {
		return this.folder.resolve(this.stem + ROLLBACK + stamp + this.extension);
	}

	/** The copy of the newest report, replaced whole at the end of every run, for scripts. */
	public Path latestReport() {
		return this.folder.resolve(this.stem + ".failures.latest" + this.extension);
	}

	/**
	 * Run starts as {@link #startOf} gives them, oldest first: by time, then by their number within the second
	 * ({@code Z} before {@code Z-2} before {@code Z-10}), which the names' own order gets wrong.
	 */
	public static final Comparator<String> START_ORDER = Comparator
		.comparing((String start) -> start.substring(0, start.indexOf('Z') + 1))
		.thenComparingLong(start -> start.endsWith("Z") ? 1 : Long.parseLong(start.substring(start.indexOf('Z') + 2)));

	/**
	 * The run start ({@code 20261130T020000Z}, or {@code 20261130T020000Z-2} for the second run of that second) of a
	 * file of this input named as a run's file is, or empty for any other name (the input, the latest copy, a
	 * journal, another input's files).
	 */
	public Optional<String> startOf(Path file) {
		String name = file.getFileName().toString();
		String stem = Pattern.quote(this.stem);
		String stamp = "(\\d{8}T\\d{6}Z(?:-\\d{1,9})?)";
		for (Pattern pattern : new Pattern[] {
				Pattern.compile(stem + "\\.(?:failures|rollback)-" + stamp + Pattern.quote(this.extension)),
				Pattern.compile(stem + "\\.summary-" + stamp + "\\.json") }) {
			Matcher matcher = pattern.matcher(name);
			if (matcher.matches()) {
				return Optional.of(matcher.group(1));
			}
		}
		return Optional.empty();
	}

}
