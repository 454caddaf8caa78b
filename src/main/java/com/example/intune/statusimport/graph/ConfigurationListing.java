package com.example.intune.statusimport.graph;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** One configuration's statuses as listed: each is handed out once, since a run writes each status once. */
final class ConfigurationListing {

	final Map<String, LiveStatus> statuses = new HashMap<>();

	final long readAtNanos;

	/** Graph's 404 for the list when it has no such configuration: none of its statuses need asking for. */
	RequestOutcome configurationMissing;

	long served;

	ConfigurationListing(long readAtNanos) {
		this.readAtNanos = readAtNanos;
	}

	/** The status as listed, or {@code null} when it must be read on its own. */
	LiveStatus take(String id) {
		this.served++;
		return this.statuses.remove(id.toLowerCase(Locale.ROOT));
	}

}
