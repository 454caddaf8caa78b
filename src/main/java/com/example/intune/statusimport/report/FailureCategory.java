package com.example.intune.statusimport.report;

import java.util.Locale;

/** Why a row was not applied: the stable values of the report's {@code _error} column. */
public enum FailureCategory {

	/** The row broke a validation rule. */
	INVALID,
	/** The line could not be parsed at all. */
	MALFORMED,
	/** An earlier row of the same file has the same keys. */
	DUPLICATE,
	/** Graph refused the change (400, 403, 409 and the like). */
	REJECTED,
	/** Graph has no such device status (404). */
	NOT_FOUND,
	/** Every attempt met a transient error. */
	RETRIES_EXHAUSTED,
	/** Graph accepted the change, but read back it does not hold the values sent ({@code --verify}). */
	NOT_APPLIED;

	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
