package com.example.intune.statusimport.job;

import com.example.intune.statusimport.devicestatus.DeviceStatusUpdate;
import com.example.intune.statusimport.input.SourceRow;
import com.example.intune.statusimport.report.RowFailure;

/**
 * A row on its way to the writer: either an update to send, or a failure found before sending.
 *
 * @param row the row as read
 * @param update the update to send, when the row is valid
 * @param failure why the row will not be sent, when it is not
 */
record ImportItem(SourceRow row, DeviceStatusUpdate update, RowFailure failure) {

	boolean isSendable() {
		return this.update != null;
	}

}
