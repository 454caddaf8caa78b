package com.example.intune.statusimport.input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
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

	/** A header that shows the file is of another format than its name says: named for what it is. */
	private static void refuseAnotherFormat(Path file, String[] header, char separator) {
		String first = header.length == 0 ? "" : header[0].strip();
		if (first.startsWith("{")) {
			throw new InputProblem(file + ", line 1 is a JSON object, so the file looks like NDJSON; name it .ndjson"
					+ " or give --format ndjson");
		}
		if (header.length != 1) {
			return;
		}
		if (first.contains(";") && !first.contains(",")) {
			throw new InputProblem(file + ", line 1: the columns are separated by ';' ('" + Printable.of(first)
					+ "'), as a spreadsheet saves CSV in some countries; this job reads ',' in a .csv file and tabs in a"
					+ " .tsv file. Save the file with commas (\"CSV UTF-8\") or as tab-separated text.");
		}
		if (first.contains("\t")) {
			throw new InputProblem(file + ", line 1: the columns are separated by tabs, so the file is tab-separated"
					+ " text; name it .tsv or give --format tsv");
		}
		if (separator == '\t' && first.contains(",")) {
			throw new InputProblem(file + ", line 1: the columns are separated by ',', so the file is CSV; name it"
					+ " .csv or give --format csv");
		}
	}

	/** The layout of a header read with {@code separator}. */
	public static ColumnLayout fromHeader(Path file, String[] header, char separator) {
		refuseAnotherFormat(file, header, separator);
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
			throw new InputProblem(file + ", line 1: unknown column" + (unknown.size() > 1 ? "s " : " ")
					+ String.join(", ", unknown) + ". Accepted columns (any letter case): "
					+ String.join(", ", DeviceStatusProperty.acceptedColumnNames())
					+ "; columns starting with _ are ignored. Nothing was sent.");
		}
		if (!properties.contains(DeviceStatusProperty.ID)) {
			throw new InputProblem(file + ", line 1: there is no 'id' column, so no row can be addressed. The first"
					+ " line must name the columns, among them id. Nothing was sent.");
		}
		return new ColumnLayout(columns, properties);
	}

}
