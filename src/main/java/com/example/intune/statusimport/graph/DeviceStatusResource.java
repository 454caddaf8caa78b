package com.example.intune.statusimport.graph;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.devicestatus.DeviceStatusUpdate;

/**
 * The wire shape of a {@code deviceConfigurationDeviceStatus}: its path below the service root, its
 * {@code @odata.type}, and the body of an update. The importer writes it and the simulator reads it, so the two
 * cannot drift apart.
 */
public final class DeviceStatusResource {

	public static final String ODATA_TYPE = "#microsoft.graph.deviceConfigurationDeviceStatus";

	private static final Pattern PATH = Pattern
		.compile(".*/deviceManagement/deviceConfigurations/([^/]+)/deviceStatuses/([^/]+)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The two ids that address one status. */
	public record Address(String deviceConfigurationId, String id) {

		/** {@code deviceConfigurationId/id}, as the simulator and the tests name a status. */
		public String key() {
			return this.deviceConfigurationId + "/" + this.id;
		}

	}

	private DeviceStatusResource() {
	}

	/** The path below the service root; the ids were checked to be safe path segments. */
	public static String path(String deviceConfigurationId, String id) {
		return "/deviceManagement/deviceConfigurations/" + deviceConfigurationId + "/deviceStatuses/" + id;
	}

	/** The status a path (with or without the service root's own path in front) addresses, if it is one. */
	public static Optional<Address> addressOf(String path) {
		Matcher matcher = PATH.matcher(path);
		return matcher.matches() ? Optional.of(new Address(matcher.group(1), matcher.group(2))) : Optional.empty();
	}

	/** {@code @odata.type} and only the properties the update sets; a cleared property is sent as {@code null}. */
	public static ObjectNode body(DeviceStatusUpdate update) {
		ObjectNode body = JSON.createObjectNode();
		body.put("@odata.type", ODATA_TYPE);
		for (Map.Entry<DeviceStatusProperty, String> change : update.changes().entrySet()) {
			if (change.getValue() == null) {
				body.putNull(change.getKey().graphName());
			}
			else {
				body.put(change.getKey().graphName(), change.getValue());
			}
		}
		return body;
	}

	public static GraphRequest patch(DeviceStatusUpdate update) {
		return GraphRequest.patch(path(update.deviceConfigurationId(), update.id()), body(update), update.id());
	}

}
