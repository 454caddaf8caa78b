package com.example.intune.statusimport.job;

import java.util.Map;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.devicestatus.DeviceStatusUpdate;
import com.example.intune.statusimport.input.SourceRow;
import com.example.intune.statusimport.report.RowFailure;

/**
 * A row on its way to the writer: either an update to send, or a failure found before sending.
 */
final class ImportItem {

	private final SourceRow row;

	private final DeviceStatusUpdate update;

	private final RowFailure failure;

	private boolean unchanged;

	private Map<DeviceStatusProperty, String> before = Map.of();

	ImportItem(SourceRow row, DeviceStatusUpdate update, RowFailure failure) {
		this.row = row;
		this.update = update;
		this.failure = failure;
	}

	SourceRow row() {
		return this.row;
	}

	DeviceStatusUpdate update() {
		return this.update;
	}

	RowFailure failure() {
		return this.failure;
	}

	boolean isSendable() {
		return this.update != null;
	}

	/** Whether Graph already holds exactly these values (so the row is not sent). */
	boolean unchanged() {
		return this.unchanged;
	}

	void markUnchanged(boolean unchanged) {
		this.unchanged = unchanged;
	}

	/**
	 * What Graph held, as read before sending, for each property this row changes (a value may be {@code null}:
	 * never set); empty when nothing was read ({@code --compare recorded} or {@code none}).
	 */
	Map<DeviceStatusProperty, String> before() {
		return this.before;
	}

	void changesFrom(Map<DeviceStatusProperty, String> before) {
		this.before = before;
	}

}
