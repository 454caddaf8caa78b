package com.example.intune.statusimport.job;

import java.util.Locale;

/** What a real run compares a valid row with before sending it ({@code --compare}). */
public enum CompareMode {

	/** What Graph holds now, read before each chunk is sent: only real differences are written. */
	LIVE,
	/** The fingerprints of what this job store saw Graph confirm: no read permission needed, and no reads. */
	RECORDED,
	/** Nothing: every valid row is sent ({@code --force}). */
	NONE;

	public String optionValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
