package com.example.intune.statusimport.input;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.fileformat.DelimitedRecords;
import com.example.intune.statusimport.fileformat.Printable;
import com.example.intune.statusimport.fileformat.TextEncoding;
import com.example.intune.statusimport.fileformat.UndecodableText;

/**
 * Reads the file of {@code --mapping}: a CSV file of two columns, a header of the input and the property it sets,
 * one pair a line, in UTF-8 with or without a byte-order mark. The separator is {@code ,}, or {@code ;} or a tab as
 * a spreadsheet may save it: the last of them on the first line, since a property name holds none. A first line
 * whose second cell is {@code property} (such as {@code header,property}) names the columns and is skipped; blank
 * lines are skipped. Anything else that is not a pair is refused with its line.
 */
final class MappingFile {

	/** A mapping file holds a line per column of an input: a megabyte is a mistake, such as the input itself. */
	static final int MAX_BYTES = 1 << 20;

	private static final String SEPARATORS = ",;\t";

	private MappingFile() {
	}

	/** One line of the file: a header, what it maps to as written, and where it was given. */
	record Pair(String header, String target, String source) {
	}

	static List<Pair> read(Path file) {
		String where = "--mapping " + file;
		if (Files.isDirectory(file)) {
			throw new InputProblem(where + " is a folder; give a CSV file of HEADER,property lines");
		}
		byte[] bytes;
		try (InputStream in = Files.newInputStream(file)) {
			bytes = in.readNBytes(MAX_BYTES + 1);
		}
		catch (NoSuchFileException ex) {
			throw new InputProblem(where + " does not exist", ex);
		}
		catch (IOException ex) {
			throw new InputProblem(where + " cannot be read: " + ex.getMessage(), ex);
		}
		if (bytes.length > MAX_BYTES) {
			throw new InputProblem(where + " is larger than " + MAX_BYTES + " bytes; a mapping file holds one"
					+ " HEADER,property line per column of the input");
		}
		if (bytes.length >= 2 && bytes[0] == 'P' && bytes[1] == 'K') {
			throw new InputProblem(where + " is a zip file, such as a workbook; save it as \"CSV UTF-8\", one"
					+ " HEADER,property line per column");
		}
		String text = decode(bytes, where);
		List<Pair> pairs = new ArrayList<>();
		try (DelimitedRecords records = new DelimitedRecords(new StringReader(text), separatorOf(text))) {
			boolean first = true;
			for (DelimitedRecords.Record record; (record = records.next(true)) != null;) {
				if (!(record instanceof DelimitedRecords.Cells cells)) {
					throw new InputProblem(where + ", line " + record.line() + ": "
							+ (record instanceof DelimitedRecords.UnclosedQuote ? "a quote is not closed"
									: "the line is too long")
							+ "; each line is HEADER,property, for example Device ID,id");
				}
				if (cells.blank()) {
					continue;
				}
				List<String> row = withoutEmptyEnd(cells.cells());
				if (first && row.size() == 2 && DeviceStatusProperty.columnKey(row.get(1)).equals("property")) {
					first = false;
					continue; // the file's own header line
				}
				first = false;
				pairs.add(pair(row, where + ", line " + cells.line()));
			}
		}
		catch (IOException ex) {
			throw new InputProblem(where + " cannot be read: " + ex.getMessage(), ex);
		}
		if (pairs.isEmpty()) {
			throw new InputProblem(where + " holds no mapping; each line is HEADER,property, for example Device ID,id");
		}
		return pairs;
	}

	private static Pair pair(List<String> row, String source) {
		if (row.size() != 2) {
			List<String> shown = row.stream().map(cell -> "'" + Printable.of(cell) + "'").toList();
			throw new InputProblem(source + " has " + (row.size() == 1 ? "one cell " : row.size() + " cells ")
					+ String.join(", ", shown) + "; each line is HEADER,property, for example Device ID,id (put"
					+ " quotes around a header that holds the separator)");
		}
		return new Pair(row.get(0).strip(), row.get(1).strip(), source);
	}

	/** A spreadsheet writes empty cells up to the widest row: they are no part of a pair. */
	private static List<String> withoutEmptyEnd(List<String> cells) {
		int end = cells.size();
		while (end > 0 && cells.get(end - 1).isBlank()) {
			end--;
		}
		return cells.subList(0, end);
	}

	/** The last separator on the first line that holds anything: a property name never holds one. */
	private static char separatorOf(String text) {
		String firstLine = text.lines().filter(line -> !line.isBlank()).findFirst().orElse("").stripTrailing();
		while (!firstLine.isEmpty() && SEPARATORS.indexOf(firstLine.charAt(firstLine.length() - 1)) >= 0) {
			firstLine = firstLine.substring(0, firstLine.length() - 1); // the empty cells at the end of a row
		}
		for (int i = firstLine.length() - 1; i >= 0; i--) {
			if (SEPARATORS.indexOf(firstLine.charAt(i)) >= 0) {
				return firstLine.charAt(i);
			}
		}
		return ',';
	}

	/** UTF-8 without its byte-order mark; a byte that is not UTF-8 is refused with its line, never guessed at. */
	private static String decode(byte[] bytes, String where) {
		try (Reader text = TextEncoding.ofFileStart(bytes, bytes.length).reader(new ByteArrayInputStream(bytes))) {
			StringWriter out = new StringWriter(bytes.length);
			text.transferTo(out);
			return out.toString();
		}
		catch (UndecodableText ex) {
			throw new InputProblem(where + ", " + ex.getMessage() + "; save the mapping file as UTF-8 (\"CSV UTF-8\")");
		}
		catch (IOException ex) {
			throw new InputProblem(where + " cannot be read: " + ex.getMessage(), ex);
		}
	}

}
