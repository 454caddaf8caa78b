package com.example.intune.statusimport.devicestatus;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The properties of a Graph {@code deviceConfigurationDeviceStatus}, which are also the column names of a CSV
 * input and the keys of an NDJSON input. This is the one place where a column name is mapped to a property.
 */
public enum DeviceStatusProperty {

	DEVICE_CONFIGURATION_ID("deviceConfigurationId", Kind.PATH_SEGMENT),
	ID("id", Kind.PATH_SEGMENT),
	DEVICE_DISPLAY_NAME("deviceDisplayName", Kind.TEXT),
	USER_NAME("userName", Kind.TEXT),
	DEVICE_MODEL("deviceModel", Kind.TEXT),
	COMPLIANCE_GRACE_PERIOD_EXPIRATION_DATE_TIME("complianceGracePeriodExpirationDateTime", Kind.DATE_TIME),
	STATUS("status", Kind.COMPLIANCE_STATUS),
	LAST_REPORTED_DATE_TIME("lastReportedDateTime", Kind.DATE_TIME),
	USER_PRINCIPAL_NAME("userPrincipalName", Kind.USER_PRINCIPAL_NAME);

	/** What kind of value a property holds, which decides how it is validated. */
	public enum Kind {
		PATH_SEGMENT, TEXT, DATE_TIME, COMPLIANCE_STATUS, USER_PRINCIPAL_NAME
	}

	private static final Map<String, DeviceStatusProperty> BY_LOWER_CASE_NAME = Arrays.stream(values())
		.collect(Collectors.toMap(p -> p.graphName.toLowerCase(Locale.ROOT), Function.identity()));

	private final String graphName;

	private final Kind kind;

	DeviceStatusProperty(String graphName, Kind kind) {
		this.graphName = graphName;
		this.kind = kind;
	}

	public String graphName() {
		return this.graphName;
	}

	public Kind kind() {
		return this.kind;
	}

	/** The two keys travel in the URL; every other property travels in the PATCH body. */
	public boolean isKey() {
		return this.kind == Kind.PATH_SEGMENT;
	}

	/**
	 * Whether an explicit {@code null} may clear the property. Graph's v1.0 schema has the two date-times and the
	 * status {@code Nullable="false"}: a {@code null} for them is refused with a 400, so it is refused before sending.
	 */
	public boolean isClearable() {
		return this.kind == Kind.TEXT || this.kind == Kind.USER_PRINCIPAL_NAME;
	}

	/**
	 * The property a column or key names. Matching ignores letter case and surrounding spaces.
	 */
	public static Optional<DeviceStatusProperty> forColumn(String columnName) {
		return Optional.ofNullable(BY_LOWER_CASE_NAME.get(normalize(columnName)));
	}

	/** Columns and keys starting with {@code _} carry notes or the failure report's own columns. */
	public static boolean isIgnoredColumn(String columnName) {
		return normalize(columnName).startsWith("_");
	}

	public static List<String> acceptedColumnNames() {
		return Arrays.stream(values()).map(DeviceStatusProperty::graphName).toList();
	}

	private static String normalize(String columnName) {
		return columnName == null ? "" : columnName.strip().toLowerCase(Locale.ROOT);
	}

}
