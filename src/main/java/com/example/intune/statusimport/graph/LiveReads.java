package com.example.intune.statusimport.graph;

import java.util.Map;

import com.example.intune.statusimport.graph.DeviceStatusResource.Address;

/**
 * What was read for a chunk (or read back after it).
 *
 * @param held what Graph holds, by {@link LiveStatusReader#keyOf}
 * @param failed the statuses that are not held, with Graph's answer (a 404: Graph has no such status, with the
 * ids Microsoft support asks for), or that could not be read at all, by {@link LiveStatusReader#keyOf}
 */
public record LiveReads(Map<String, LiveStatus> held, Map<String, RequestOutcome> failed) {

	/** What Graph holds for {@code address}, or {@code null} when it holds no such status. */
	public LiveStatus of(Address address) {
		return this.held.get(LiveStatusReader.keyOf(address));
	}

	/** Why Graph holds nothing for {@code address} (a 404), or why it could not be read; {@code null} when held. */
	public RequestOutcome failure(Address address) {
		return this.failed.get(LiveStatusReader.keyOf(address));
	}

}
