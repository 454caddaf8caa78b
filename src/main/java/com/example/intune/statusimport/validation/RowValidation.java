package com.example.intune.statusimport.validation;

import com.example.intune.statusimport.devicestatus.DeviceStatusUpdate;

/**
 * The verdict on one row: either the update to send, or why the row cannot be sent.
 *
 * @param update the update, when the row is valid
 * @param problem what is wrong, when it is not
 */
public record RowValidation(DeviceStatusUpdate update, String problem) {

	public static RowValidation valid(DeviceStatusUpdate update) {
		return new RowValidation(update, null);
	}

	public static RowValidation invalid(String problem) {
		return new RowValidation(null, problem);
	}

	public boolean isValid() {
		return this.update != null;
	}

}
