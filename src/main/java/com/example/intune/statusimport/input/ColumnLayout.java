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
 * The columns of a CSV or TSV header and the property each one sets. Unknown columns stop the run before anything
 * is sent: a misspelt {@code stauts} column must never be silently dropped.
 *
 * @param columns the header cells as they stand in the file
 * @param properties for each column, the property it sets, or {@code null} for an ignored {@code _} column
 */
public record ColumnLayout(List<String> columns, List<DeviceStatusProperty> properties) {

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
	 * Where a header problem is, with how the header was split where a wrong separator would explain the problem:
	 * into one column, or at another separator than the comma.
	 */
	private static String headerLine(Path file, String[] header, char separator) {
		if (header.length == 1) {
			return file + ", line 1 (one column: it holds none of , ; | or tab outside quotes)";
		}
		return file + ", line 1" + (separator == ',' ? "" : " (columns separated by "
				+ DelimitedDialect.nameOf(separator) + ")");
	}

	/** The layout of a header read with {@code separator}. */
	public static ColumnLayout fromHeader(Path file, String[] header, char separator) {
		refuseAnotherFormat(file, header);
		List<String> columns = new ArrayList<>();
		List<DeviceStatusProperty> properties = new ArrayList<>();
		List<String> unknown = new ArrayList<>();
		Map<DeviceStatusProperty, String> seen = new EnumMap<>(DeviceStatusProperty.class);
		for (int i = 0; i < header.length; i++) {
			String column = header[i];
			columns.add(column);
			if (DeviceStatusProperty.isIgnoredColumn(column)) {
				properties.add(null);
				continue;
			}
			Optional<DeviceStatusProperty> property = DeviceStatusProperty.forColumn(column);
			if (property.isEmpty()) {
				unknown.add(column.isBlank() ? "(column " + (i + 1) + " has no name)" : "'" + Printable.of(column) + "'");
				properties.add(null);
				continue;
			}
			String earlier = seen.putIfAbsent(property.get(), column);
			if (earlier != null) {
				throw new InputProblem(file + ", line 1: the columns '" + Printable.of(earlier) + "' and '"
						+ Printable.of(column)
						+ "' both set " + property.get().graphName() + "; keep one of them");
			}
			properties.add(property.get());
		}
		if (unknown.size() > 10) {
			unknown.subList(10, unknown.size()).clear();
			unknown.add("and more");
		}
		if (!unknown.isEmpty()) {
			throw new InputProblem(headerLine(file, header, separator) + ": unknown column"
					+ (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown) + ". Accepted columns (any letter case): "
					+ String.join(", ", DeviceStatusProperty.acceptedColumnNames())
					+ "; columns starting with _ are ignored. Nothing was sent.");
		}
		if (!properties.contains(DeviceStatusProperty.ID)) {
			throw new InputProblem(headerLine(file, header, separator) + ": there is no 'id' column, so no row can be"
					+ " addressed. The first line must name the columns, among them id. Nothing was sent.");
		}
		return new ColumnLayout(columns, properties);
	}

}
