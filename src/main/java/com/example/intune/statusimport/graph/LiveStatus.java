package com.example.intune.statusimport.graph;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.devicestatus.DeviceStatusUpdate;
import com.example.intune.statusimport.devicestatus.SameValue;

/**
 * What Graph holds for one device status, as read: each property that is not a key, with the text Graph answered
 * ({@code null} when it was never set or was cleared).
 *
 * @param deviceConfigurationId the configuration
 * @param id the status
 * @param values every property that is not a key, {@code null} when Graph holds none
 */
public record LiveStatus(String deviceConfigurationId, String id, Map<DeviceStatusProperty, String> values) {

	public LiveStatus {
		EnumMap<DeviceStatusProperty, String> copy = new EnumMap<>(DeviceStatusProperty.class);
		for (DeviceStatusProperty property : DeviceStatusProperty.values()) {
			if (!property.isKey()) {
				copy.put(property, values.get(property));
			}
		}
		values = Collections.unmodifiableMap(copy);
	}

	/** A status as Graph answered it in a list page or to a GET: each property present, {@code null} when unset. */
	static LiveStatus of(String configurationId, JsonNode node) {
		Map<DeviceStatusProperty, String> values = new HashMap<>();
		for (DeviceStatusProperty property : DeviceStatusProperty.values()) {
			JsonNode value = node.path(property.graphName());
			if (!property.isKey() && value.isValueNode() && !value.isNull()) {
				values.put(property, value.asString());
			}
		}
		return new LiveStatus(configurationId, node.path("id").asString(null), values);
	}

	/**
	 * The properties of {@code update} whose values differ in meaning from what Graph holds, with the value Graph
	 * holds (the value before the change); empty when Graph already holds the update.
	 */
	public Map<DeviceStatusProperty, String> differencesFrom(DeviceStatusUpdate update) {
		Map<DeviceStatusProperty, String> before = new EnumMap<>(DeviceStatusProperty.class);
		update.changes().forEach((property, value) -> {
			String held = this.values.get(property);
			if (!SameValue.of(property, held, value)) {
				before.put(property, held);
			}
		});
		return before;
	}

}
