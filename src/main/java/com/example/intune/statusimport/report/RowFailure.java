package com.example.intune.statusimport.report;

import java.util.Set;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;

/**
 * Why one row was not applied, as the failure report shows it.
 *
 * @param category the stable category
 * @param message what went wrong, for the person who owns the file
 * @param httpStatus Graph's HTTP status, or 0 when nothing was sent or nothing answered
 * @param graphCode Graph's error code, if any
 * @param requestId Graph's {@code request-id}, which Microsoft support asks for
 * @param clientRequestId our {@code client-request-id} of the last attempt
 * @param attempts how many requests were sent for the row
 * @param failedProperties the properties whose values were refused before sending, so that a report workbook can
 * point at their cells
 */
public record RowFailure(FailureCategory category, String message, int httpStatus, String graphCode, String requestId,
		String clientRequestId, int attempts, Set<DeviceStatusProperty> failedProperties) {

	public RowFailure {
		failedProperties = Set.copyOf(failedProperties);
	}

	/** A failure of a row that Graph was asked about, or that failed as a whole. */
	public RowFailure(FailureCategory category, String message, int httpStatus, String graphCode, String requestId,
			String clientRequestId, int attempts) {
		this(category, message, httpStatus, graphCode, requestId, clientRequestId, attempts, Set.of());
	}

	/** A failure found before anything was sent. */
	public static RowFailure beforeSending(FailureCategory category, String message) {
		return new RowFailure(category, message, 0, null, null, null, 0);
	}

	/** A row whose values in {@code failedProperties} were refused before anything was sent. */
	public static RowFailure beforeSending(FailureCategory category, String message,
			Set<DeviceStatusProperty> failedProperties) {
		return new RowFailure(category, message, 0, null, null, null, 0, failedProperties);
	}

}
