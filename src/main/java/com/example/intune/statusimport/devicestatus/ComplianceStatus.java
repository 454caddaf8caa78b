package com.example.intune.statusimport.devicestatus;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Graph's {@code complianceStatus} enumeration, in the order of its numeric values, and the words a person uses for
 * it. A value is recognised ignoring letter case, spaces, {@code -} and {@code _}, so that the labels of the Intune
 * admin center ("Non-compliant", "Not applicable", "Not assigned") are the values they show; each is sent in
 * canonical form. Besides, the admin center's "Not compliant" is {@code nonCompliant}. Labels the admin center shows
 * for which this enumeration has no value ("In grace period", "Succeeded", ...) are refused with that reason rather
 * than guessed at.
 */
public enum ComplianceStatus {

	UNKNOWN("unknown"), NOT_APPLICABLE("notApplicable"), COMPLIANT("compliant"), REMEDIATED("remediated"),
	NON_COMPLIANT("nonCompliant", "Not compliant"), ERROR("error"), CONFLICT("conflict"),
	NOT_ASSIGNED("notAssigned");

	/**
	 * Words of the admin center that are no value of this enumeration: "In grace period" and "Not evaluated" are
	 * states of a device's overall compliance ({@code complianceState}), the others states of a policy's deployment.
	 */
	private static final Map<String, String> LABELS_WITHOUT_VALUE = Map.of("ingraceperiod",
			"a device's overall compliance state", "notevaluated", "a device's overall compliance state", "succeeded",
			"a policy's deployment state", "pending", "a policy's deployment state");

	private final String wireName;

	/** Further labels for this value besides its name, as the admin center writes them. */
	private final List<String> labels;

	ComplianceStatus(String wireName, String... labels) {
		this.wireName = wireName;
		this.labels = List.of(labels);
	}

	/** The name Graph expects on the wire, for example {@code nonCompliant}. */
	public String wireName() {
		return this.wireName;
	}

	/** The further labels taken for this value, for example "Not compliant" for {@code nonCompliant}. */
	public List<String> labels() {
		return this.labels;
	}

	/**
	 * The status a value names: its name or one of its labels, ignoring letter case, spaces, {@code -} and
	 * {@code _} ("Non-compliant", "NOT_APPLICABLE" and "not assigned" are all accepted).
	 */
	public static Optional<ComplianceStatus> parse(String text) {
		String wanted = key(text);
		return Arrays.stream(values())
			.filter(s -> key(s.wireName).equals(wanted) || s.labels.stream().anyMatch(l -> key(l).equals(wanted)))
			.findFirst();
	}

	/**
	 * Why {@code text} is no status, with what is accepted: for the message of a refused row.
	 */
	public static String refusal(String text) {
		String context = LABELS_WITHOUT_VALUE.get(key(text));
		return (context == null ? "is not a compliance status"
				: "is how the Intune admin center shows " + context + ", for which Graph's complianceStatus has no value")
				+ ", use one of " + accepted();
	}

	/** The accepted values, as the refusal of a value lists them. */
	public static String accepted() {
		StringBuilder accepted = new StringBuilder();
		for (ComplianceStatus status : values()) {
			accepted.append(accepted.isEmpty() ? "" : ", ").append(status.wireName);
			status.labels.forEach(label -> accepted.append(" (or ").append(label).append(')'));
		}
		return accepted + " (letter case, spaces, - and _ ignored, as in Non-compliant or not_applicable)";
	}

	public static List<String> wireNames() {
		return Arrays.stream(values()).map(ComplianceStatus::wireName).toList();
	}

	private static String key(String text) {
		StringBuilder key = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '-' && c != '_') {
				key.append(c);
			}
		}
		return key.toString().toLowerCase(Locale.ROOT);
	}

}
