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
 * input and the keys of an NDJSON input. This is the one place where a Graph name is recognised and where names
 * are compared ({@link #columnKey}); the user's own names for columns are {@code input.ColumnMapping}'s.
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
	 * The property a column or key names by its Graph name. Matching ignores letter case and spaces, also inside the
	 * name, so that "Last Reported Date Time" names {@code lastReportedDateTime}.
	 */
	public static Optional<DeviceStatusProperty> forColumn(String columnName) {
		return Optional.ofNullable(BY_LOWER_CASE_NAME.get(columnKey(columnName)));
	}

	/** Columns and keys starting with {@code _} carry notes or the failure report's own columns. */
	public static boolean isIgnoredColumn(String columnName) {
		return columnKey(columnName).startsWith("_");
	}

	public static List<String> acceptedColumnNames() {
		return Arrays.stream(values()).map(DeviceStatusProperty::graphName).toList();
	}

	/**
	 * How column names are compared: without letter case and without spaces (a spreadsheet's non-breaking spaces
	 * among them), so that "Device ID", "device id" and "DEVICEID" are one name.
	 */
	public static String columnKey(String columnName) {
		if (columnName == null) {
			return "";
		}
		StringBuilder key = new StringBuilder(columnName.length());
		for (int i = 0; i < columnName.length(); i++) {
			char c = columnName.charAt(i);
			if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
				key.append(c);
			}
		}
		return key.toString().toLowerCase(Locale.ROOT);
	}

	/**
	 * The property a name that is none most likely means, when only one fits: the one whose name holds it ("Last
	 * reported" in {@code lastReportedDateTime}), or else the one a typo or two away ("stauts"). Only ever a
	 * suggestion for a message: a column is never sent to a property it does not name.
	 */
	public static Optional<DeviceStatusProperty> closestTo(String columnName) {
		String key = columnKey(columnName).replaceAll("[^\\p{L}\\p{N}]", "");
		if (key.length() < 4) {
			return Optional.empty();
		}
		List<DeviceStatusProperty> holding = Arrays.stream(values())
			.filter(p -> p.graphName.toLowerCase(Locale.ROOT).contains(key))
			.toList();
		if (!holding.isEmpty()) {
			return holding.size() == 1 ? Optional.of(holding.get(0)) : Optional.empty();
		}
		List<DeviceStatusProperty> near = Arrays.stream(values())
			.filter(p -> editDistance(key, p.graphName.toLowerCase(Locale.ROOT)) <= 2)
			.toList();
		return near.size() == 1 ? Optional.of(near.get(0)) : Optional.empty();
	}

	/** Edits (a letter added, removed, replaced, or two swapped) from one name to another. */
	private static int editDistance(String a, String b) {
		if (Math.abs(a.length() - b.length()) > 2) {
			return 3;
		}
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			for (int j = 0; j <= b.length(); j++) {
				if (i == 0 || j == 0) {
					d[i][j] = i + j;
					continue;
				}
				int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

}
