package com.example.intune.statusimport.devicestatus;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One validated change to one device status: the two keys that address it and the properties to set. A property
 * mapped to {@code null} is cleared; a property that is absent is left as it is.
 *
 * @param deviceConfigurationId the configuration the status belongs to, safe as a URL path segment
 * @param id the status id, safe as a URL path segment
 * @param changes the body properties to send, in canonical form
 */
public record DeviceStatusUpdate(String deviceConfigurationId, String id, Map<DeviceStatusProperty, String> changes) {

	public DeviceStatusUpdate {
		EnumMap<DeviceStatusProperty, String> copy = new EnumMap<>(DeviceStatusProperty.class);
		copy.putAll(changes);
		changes = Collections.unmodifiableMap(copy);
	}

}
