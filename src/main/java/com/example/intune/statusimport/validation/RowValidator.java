package com.example.intune.statusimport.validation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.example.intune.statusimport.devicestatus.ComplianceStatus;
import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.devicestatus.DeviceStatusUpdate;
import com.example.intune.statusimport.devicestatus.PathSegment;
import com.example.intune.statusimport.input.SourceRow;

/**
 * The rules a row must pass before it is sent. Written by hand rather than with Bean Validation because each rule
 * must explain itself to the person holding the spreadsheet: the column, the value, and what would be accepted.
 * Values are taken without surrounding spaces.
 */
public final class RowValidator {

	/** Longest text value accepted, in characters. */
	public static final int MAX_TEXT_LENGTH = 1024;

	private static final Pattern USER_PRINCIPAL_NAME = Pattern.compile("[^@\\s]+@[^@\\s]+");

	private final String defaultConfigurationId;

	private final DateTimeReading dateTimes;

	/**
	 * @param defaultConfigurationId the deviceConfigurationId for rows that carry none, or {@code null}
	 * @param dateTimes how date-times without an offset are read
	 */
	public RowValidator(String defaultConfigurationId, DateTimeReading dateTimes) {
		this.defaultConfigurationId = defaultConfigurationId;
		this.dateTimes = dateTimes;
	}

	public RowValidation validate(SourceRow row) {
		List<String> problems = new ArrayList<>(row.readProblems());
		Set<DeviceStatusProperty> failed = EnumSet.noneOf(DeviceStatusProperty.class);
		failed.addAll(row.problemProperties());
		Map<DeviceStatusProperty, String> values = row.values();

		String configurationId = values.containsKey(DeviceStatusProperty.DEVICE_CONFIGURATION_ID)
				? values.get(DeviceStatusProperty.DEVICE_CONFIGURATION_ID) : this.defaultConfigurationId;
		Optional<String> validConfigurationId = pathSegment(DeviceStatusProperty.DEVICE_CONFIGURATION_ID,
				configurationId, " (or give --configuration-id for rows without one)", problems, failed);
		Optional<String> validId = pathSegment(DeviceStatusProperty.ID, values.get(DeviceStatusProperty.ID), "",
				problems, failed);

		Map<DeviceStatusProperty, String> changes = new EnumMap<>(DeviceStatusProperty.class);
		for (Map.Entry<DeviceStatusProperty, String> entry : values.entrySet()) {
			DeviceStatusProperty property = entry.getKey();
			if (!property.isKey()) {
				int before = problems.size();
				checkValue(property, entry.getValue(), problems).ifPresent(v -> changes.put(property, v.orElse(null)));
				if (problems.size() > before) {
					failed.add(property);
				}
			}
		}
		// a row already refused while reading (an unknown key, say) need not also be told it changes nothing
		if (row.readProblems().isEmpty() && values.keySet().stream().noneMatch(p -> !p.isKey())) {
			problems.add("the row changes nothing: fill in at least one of " + String.join(", ",
					DeviceStatusProperty.acceptedColumnNames().subList(2, DeviceStatusProperty.values().length)));
		}
		if (!problems.isEmpty()) {
			return RowValidation.invalid(String.join("; ", problems), failed);
		}
		return RowValidation.valid(new DeviceStatusUpdate(validConfigurationId.get(), validId.get(), changes));
	}

	private static Optional<String> pathSegment(DeviceStatusProperty property, String raw, String hint,
			List<String> problems, Set<DeviceStatusProperty> failed) {
		String name = property.graphName();
		if (raw == null || raw.isBlank()) {
			failed.add(property);
			problems.add(name + " is required" + hint);
			return Optional.empty();
		}
		String value = raw.strip();
		Optional<String> problem = PathSegment.problem(value);
		if (problem.isPresent()) {
			failed.add(property);
			// a value too long to show is not repeated in the message
			problems.add(name + ": " + (value.length() > PathSegment.MAX_LENGTH ? "the value" : "'" + printable(value)
					+ "'") + " " + problem.get());
			return Optional.empty();
		}
		return Optional.of(value);
	}

	/**
	 * @return empty when the value is invalid (a problem was added); otherwise the canonical value to send, itself
	 * empty when the property is to be cleared
	 */
	private Optional<Optional<String>> checkValue(DeviceStatusProperty property, String raw, List<String> problems) {
		String name = property.graphName();
		if (raw == null) {
			if (property.isClearable()) {
				return Optional.of(Optional.empty());
			}
			problems.add(name + " cannot be cleared (Graph requires a value), give "
					+ (property.kind() == DeviceStatusProperty.Kind.COMPLIANCE_STATUS
							? "one of " + String.join(", ", ComplianceStatus.wireNames())
							: "a date-time such as 2026-11-28T09:30:00Z")
					+ ", or leave the key out to keep the value Graph holds");
			return Optional.empty();
		}
		String value = raw.strip();
		Optional<String> textProblem = textProblem(value);
		if (textProblem.isPresent()) {
			problems.add(name + ": " + textProblem.get());
			return Optional.empty();
		}
		switch (property.kind()) {
			case COMPLIANCE_STATUS -> {
				Optional<ComplianceStatus> status = ComplianceStatus.parse(value);
				if (status.isEmpty()) {
					problems.add("status: '" + printable(value) + "' " + ComplianceStatus.refusal(value));
					return Optional.empty();
				}
				return Optional.of(Optional.of(status.get().wireName()));
			}
			case DATE_TIME -> {
				// the common form, with its offset, is sent as written; any other is a local time, sent in UTC
				if (!IsoDateTime.isValid(value)) {
					DateTimeReading.Result local = this.dateTimes.read(value);
					if (local.problem() != null) {
						problems.add(name + ": " + local.problem());
						return Optional.empty();
					}
					return Optional.of(Optional.of(local.utc()));
				}
			}
			case USER_PRINCIPAL_NAME -> {
				if (!USER_PRINCIPAL_NAME.matcher(value).matches()) {
					problems.add("userPrincipalName: '" + printable(value) + "' does not look like name@domain"
							+ " (one @, no spaces)");
					return Optional.empty();
				}
			}
			default -> {
				// free text: the common checks above are all
			}
		}
		return Optional.of(Optional.of(value));
	}

	private static Optional<String> textProblem(String value) {
		if (value.length() > MAX_TEXT_LENGTH) {
			return Optional.of("the value is " + value.length() + " characters long, at most " + MAX_TEXT_LENGTH
					+ " are accepted");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c)) {
				return Optional.of("'" + printable(value) + "' contains a control character (" + String.format("U+%04X",
						(int) c) + " at position " + (i + 1) + "), such as a line break or tab, remove it");
			}
			if (c == '\uFFFD') {
				// bytes the file's encoding cannot decode stop the run before this; this is the character itself,
				// which some program wrote where it could not read the original (an earlier version's report did)
				return Optional.of("'" + printable(value) + "' contains \uFFFD (U+FFFD at position " + (i + 1) + "),"
						+ " which a program writes in place of a character it could not read: the original is lost,"
						+ " type it again");
			}
		}
		return Optional.empty();
	}

	/** A value as it can be shown in a one-line message: control characters made visible, long values cut. */
	static String printable(String value) {
		StringBuilder out = new StringBuilder();
		int i = 0;
		for (; i < value.length() && out.length() < 80; i++) {
			char c = value.charAt(i);
			out.append(Character.isISOControl(c) ? String.format("\\u%04X", (int) c) : String.valueOf(c));
		}
		return i < value.length() ? out + "..." : out.toString();
	}

}
