package com.example.intune.statusimport.input;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.intune.statusimport.fileformat.DelimitedDialect;
import com.example.intune.statusimport.fileformat.DelimitedRecords;
import com.example.intune.statusimport.fileformat.Printable;
import com.example.intune.statusimport.fileformat.TextEncoding;

/**
 * The separator of a CSV or text file, found in its header: the one of {@code ,} {@code ;} tab and {@code |} that
 * stands there most often outside quotes (a quote opens or closes a quoted stretch wherever it stands, so that a
 * quoted column name holding commas does not count them, whichever the separator turns out to be). A header with
 * none of them is one column; a tie is refused rather than guessed. A {@code .tsv} file (or {@code --format tsv}) is
 * read with tabs and {@code --delimiter} decides over both; a header that holds none of that separator but another
 * one is refused rather than read as one long column name.
 */
final class SeparatorChoice {

	/** Enough of the header for {@link Printable} to show it, or to cut it with "...". */
	private static final int SHOWN = 100;

	/** The header as counted: how often each separator stands outside quotes, and its text for messages. */
	private record Header(Map<Character, Integer> counts, String text) {
	}

	private SeparatorChoice() {
	}

	/**
	 * The separator of {@code path}.
	 * @param given the separator given with {@code --delimiter}, or {@code null}
	 */
	static char of(Path path, TextEncoding encoding, InputFormat format, Character given) throws IOException {
		Header header = readHeader(path, encoding);
		if (given != null) {
			refuseAnotherSeparator(path, header, given, "give --delimiter %s, or leave --delimiter out to have it"
					+ " found");
			return given;
		}
		if (format == InputFormat.TSV) {
			refuseAnotherSeparator(path, header, '\t', "a .tsv file (or --format tsv) is read with tabs: name it"
					+ " .csv, or give --delimiter %s");
			return '\t';
		}
		int most = header.counts().values().stream().mapToInt(Integer::intValue).max().orElse(0);
		if (most == 0) {
			return format.separator(); // one column: any separator reads it alike
		}
		List<Character> tied = new ArrayList<>();
		header.counts().forEach((candidate, count) -> {
			if (count == most) {
				tied.add(candidate);
			}
		});
		if (tied.size() > 1) {
			List<String> names = tied.stream().map(DelimitedDialect::nameOf).toList();
			throw new InputProblem(path + ", line 1 ('" + header.text() + "') holds " + most + " of each of "
					+ String.join(" and ", names) + " outside quotes, so the separator cannot be told; give it with"
					+ " --delimiter, one of " + String.join(", ", names) + ". Nothing was sent.");
		}
		return tied.get(0);
	}

	/** Counts the separators of the header, up to the first line end outside quotes. */
	private static Header readHeader(Path path, TextEncoding encoding) throws IOException {
		Map<Character, Integer> counts = new LinkedHashMap<>();
		DelimitedDialect.SEPARATORS.forEach(separator -> counts.put(separator, 0));
		StringBuilder text = new StringBuilder();
		try (Reader in = encoding.reader(Files.newInputStream(path))) {
			char[] buffer = new char[1 << 13];
			boolean quoted = false;
			long seen = 0;
			header: for (int read; seen <= DelimitedRecords.MAX_RECORD_CHARS && (read = in.read(buffer)) >= 0;) {
				for (int i = 0; i < read; i++, seen++) {
					char c = buffer[i];
					if (!quoted && (c == '\n' || c == '\r')) {
						break header;
					}
					if (c == '"') {
						quoted = !quoted;
					}
					else if (!quoted && counts.containsKey(c)) {
						counts.merge(c, 1, Integer::sum);
					}
					if (text.length() <= SHOWN) {
						text.append(c);
					}
				}
			}
		}
		return new Header(counts, Printable.of(text.toString()));
	}

	private static void refuseAnotherSeparator(Path path, Header header, char separator, String advice) {
		if (header.counts().get(separator) > 0) {
			return;
		}
		for (Map.Entry<Character, Integer> other : header.counts().entrySet()) {
			if (other.getValue() > 0) {
				String name = DelimitedDialect.nameOf(other.getKey());
				throw new InputProblem(path + ", line 1 ('" + header.text() + "') holds no "
						+ DelimitedDialect.nameOf(separator) + " but " + other.getValue() + " " + name
						+ " outside quotes; " + String.format(advice, other.getKey() == '\t' ? "tab" : name)
						+ ". Nothing was sent.");
			}
		}
	}

}
