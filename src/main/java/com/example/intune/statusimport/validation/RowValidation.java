package com.example.intune.statusimport.validation;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.devicestatus.DeviceStatusUpdate;

/**
 * The verdict on one row: either the update to send, or why the row cannot be sent.
 *
 * @param update the update, when the row is valid
 * @param problem what is wrong, when it is not
 * @param failedProperties the properties whose values are wrong, so that a report can point at their cells (empty
 * when the row as a whole is wrong, or when it is valid)
 */
public record RowValidation(DeviceStatusUpdate update, String problem, Set<DeviceStatusProperty> failedProperties) {

	public RowValidation {
		failedProperties = failedProperties.isEmpty() ? Set.of()
				: Collections.unmodifiableSet(EnumSet.copyOf(failedProperties));
	}

	public static RowValidation valid(DeviceStatusUpdate update) {
		return new RowValidation(update, null, Set.of());
	}

	public static RowValidation invalid(String problem) {
		return new RowValidation(null, problem, Set.of());
	}

	public static RowValidation invalid(String problem, Set<DeviceStatusProperty> failedProperties) {
		return new RowValidation(null, problem, failedProperties);
	}

	public boolean isValid() {
		return this.update != null;
	}

}
