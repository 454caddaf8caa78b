package com.example.intune.statusimport.job;

import com.example.intune.statusimport.devicestatus.DeviceStatusUpdate;
import com.example.intune.statusimport.graph.RequestOutcome;
import com.example.intune.statusimport.report.FailureCategory;
import com.example.intune.statusimport.report.RowFailure;

/** What a row's report says when a request about it failed: the one place that turns an outcome into a failure. */
final class RowFailures {

	private RowFailures() {
	}

	/**
	 * @param update the row's change
	 * @param outcome how the request ended
	 * @param reading whether the request was the read before sending (then nothing was sent for the row)
	 */
	static RowFailure of(DeviceStatusUpdate update, RequestOutcome outcome, boolean reading) {
		FailureCategory category = outcome.retriesExhausted() ? FailureCategory.RETRIES_EXHAUSTED
				: outcome.notFound() ? FailureCategory.NOT_FOUND : FailureCategory.REJECTED;
		String message = category == FailureCategory.NOT_FOUND ? notFound(update, reading)
				+ (outcome.message() == null || outcome.message().isBlank() ? "" : " (" + outcome.message() + ")")
				: reading ? "reading what Graph holds for this status failed, so nothing was sent: " + outcome.message()
						: outcome.message();
		return new RowFailure(category, message, outcome.httpStatus(), outcome.graphCode(), outcome.requestId(),
				outcome.clientRequestId(), outcome.attempts());
	}

	/** Graph holds no such status: Intune creates statuses when devices report, and a PATCH cannot. */
	static String notFound(DeviceStatusUpdate update, boolean reading) {
		return "Graph has no device status " + update.id() + " in configuration " + update.deviceConfigurationId()
				+ (reading ? "; nothing was sent (Intune creates a status when the device reports, a write cannot)"
						: "");
	}

}
