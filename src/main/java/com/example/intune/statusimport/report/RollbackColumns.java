package com.example.intune.statusimport.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.input.ColumnLayout;
import com.example.intune.statusimport.input.ColumnMapping;

/**
 * The columns of a CSV, TSV or workbook rollback file: the input's own, in their order and under their own names, so
 * that the same command (the same {@code --map} or {@code --mapping}) reads it back; then {@code deviceConfigurationId}
 * when the input had no column for it (its rows took {@code --configuration-id}); then {@code _line} and
 * {@code _rollback_note}. Columns of a failure report or an earlier rollback file fed in are replaced, not repeated.
 * A row's key cells are the input's as read, its restored properties hold what Graph held before, and every other
 * cell is empty, which leaves its property as it is.
 */
final class RollbackColumns {

	static final String NOTE = "_rollback_note";

	/** The rollback file's own columns, after the input's. */
	static final List<String> OWN = List.of("_line", NOTE);

	private final ColumnLayout layout;

	private final List<Integer> kept = new ArrayList<>();

	private final boolean addsConfigurationId;

	RollbackColumns(ColumnLayout layout, ColumnMapping mapping) {
		this.layout = layout;
		for (int i = 0; i < layout.columns().size(); i++) {
			String column = layout.columns().get(i);
			if (!ReportColumns.isReportColumn(column) && !column.strip().toLowerCase(Locale.ROOT).equals(NOTE)) {
				this.kept.add(i);
			}
		}
		this.addsConfigurationId = !layout.properties().contains(DeviceStatusProperty.DEVICE_CONFIGURATION_ID)
				&& mapping.meaningOf(DeviceStatusProperty.DEVICE_CONFIGURATION_ID.graphName()) instanceof ColumnMapping.Sets sets
				&& sets.property() == DeviceStatusProperty.DEVICE_CONFIGURATION_ID;
	}

	/** The names of the columns before the file's own. */
	List<String> header() {
		List<String> header = new ArrayList<>();
		this.kept.forEach(i -> header.add(this.layout.columns().get(i)));
		if (this.addsConfigurationId) {
			header.add(DeviceStatusProperty.DEVICE_CONFIGURATION_ID.graphName());
		}
		return header;
	}

	/**
	 * The cells of {@code row} before the file's own, in the order of {@link #header()}.
	 * @param original the input row's cells, from the first column
	 * @param text the cell holding a text
	 * @param isBlank whether a cell holds nothing
	 */
	<T> List<T> cells(RollbackRow row, List<T> original, Function<String, T> text, Predicate<T> isBlank,
			T blank) {
		List<T> cells = new ArrayList<>();
		for (int i : this.kept) {
			DeviceStatusProperty property = this.layout.properties().get(i);
			T cell = i < original.size() ? original.get(i) : blank;
			if (property == DeviceStatusProperty.DEVICE_CONFIGURATION_ID && isBlank.test(cell)) {
				// the row took --configuration-id: named here, the file needs no option to be read back
				cells.add(text.apply(row.deviceConfigurationId()));
			}
			else if (property != null && property.isKey()) {
				cells.add(cell);
			}
			else if (property != null && row.values().get(property) != null) {
				cells.add(text.apply(row.values().get(property)));
			}
			else {
				cells.add(blank);
			}
		}
		if (this.addsConfigurationId) {
			cells.add(text.apply(row.deviceConfigurationId()));
		}
		return cells;
	}

	/** The values of the file's own columns for {@code row}, in the order of {@link #OWN}. */
	static List<String> own(RollbackRow row) {
		return List.of(Long.toString(row.line()), row.note());
	}

}
