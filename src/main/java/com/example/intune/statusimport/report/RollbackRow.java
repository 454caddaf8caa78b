package com.example.intune.statusimport.report;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.input.SourceRow;

/**
 * One row of the rollback file: what undoes one applied row.
 *
 * @param line the input line it undoes
 * @param original the applied row as it stood in the input, whose key cells (or keys) the row repeats as read
 * @param deviceConfigurationId the configuration the row was sent to, for a row (or a file) that named none
 * @param values the value each restorable property held before the run, {@code null} to clear it (in a format that
 * can say so)
 * @param note what the row cannot restore, and what to do about it; empty when it restores everything
 */
record RollbackRow(long line, SourceRow.Original original, String deviceConfigurationId,
		Map<DeviceStatusProperty, String> values, String note) {

	RollbackRow {
		EnumMap<DeviceStatusProperty, String> copy = new EnumMap<>(DeviceStatusProperty.class);
		copy.putAll(values);
		values = Collections.unmodifiableMap(copy);
	}

}
