package com.example.intune.statusimport.simulator;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.devicestatus.ComplianceStatus;
import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.graph.DeviceStatusResource;

/**
 * The simulated {@code deviceConfigurationDeviceStatus} as Graph holds and answers it: every property present
 * ({@code null} when never set), date-times as instants answered in UTC with up to 7 fraction digits (Graph keeps
 * 100 ns) whatever offset was written, and Graph's refusals of values and of {@code $select} names.
 */
final class StatusSchema {

	static final String TYPE_NAME = "microsoft.graph.deviceConfigurationDeviceStatus";

	/** The properties a status answers besides {@code id}, in the order Graph's schema lists them. */
	static final List<DeviceStatusProperty> PROPERTIES = Arrays.stream(DeviceStatusProperty.values())
		.filter(property -> !property.isKey())
		.toList();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DateTimeFormatter UTC = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd'T'HH:mm:ss")
		.appendFraction(ChronoField.NANO_OF_SECOND, 0, 7, true)
		.appendLiteral('Z')
		.toFormatter(Locale.ROOT);

	private StatusSchema() {
	}

	/** A status that exists but never reported: its id and every property {@code null}. */
	static ObjectNode empty(String id) {
		ObjectNode status = JSON.createObjectNode();
		status.put("@odata.type", DeviceStatusResource.ODATA_TYPE);
		status.put("id", id);
		PROPERTIES.forEach(property -> status.putNull(property.graphName()));
		return status;
	}

	/** @return why Graph would refuse this property of a PATCH body, or {@code null} */
	static String refusal(String name, JsonNode value) {
		if (name.equals("@odata.type")) {
			return null;
		}
		Optional<DeviceStatusProperty> property = writable(name);
		if (property.isEmpty()) {
			return "The property '" + name + "' does not exist on type '" + TYPE_NAME + "'.";
		}
		if (value.isNull() ? property.get().isClearable() : value.isString() && valid(property.get(), value.asString())) {
			return null;
		}
		return "Cannot convert the literal '" + value + "' for " + name + ".";
	}

	/** The value Graph holds for a value it accepted: a date-time becomes its instant in UTC. */
	static JsonNode held(DeviceStatusProperty property, JsonNode value) {
		if (property.kind() == DeviceStatusProperty.Kind.DATE_TIME && value.isString()) {
			return JSON.getNodeFactory().stringNode(utc(value.asString()));
		}
		return value;
	}

	/**
	 * The instant a date-time with an offset names, in UTC with up to 7 fraction digits, cut to Graph's 100 ns.
	 * @throws DateTimeException when it is none
	 */
	static String utc(String dateTime) {
		OffsetDateTime parsed = OffsetDateTime.parse(dateTime).withOffsetSameInstant(ZoneOffset.UTC);
		return UTC.format(parsed.withNano(parsed.getNano() / 100 * 100));
	}

	/** A property a PATCH body or a held status may carry: any but the keys, by its exact Graph name. */
	static Optional<DeviceStatusProperty> writable(String name) {
		return DeviceStatusProperty.forColumn(name).filter(p -> p.graphName().equals(name) && !p.isKey());
	}

	/**
	 * The properties a {@code $select} names, by their Graph names; {@code null} for none, which selects everything.
	 * @throws IllegalArgumentException with Graph's message when it names no property of a status
	 */
	static List<String> select(String names) {
		if (names == null) {
			return null;
		}
		List<String> selected = new ArrayList<>();
		for (String name : names.split(",", -1)) {
			String wanted = name.strip();
			String found = wanted.equals("id") ? "id" : PROPERTIES.stream()
				.map(DeviceStatusProperty::graphName)
				.filter(graphName -> graphName.equalsIgnoreCase(wanted))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException(
						"Could not find a property named '" + wanted + "' on type '" + TYPE_NAME + "'."));
			if (!selected.contains(found)) {
				selected.add(found);
			}
		}
		return selected;
	}

	/** What a GET answers of a held status: all of it, or only the properties {@code select} names. */
	static ObjectNode answer(ObjectNode held, List<String> select) {
		if (select == null) {
			return held;
		}
		ObjectNode answer = JSON.createObjectNode();
		select.forEach(name -> answer.set(name, held.get(name)));
		return answer;
	}

	private static boolean valid(DeviceStatusProperty property, String value) {
		return switch (property.kind()) {
			case COMPLIANCE_STATUS -> ComplianceStatus.wireNames().contains(value);
			case DATE_TIME -> {
				try {
					utc(value);
					yield true;
				}
				catch (DateTimeException ex) {
					yield false;
				}
			}
			default -> true;
		};
	}

}
