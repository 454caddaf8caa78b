package com.example.intune.statusimport.input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.fileformat.DelimitedDialect;
import com.example.intune.statusimport.fileformat.Printable;

/**
 * The columns of a header (CSV, TSV, a workbook's first non-empty row) and the property each one sets, as the
 * {@link ColumnMapping} reads them. A header with unknown columns, two columns for one property or no {@code id}
 * column has a {@link #problem}, which stops a real run before anything is sent (a misspelt {@code stauts} column
 * must never be silently dropped); a dry run reads the rows all the same, without the columns it cannot use, so that
 * one dry run shows every problem of the file.
 *
 * @param columns the header cells as they stand in the file
 * @param properties for each column, the property it sets, or {@code null} for a column that is ignored or cannot
 * be used
 * @param problem what is wrong with the header, naming the file and line, or {@code null}
 */
public record ColumnLayout(List<String> columns, List<DeviceStatusProperty> properties, String problem) {

	/** The column of a failure report fed back that says why each row failed, or -1. */
	public int earlierErrorColumn() {
		for (int i = 0; i < this.columns.size(); i++) {
			if (SourceRow.isEarlierErrorKey(this.columns.get(i))) {
				return i;
			}
		}
		return -1;
	}

	/** The most columns a message lists. */
	private static final int SHOWN = 10;

	public ColumnLayout {
		columns = List.copyOf(columns);
		properties = java.util.Collections.unmodifiableList(new ArrayList<>(properties));
	}

	/**
	 * A header that shows the file is NDJSON, named for what it is. A header of another separator never gets here:
	 * the separator is found in the header ({@link SeparatorChoice}).
	 */
	private static void refuseAnotherFormat(Path file, String[] header) {
		String first = header.length == 0 ? "" : header[0].strip();
		if (first.startsWith("{")) {
			throw new InputProblem(file + ", line 1 is a JSON object, so the file looks like NDJSON; name it .ndjson"
					+ " or give --format ndjson");
		}
	}

	/**
	 * How the header was split, where a wrong separator would explain its problem: into one column, or at another
	 * separator than the comma. Nothing for a workbook's row, which has no separator.
	 */
	private static String split(String[] header, char separator) {
		if (separator == 0) {
			return "";
		}
		if (header.length == 1) {
			return " (one column: it holds none of , ; | or tab outside quotes)";
		}
		return separator == ',' ? "" : " (columns separated by " + DelimitedDialect.nameOf(separator) + ")";
	}

	/**
	 * The layout of a header read with {@code separator}.
	 * @param headerLine the line (or a workbook's row) of the header, for messages
	 * @param separator the separator the header was split at, 0 for a workbook's row
	 * @throws InputProblem when the header shows that the file is of another format
	 */
	public static ColumnLayout fromHeader(Path file, long headerLine, String[] header, char separator,
			ColumnMapping mapping) {
		refuseAnotherFormat(file, header);
		List<String> columns = new ArrayList<>();
		List<DeviceStatusProperty> properties = new ArrayList<>();
		List<String> unknown = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		Map<DeviceStatusProperty, String> seen = new EnumMap<>(DeviceStatusProperty.class);
		for (int i = 0; i < header.length; i++) {
			String column = header[i];
			columns.add(column);
			properties.add(null);
			ColumnMapping.Meaning meaning = mapping.meaningOf(column);
			if (meaning instanceof ColumnMapping.Unknown) {
				unknown.add(column.isBlank() ? "(column " + (i + 1) + " has no name)"
						: "'" + Printable.of(column) + "'" + ColumnMapping.closest(column));
			}
			else if (meaning instanceof ColumnMapping.Sets sets) {
				String shown = "'" + Printable.of(column) + "'"
						+ (sets.mappedBy() == null ? "" : " (mapped by " + sets.mappedBy() + ")");
				String earlier = seen.putIfAbsent(sets.property(), shown);
				if (earlier != null) {
					problems.add("the columns " + earlier + " and " + shown + " both set " + sets.property().graphName()
							+ "; keep one of them.");
				}
				else {
					properties.set(i, sets.property());
				}
			}
		}
		if (!unknown.isEmpty()) {
			problems.add(unknownColumns(unknown, columns, mapping));
		}
		if (!properties.contains(DeviceStatusProperty.ID)) {
			problems.add("there is no 'id' column, so no row can be addressed. The header must name the columns,"
					+ " among them id.");
		}
		String problem = null;
		if (!problems.isEmpty()) {
			StringBuilder message = new StringBuilder(file + ", line " + headerLine + split(header, separator) + ": "
					+ problems.get(0));
			for (String sentence : problems.subList(1, problems.size())) {
				message.append(' ').append(Character.toUpperCase(sentence.charAt(0))).append(sentence.substring(1));
			}
			problem = message.append(" Nothing was sent.").toString();
		}
		return new ColumnLayout(columns, properties, problem);
	}

	/**
	 * The unknown columns, the columns found, and how to map them: with the property each most likely means where
	 * one is obvious, since a person's own header ("Last reported") is the commonest cause.
	 */
	private static String unknownColumns(List<String> unknown, List<String> columns, ColumnMapping mapping) {
		StringBuilder message = new StringBuilder("unknown column" + (unknown.size() > 1 ? "s " : " "))
			.append(shortList(unknown))
			.append(". The header's columns are ")
			.append(shortList(columns.stream().map(c -> "'" + Printable.of(c) + "'").toList()))
			.append('.');
		List<String> named = columns.stream()
			.filter(c -> !c.isBlank() && mapping.meaningOf(c) instanceof ColumnMapping.Unknown)
			.toList();
		if (!named.isEmpty()) {
			boolean idMapped = columns.stream()
				.anyMatch(c -> mapping.meaningOf(c) instanceof ColumnMapping.Sets sets
						&& sets.property() == DeviceStatusProperty.ID);
			List<String> examples = new ArrayList<>();
			String toIgnore = null;
			for (String column : named) {
				Optional<DeviceStatusProperty> meant = likelyMeaning(column, idMapped);
				if (meant.isPresent() && examples.size() < 4) {
					examples.add("--map \"" + Printable.of(column.strip()) + "=" + meant.get().graphName() + "\"");
					idMapped |= meant.get() == DeviceStatusProperty.ID;
				}
				else if (meant.isEmpty() && toIgnore == null) {
					toIgnore = column;
				}
			}
			message.append(" Map a column to a property with --map, for example ")
				.append(examples.isEmpty() ? "--map \"" + Printable.of(named.get(0).strip()) + "=PROPERTY\""
						: String.join(" ", examples))
				.append(", or ignore it with --map \"")
				.append(Printable.of((toIgnore == null ? named.get(named.size() - 1) : toIgnore).strip()))
				.append("=_\"; --mapping FILE reads such pairs from a CSV file of HEADER,PROPERTY lines.");
		}
		if (unknown.stream().anyMatch(u -> u.startsWith("(column"))) {
			message.append(" A column without a name must be given one (a name starting with _ is ignored).");
		}
		List<String> unmatched = mapping.unmatched(columns);
		if (!unmatched.isEmpty()) {
			message.append(" These mapped headers match no column: ")
				.append(shortList(unmatched.stream().map(h -> "'" + Printable.of(h) + "'").toList()))
				.append('.');
		}
		return message.append(" Properties (letter case and spaces ignored): ")
			.append(String.join(", ", DeviceStatusProperty.acceptedColumnNames()))
			.append("; columns starting with _ are ignored.")
			.toString();
	}

	/**
	 * The property a person's header most likely means: the closest Graph name, or, while no column sets the id,
	 * {@code id} for a header that ends in "id" ("Device ID", "Status ID"), which is how people name the row's id.
	 */
	private static Optional<DeviceStatusProperty> likelyMeaning(String column, boolean idMapped) {
		Optional<DeviceStatusProperty> closest = DeviceStatusProperty.closestTo(column);
		if (closest.isPresent() || idMapped) {
			return closest;
		}
		String key = DeviceStatusProperty.columnKey(column).replaceAll("[^\\p{L}\\p{N}]", "");
		return key.endsWith("id") ? Optional.of(DeviceStatusProperty.ID) : Optional.empty();
	}

	private static String shortList(List<String> items) {
		return items.size() <= SHOWN ? String.join(", ", items)
				: String.join(", ", items.subList(0, SHOWN)) + ", and " + (items.size() - SHOWN) + " more";
	}

}
