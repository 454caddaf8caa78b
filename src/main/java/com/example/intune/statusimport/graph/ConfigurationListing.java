package com.example.intune.statusimport.graph;

import java.util.HashMap;
import java.util.Map;

/**
 * One configuration's statuses as listed so far, by id in lower case: each is handed out once, since a run writes each
 * status once, and a listing may go on from its next page.
 */
final class ConfigurationListing {

	final String configurationId;

	/** The most pages worth reading: what the configuration's rows would cost one by one. */
	final long budget;

	final long readAtNanos;

	final Map<String, LiveStatus> statuses = new HashMap<>();

	/** The next page to read, or {@code null} once the list ended (or failed). */
	String next;

	long pages;

	/** Graph's 404 for the list when it has no such configuration: none of its statuses need asking for. */
	RequestOutcome configurationMissing;

	/** Statuses it put on disk for want of heap ({@link StatusSpill}). */
	long spilled;

	/** Rows this listing was asked for. */
	long served;

	ConfigurationListing(String configurationId, long budget, long readAtNanos, String first) {
		this.configurationId = configurationId;
		this.budget = budget;
		this.readAtNanos = readAtNanos;
		this.next = first;
	}

	/** Whether pages are left that its budget allows. */
	boolean canGoOn() {
		return this.next != null && this.pages < this.budget;
	}

}
