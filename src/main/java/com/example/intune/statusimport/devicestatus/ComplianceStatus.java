package com.example.intune.statusimport.devicestatus;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Graph's {@code complianceStatus} enumeration, in the order of its numeric values. */
public enum ComplianceStatus {

	UNKNOWN("unknown"), NOT_APPLICABLE("notApplicable"), COMPLIANT("compliant"), REMEDIATED("remediated"),
	NON_COMPLIANT("nonCompliant"), ERROR("error"), CONFLICT("conflict"), NOT_ASSIGNED("notAssigned");

	private final String wireName;

	ComplianceStatus(String wireName) {
		this.wireName = wireName;
	}

	/** The name Graph expects on the wire, for example {@code nonCompliant}. */
	public String wireName() {
		return this.wireName;
	}

	/** Accepts a status name in any letter case, ignoring surrounding spaces. */
	public static Optional<ComplianceStatus> parse(String text) {
		String wanted = text.strip().toLowerCase(Locale.ROOT);
		return Arrays.stream(values()).filter(s -> s.wireName.toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
	}

	public static List<String> wireNames() {
		return Arrays.stream(values()).map(ComplianceStatus::wireName).toList();
	}

}
