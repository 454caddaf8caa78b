package com.example.intune.statusimport.template;

import com.example.intune.statusimport.devicestatus.ComplianceStatus;
import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.devicestatus.PathSegment;
import com.example.intune.statusimport.validation.RowValidator;

/**
 * What a template tells about each column: what it is, and what values are accepted, in the words of the rules
 * that validation applies (its limits are taken from there, not copied).
 *
 * @param column the column's name
 * @param meaning what the column is
 * @param accepted what values are accepted
 */
record ColumnGuide(String column, String meaning, String accepted) {

	private static final String TEXT = "Text of at most " + RowValidator.MAX_TEXT_LENGTH + " characters, without line"
			+ " breaks or tabs. An empty cell leaves the value in Graph as it is.";

	private static final String DATE_TIME = "A date-time cell, which is a local time: give --time-zone (such as"
			+ " Europe/Berlin) when importing. Or text in ISO 8601 with an offset, such as 2026-11-28T09:30:00Z or"
			+ " 2026-11-28T10:30:00+01:00 (other text formats with --date-format). Sent in UTC. An empty cell leaves"
			+ " the value as it is.";

	private static final String ID = "Letters, digits, '-', '_' and '.', at most " + PathSegment.MAX_LENGTH
			+ " characters. The column is formatted as text, so that a long number keeps every digit.";

	/** The guide of a column. */
	static ColumnGuide of(DeviceStatusProperty property) {
		String name = property.graphName();
		return switch (property) {
			case DEVICE_CONFIGURATION_ID -> new ColumnGuide(name, "The id of the device configuration (the profile)"
					+ " the status belongs to; with id, it says which status to update.", "Required. " + ID
							+ " It may be left out when every row has the same: give --configuration-id instead.");
			case ID -> new ColumnGuide(name, "The id of the device status to update, as Graph lists it under the"
					+ " configuration's deviceStatuses.", "Required. " + ID);
			case DEVICE_DISPLAY_NAME -> new ColumnGuide(name, "The device's name, as Intune shows it.", TEXT);
			case USER_NAME -> new ColumnGuide(name, "The name of the device's user.", TEXT);
			case DEVICE_MODEL -> new ColumnGuide(name, "The device's model.", TEXT);
			case COMPLIANCE_GRACE_PERIOD_EXPIRATION_DATE_TIME -> new ColumnGuide(name, "When the grace period of a"
					+ " device that is not compliant ends.", DATE_TIME);
			case STATUS -> new ColumnGuide(name, "The device's compliance status for the configuration.",
					"One of the list: " + String.join(", ", ComplianceStatus.wireNames()) + ". Any letter case, and"
							+ " Intune's labels such as Non-compliant, are accepted too. It cannot be cleared.");
			case LAST_REPORTED_DATE_TIME -> new ColumnGuide(name, "When the device last reported its status.",
					DATE_TIME);
			case USER_PRINCIPAL_NAME -> new ColumnGuide(name, "The user's sign-in name (UPN).",
					"name@domain: one @, no spaces. An empty cell leaves the value as it is.");
		};
	}

}
