package com.example.intune.statusimport.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.devicestatus.ComplianceStatus;
import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.graph.DeviceStatusResource;
import com.example.intune.statusimport.graph.DeviceStatusResource.Address;

/**
 * The device statuses the simulator holds, in a stable order (by configuration, then id) for paging, and how one is
 * updated the way Graph does it ({@link StatusSchema}). Until statuses are seeded or known ids given, every id exists:
 * a status never written reads as one that never reported, and a PATCH creates it. Held statuses are replaced, never
 * changed in place, so a reader always sees a whole one; changes are made under the store's lock.
 */
final class StatusStore {

	private final ConcurrentSkipListMap<String, ObjectNode> statuses = new ConcurrentSkipListMap<>();

	/** The body of the last PATCH applied to each status, as it was sent. */
	private final Map<String, JsonNode> lastPatches = new ConcurrentHashMap<>();

	private final Set<String> knownIds;

	private volatile boolean seeded;

	/** @param knownIds the ids that exist, as {@code id} or {@code deviceConfigurationId/id}; empty for all */
	StatusStore(Set<String> knownIds) {
		this.knownIds = knownIds;
	}

	/** What is held, by {@code deviceConfigurationId/id}. */
	Map<String, JsonNode> all() {
		return new TreeMap<>(this.statuses);
	}

	JsonNode lastPatch(String key) {
		return this.lastPatches.get(key);
	}

	boolean exists(Address address) {
		if (this.statuses.containsKey(address.key())) {
			return true;
		}
		if (this.knownIds.isEmpty() && !this.seeded) {
			return true;
		}
		return this.knownIds.contains(address.id()) || this.knownIds.contains(address.key());
	}

	/** The status as Graph answers it, or {@code null} when it does not exist. */
	ObjectNode get(Address address) {
		ObjectNode held = this.statuses.get(address.key());
		return held != null || !exists(address) ? held : StatusSchema.empty(address.id());
	}

	SimulatedAnswer notFound(Address address, String clientRequestId) {
		return SimulatedAnswer.error(404, "ResourceNotFound", "deviceConfigurationDeviceStatus '" + address.id()
				+ "' was not found in deviceConfiguration '" + address.deviceConfigurationId() + "'.", null,
				clientRequestId);
	}

	/** Merges {@code changes} into the status, or refuses them with 400 as Graph would. */
	SimulatedAnswer patch(Address address, JsonNode changes, String clientRequestId) {
		if (!(changes instanceof ObjectNode object)) {
			return SimulatedAnswer.badRequest("The body must be a JSON object.", clientRequestId);
		}
		String type = DeviceStatusResource.ODATA_TYPE;
		if (!type.equals(object.path("@odata.type").asString(null))) {
			return SimulatedAnswer.badRequest("@odata.type must be " + type + ".", clientRequestId);
		}
		for (Map.Entry<String, JsonNode> field : object.properties()) {
			String refusal = StatusSchema.refusal(field.getKey(), field.getValue());
			if (refusal != null) {
				return SimulatedAnswer.badRequest(refusal, clientRequestId);
			}
		}
		ObjectNode next;
		synchronized (this) {
			next = held(address);
			for (Map.Entry<String, JsonNode> field : object.properties()) {
				StatusSchema.writable(field.getKey())
					.ifPresent(property -> next.set(property.graphName(), StatusSchema.held(property, field.getValue())));
			}
			this.statuses.put(address.key(), next);
			this.lastPatches.put(address.key(), object.deepCopy());
		}
		return SimulatedAnswer.ok(next.toString());
	}

	/**
	 * Holds a status as if devices had reported it; from then on only held statuses and known ids exist.
	 * @param values by Graph name, each as a PATCH would carry it in a string ({@code null} or absent for unset)
	 * @throws IllegalArgumentException naming the property and value when Graph would not hold it
	 */
	synchronized void hold(Address address, Map<String, String> values) {
		ObjectNode next = held(address);
		for (Map.Entry<String, String> value : values.entrySet()) {
			JsonNode node = next.textNode(value.getValue());
			String refusal = value.getValue() == null ? null : StatusSchema.refusal(value.getKey(), node);
			DeviceStatusProperty property = StatusSchema.writable(value.getKey()).orElse(null);
			if (refusal != null || property == null) {
				throw new IllegalArgumentException(refusal != null ? refusal
						: "The property '" + value.getKey() + "' does not exist on type '" + StatusSchema.TYPE_NAME
								+ "'.");
			}
			next.set(property.graphName(), value.getValue() == null ? next.nullNode() : StatusSchema.held(property, node));
		}
		this.statuses.put(address.key(), next);
		this.seeded = true;
	}

	/**
	 * Up to {@code limit} held statuses of a configuration, in order, after the one with id {@code afterId} (or from
	 * the first when {@code null}).
	 */
	List<ObjectNode> page(String configurationId, String afterId, int limit) {
		String from = configurationId + "/" + (afterId == null ? "" : afterId);
		// '0' follows '/', so this ends the configuration's keys; ids are path segments, with no '/' in them
		String to = configurationId + "0";
		List<ObjectNode> page = new ArrayList<>(limit);
		for (ObjectNode status : this.statuses.subMap(from, afterId == null, to, false).values()) {
			if (page.size() == limit) {
				break;
			}
			page.add(status);
		}
		return page;
	}

	/**
	 * Changes {@code share} of the held statuses as devices reporting would: a new {@code lastReportedDateTime} and
	 * another {@code status}, the statuses drawn from {@code random}.
	 * @return the keys changed, in order
	 */
	synchronized List<String> drift(double share, Random random, Instant now) {
		List<String> keys = new ArrayList<>(this.statuses.keySet());
		int count = (int) Math.round(share * keys.size());
		// the first `count` places of a partial Fisher-Yates shuffle: each status as likely as any other
		for (int i = 0; i < count; i++) {
			int j = i + random.nextInt(keys.size() - i);
			String swapped = keys.get(i);
			keys.set(i, keys.get(j));
			keys.set(j, swapped);
		}
		List<String> changed = new ArrayList<>(keys.subList(0, count));
		changed.sort(null);
		String reported = StatusSchema.utc(now.toString());
		List<String> names = ComplianceStatus.wireNames();
		for (String key : changed) {
			ObjectNode next = this.statuses.get(key).deepCopy();
			List<String> others = names.stream().filter(name -> !name.equals(next.path("status").asString(""))).toList();
			next.put(DeviceStatusProperty.STATUS.graphName(), others.get(random.nextInt(others.size())));
			next.put(DeviceStatusProperty.LAST_REPORTED_DATE_TIME.graphName(), reported);
			this.statuses.put(key, next);
		}
		return changed;
	}

	/** A copy of the held status to change, or a new one that never reported. */
	private ObjectNode held(Address address) {
		ObjectNode held = this.statuses.get(address.key());
		return held == null ? StatusSchema.empty(address.id()) : held.deepCopy();
	}

}
