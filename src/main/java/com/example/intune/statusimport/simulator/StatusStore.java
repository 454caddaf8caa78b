package com.example.intune.statusimport.simulator;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.devicestatus.ComplianceStatus;
import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.graph.DeviceStatusResource;
import com.example.intune.statusimport.graph.DeviceStatusResource.Address;

/**
 * The device statuses the simulator holds, and how it reads and updates one the way Graph does: the body must be a
 * status with its {@code @odata.type}, every property must exist and not be a key, a status must be one of
 * Graph's names, and only the properties Graph's schema has nullable may be {@code null}.
 */
final class StatusStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, ObjectNode> statuses = new ConcurrentHashMap<>();

	private final Set<String> knownIds;

	/** @param knownIds the ids that exist, as {@code id} or {@code deviceConfigurationId/id}; empty for all */
	StatusStore(Set<String> knownIds) {
		this.knownIds = knownIds;
	}

	/** What is held, by {@code deviceConfigurationId/id}. */
	Map<String, JsonNode> all() {
		return new TreeMap<>(this.statuses);
	}

	boolean exists(Address address) {
		return this.knownIds.isEmpty() || this.knownIds.contains(address.id())
				|| this.knownIds.contains(address.key());
	}

	SimulatedAnswer get(Address address, String clientRequestId) {
		ObjectNode held = this.statuses.get(address.key());
		return held == null ? notFound(address, clientRequestId) : SimulatedAnswer.ok(JSON.writeValueAsString(held));
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
			String refusal = refusal(field.getKey(), field.getValue());
			if (refusal != null) {
				return SimulatedAnswer.badRequest(refusal, clientRequestId);
			}
		}
		ObjectNode merged = this.statuses.compute(address.key(), (key, held) -> {
			ObjectNode next = held == null ? JSON.createObjectNode() : held.deepCopy();
			next.put("@odata.type", type);
			next.put("id", address.id());
			object.properties().forEach(field -> {
				if (!field.getKey().equals("@odata.type")) {
					next.set(field.getKey(), field.getValue());
				}
			});
			return next;
		});
		return SimulatedAnswer.ok(JSON.writeValueAsString(merged));
	}

	/** @return why Graph would refuse this property of a PATCH body, or {@code null} */
	private static String refusal(String name, JsonNode value) {
		if (name.equals("@odata.type")) {
			return null;
		}
		DeviceStatusProperty property = DeviceStatusProperty.forColumn(name)
			.filter(p -> p.graphName().equals(name) && !p.isKey())
			.orElse(null);
		if (property == null) {
			return "The property '" + name + "' does not exist on type 'microsoft.graph.deviceConfigurationDeviceStatus'.";
		}
		boolean ok = (value.isNull() && property.isClearable()) || (value.isString() && (property != DeviceStatusProperty.STATUS
				|| ComplianceStatus.wireNames().contains(value.asString())));
		return ok ? null : "Cannot convert the literal '" + value + "' for " + name + ".";
	}

}
