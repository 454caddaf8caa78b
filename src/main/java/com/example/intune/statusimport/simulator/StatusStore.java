package com.example.intune.statusimport.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
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
 * <p>
 * Graph compares these GUID keys without letter case, so the store finds a status and a configuration by its ids in
 * lower case ({@link #lookup}), whatever case a URL gives them in; a status keeps the ids it was first held or written
 * under, which its answers and {@link #all()}'s keys use.
 */
final class StatusStore {

	/** A status and the ids it was first held under. */
	private record Held(Address address, ObjectNode status) {
	}

	/** By {@link #lookup} key, so in order of configuration, then id, each in lower case. */
	private final ConcurrentSkipListMap<String, Held> statuses = new ConcurrentSkipListMap<>();

	/** The body of the last PATCH applied to each status, as it was sent, by {@link #lookup} key. */
	private final Map<String, JsonNode> lastPatches = new ConcurrentHashMap<>();

	/** In lower case. */
	private final Set<String> knownIds;

	/** The configurations the known ids name, in lower case. */
	private final Set<String> knownConfigurations;

	/** Whether a known id names no configuration, and so exists in every one. */
	private final boolean bareKnownId;

	private volatile boolean seeded;

	/** @param knownIds the ids that exist, as {@code id} or {@code deviceConfigurationId/id}; empty for all */
	StatusStore(Set<String> knownIds) {
		this.knownIds = knownIds.stream().map(StatusStore::lowerCase).collect(Collectors.toUnmodifiableSet());
		this.knownConfigurations = this.knownIds.stream()
			.filter(known -> known.indexOf('/') > 0)
			.map(known -> known.substring(0, known.indexOf('/')))
			.collect(Collectors.toUnmodifiableSet());
		this.bareKnownId = this.knownIds.stream().anyMatch(known -> known.indexOf('/') < 0);
	}

	/** What is held, by {@code deviceConfigurationId/id} as first held. */
	Map<String, JsonNode> all() {
		Map<String, JsonNode> all = new TreeMap<>();
		this.statuses.values().forEach(held -> all.put(held.address().key(), held.status()));
		return all;
	}

	/** @param key {@code deviceConfigurationId/id}, in any letter case */
	JsonNode lastPatch(String key) {
		return this.lastPatches.get(lowerCase(key));
	}

	/**
	 * The {@code deviceConfigurationId/id} a status is counted under: as first held, or as {@code address} gives it
	 * when not held.
	 */
	String heldKey(Address address) {
		Held held = this.statuses.get(lookup(address));
		return held == null ? address.key() : held.address().key();
	}

	boolean exists(Address address) {
		if (this.statuses.containsKey(lookup(address))) {
			return true;
		}
		if (this.knownIds.isEmpty() && !this.seeded) {
			return true;
		}
		return this.knownIds.contains(lowerCase(address.id())) || this.knownIds.contains(lookup(address));
	}

	/**
	 * Whether Graph has the configuration, so that its list is answered (possibly empty) rather than 404. Until
	 * statuses are held or known ids name configurations, every one exists; so does every one when a known id names
	 * none, since that id exists in each.
	 */
	boolean configurationExists(String configurationId) {
		if (this.bareKnownId || (this.knownIds.isEmpty() && !this.seeded)) {
			return true;
		}
		String configuration = lowerCase(configurationId);
		return this.knownConfigurations.contains(configuration)
				|| !this.statuses.subMap(configuration + "/", configuration + "0").isEmpty();
	}

	/** The status as Graph answers it, or {@code null} when it does not exist. */
	ObjectNode get(Address address) {
		Held held = this.statuses.get(lookup(address));
		if (held != null) {
			return held.status();
		}
		return exists(address) ? StatusSchema.empty(address.id()) : null;
	}

	SimulatedAnswer configurationNotFound(String configurationId, String clientRequestId) {
		return SimulatedAnswer.error(404, "ResourceNotFound", "deviceConfiguration '" + configurationId
				+ "' was not found.", null, clientRequestId);
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
			put(address, next);
			this.lastPatches.put(lookup(address), object.deepCopy());
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
			String refusal = StatusSchema.heldRefusal(value.getKey(), value.getValue());
			if (refusal != null) {
				throw new IllegalArgumentException(refusal);
			}
			DeviceStatusProperty property = StatusSchema.writable(value.getKey()).orElseThrow();
			next.set(property.graphName(), value.getValue() == null ? next.nullNode()
					: StatusSchema.held(property, next.stringNode(value.getValue())));
		}
		put(address, next);
		this.seeded = true;
	}

	/**
	 * Up to {@code limit} held statuses of a configuration, in order, after the one with id {@code afterId} (or from
	 * the first when {@code null}).
	 */
	List<ObjectNode> page(String configurationId, String afterId, int limit) {
		String configuration = lowerCase(configurationId);
		String from = configuration + "/" + (afterId == null ? "" : lowerCase(afterId));
		// '0' follows '/', so this ends the configuration's keys; ids are path segments, with no '/' in them
		String to = configuration + "0";
		List<ObjectNode> page = new ArrayList<>(limit);
		for (Held held : this.statuses.subMap(from, afterId == null, to, false).values()) {
			if (page.size() == limit) {
				break;
			}
			page.add(held.status());
		}
		return page;
	}

	/**
	 * Changes {@code share} of the held statuses as devices reporting would: a new {@code lastReportedDateTime} and
	 * another {@code status}, the statuses drawn from {@code random}.
	 * @return the keys changed, {@code deviceConfigurationId/id} as first held, in order
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
		List<String> drawn = new ArrayList<>(keys.subList(0, count));
		drawn.sort(null);
		String reported = StatusSchema.utc(now.toString());
		List<String> names = ComplianceStatus.wireNames();
		List<String> changed = new ArrayList<>(count);
		for (String key : drawn) {
			Held held = this.statuses.get(key);
			ObjectNode next = held.status().deepCopy();
			List<String> others = names.stream().filter(name -> !name.equals(next.path("status").asString(""))).toList();
			next.put(DeviceStatusProperty.STATUS.graphName(), others.get(random.nextInt(others.size())));
			next.put(DeviceStatusProperty.LAST_REPORTED_DATE_TIME.graphName(), reported);
			this.statuses.put(key, new Held(held.address(), next));
			changed.add(held.address().key());
		}
		return changed;
	}

	/** A copy of the held status to change, or a new one that never reported. */
	private ObjectNode held(Address address) {
		Held held = this.statuses.get(lookup(address));
		return held == null ? StatusSchema.empty(address.id()) : held.status().deepCopy();
	}

	/** Replaces the status, keeping the ids it was first held under; called under the store's lock. */
	private void put(Address address, ObjectNode status) {
		Held held = this.statuses.get(lookup(address));
		this.statuses.put(lookup(address), new Held(held == null ? address : held.address(), status));
	}

	/** The key a status is found by: {@code deviceConfigurationId/id} in lower case, as Graph compares them. */
	private static String lookup(Address address) {
		return lowerCase(address.key());
	}

	private static String lowerCase(String text) {
		return text.toLowerCase(Locale.ROOT);
	}

}
