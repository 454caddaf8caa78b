package com.example.intune.statusimport.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.devicestatus.DeviceStatusUpdate;
import com.example.intune.statusimport.devicestatus.SameValue;
import com.example.intune.statusimport.fileformat.Printable;
import com.example.intune.statusimport.input.SourceRow;
import com.example.intune.statusimport.validation.RowValidation;
import com.example.intune.statusimport.validation.RowValidator;

/**
 * Which of the values Graph held a rollback row can restore, and a note for each it cannot. An empty cell leaves its
 * property as it is, so a value that was empty is restored only where the format can say {@code null} (NDJSON); a
 * value the import would refuse or send otherwise (surrounding spaces, a control character), judged by the run's own
 * rules, is left out, so that the rest of the row is still restored.
 */
final class RollbackValues {

	private final RowValidator validator;

	RollbackValues(RowValidator validator) {
		this.validator = validator;
	}

	/** The row that undoes {@code update} of {@code row}, in a file of {@code rows}' format. */
	RollbackRow rowFor(SourceRow row, DeviceStatusUpdate update, Map<DeviceStatusProperty, String> before,
			RollbackRows rows) {
		Map<DeviceStatusProperty, String> values = new EnumMap<>(DeviceStatusProperty.class);
		List<String> notes = new ArrayList<>();
		if (before.isEmpty()) {
			notes.add("what Graph held before this row was applied was not read (--compare recorded or none), so this"
					+ " row cannot undo it");
		}
		before.forEach((property, value) -> {
			String refusal = refusal(property, value, update, rows);
			if (refusal == null) {
				values.put(property, value);
			}
			else {
				notes.add(refusal);
			}
		});
		return new RollbackRow(row.line(), row.original(), update.deviceConfigurationId(), values,
				String.join("; ", notes));
	}

	/** Why importing the file would not restore {@code value}, for the row's note; {@code null} when it would. */
	private String refusal(DeviceStatusProperty property, String value, DeviceStatusUpdate update, RollbackRows rows) {
		String name = property.graphName();
		if (value == null && !property.isClearable()) {
			return name + " had no value before this run, and Graph cannot clear it: it keeps the value this run set";
		}
		if (value == null ? !rows.holdsNull() : value.isEmpty() && !rows.holdsEmpty()) {
			return name + " was empty before this run, and an empty cell leaves a property as it is: clear it in"
					+ " Intune by hand";
		}
		if (value == null || value.isEmpty()) {
			return null;
		}
		String was = name + " was '" + Printable.of(value) + "' before this run, which ";
		String cannotHold = rows.cannotHold(value);
		if (cannotHold != null) {
			return was + cannotHold + ": set it in Intune by hand";
		}
		Map<DeviceStatusProperty, String> alone = new EnumMap<>(DeviceStatusProperty.class);
		alone.put(DeviceStatusProperty.DEVICE_CONFIGURATION_ID, update.deviceConfigurationId());
		alone.put(DeviceStatusProperty.ID, update.id());
		alone.put(property, value);
		RowValidation validation = this.validator.validate(new SourceRow(0, alone,
				new SourceRow.DelimitedCells(List.of()), List.of(), false, 0));
		if (!validation.isValid()) {
			return was + "an import refuses (" + validation.problem() + "): set it in Intune by hand";
		}
		String sent = validation.update().changes().get(property);
		if (!SameValue.of(property, value, sent)) {
			return was + "an import would send as '" + Printable.of(sent) + "': set it in Intune by hand";
		}
		return null;
	}

}
