package com.example.intune.statusimport.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.devicestatus.DeviceStatusUpdate;

/**
 * What Graph last confirmed for each device status, as a fingerprint of the values applied, kept in the job store
 * (not the heap) and written in the same transaction as the chunk that applied it. A later run skips a row whose
 * values match: a nightly export in which 1% of rows changed sends 1% of the PATCHes. A row whose chunk never
 * committed left no fingerprint, so it is sent again.
 */
final class AppliedFingerprints {

	/** The last confirmed write of one status. */
	record Applied(String fingerprint, Instant appliedAt) {
	}

	private final JdbcTemplate jdbc;

	private final String target;

	private final String recordStatement;

	/**
	 * @param target the Graph URL: the same ids in another tenant or cloud are other statuses
	 * @param store which database the job store is, for the one statement that differs
	 */
	AppliedFingerprints(JdbcTemplate jdbc, String target, JobStore store) {
		this.jdbc = jdbc;
		this.target = target;
		this.recordStatement = store instanceof JobStore.Postgres ? RECORD_POSTGRES : RECORD_H2;
	}

	/**
	 * The same in H2 and PostgreSQL. STATUS_ID first: the chunk's lookup, STATUS_ID IN (...), is then points in the
	 * primary key index.
	 */
	static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS DSI_APPLIED_STATUS (TARGET VARCHAR(1000) NOT NULL,"
			+ " CONFIGURATION_ID VARCHAR(128) NOT NULL, STATUS_ID VARCHAR(128) NOT NULL,"
			+ " FINGERPRINT CHAR(64) NOT NULL, APPLIED_AT TIMESTAMP WITH TIME ZONE NOT NULL,"
			+ " PRIMARY KEY (STATUS_ID, CONFIGURATION_ID, TARGET))";

	/** H2's upsert; PostgreSQL has no MERGE ... KEY. */
	private static final String RECORD_H2 = "MERGE INTO DSI_APPLIED_STATUS (TARGET, CONFIGURATION_ID, STATUS_ID,"
			+ " FINGERPRINT, APPLIED_AT) KEY (STATUS_ID, CONFIGURATION_ID, TARGET) VALUES (?, ?, ?, ?, ?)";

	/** PostgreSQL's upsert: two runs recording the same status at once both succeed, the later write wins. */
	private static final String RECORD_POSTGRES = "INSERT INTO DSI_APPLIED_STATUS (TARGET, CONFIGURATION_ID,"
			+ " STATUS_ID, FINGERPRINT, APPLIED_AT) VALUES (?, ?, ?, ?, ?) ON CONFLICT (STATUS_ID, CONFIGURATION_ID,"
			+ " TARGET) DO UPDATE SET FINGERPRINT = EXCLUDED.FINGERPRINT, APPLIED_AT = EXCLUDED.APPLIED_AT";

	void createTableIfMissing() {
		this.jdbc.execute(CREATE_TABLE);
	}

	/** Whether anything was ever applied to this target: if not, no row needs looking up. */
	boolean isEmpty() {
		return this.jdbc.query("SELECT 1 FROM DSI_APPLIED_STATUS WHERE TARGET = ? LIMIT 1", (row, index) -> 1,
				this.target).isEmpty();
	}

	/** The last confirmed writes of a chunk's statuses, in one query, by {@code configurationId/id}. */
	Map<String, Applied> lookup(List<DeviceStatusUpdate> updates) {
		Map<String, Applied> found = new HashMap<>();
		for (int start = 0; start < updates.size(); start += 500) {
			List<DeviceStatusUpdate> slice = updates.subList(start, Math.min(updates.size(), start + 500));
			List<Object> arguments = new ArrayList<>();
			slice.forEach(update -> arguments.add(key(update.id())));
			arguments.add(this.target);
			String marks = String.join(",", java.util.Collections.nCopies(slice.size(), "?"));
			this.jdbc.query("SELECT CONFIGURATION_ID, STATUS_ID, FINGERPRINT, APPLIED_AT FROM DSI_APPLIED_STATUS"
					+ " WHERE STATUS_ID IN (" + marks + ") AND TARGET = ?", row -> {
						found.put(row.getString(1) + "/" + row.getString(2),
								new Applied(row.getString(3), row.getTimestamp(4).toInstant()));
					}, arguments.toArray());
		}
		return found;
	}

	static String keyOf(DeviceStatusUpdate update) {
		return key(update.deviceConfigurationId()) + "/" + key(update.id());
	}

	void record(DeviceStatusUpdate update, Instant appliedAt) {
		this.jdbc.update(this.recordStatement, this.target,
				key(update.deviceConfigurationId()), key(update.id()), fingerprint(update), Timestamp.from(appliedAt));
	}

	/**
	 * Records many at once, in one batch: a first live run records every status it read as unchanged, and one round
	 * trip per row made that the slowest part of it on a database across the network.
	 */
	void recordAll(List<DeviceStatusUpdate> updates, Instant appliedAt) {
		if (updates.isEmpty()) {
			return;
		}
		Timestamp at = Timestamp.from(appliedAt);
		this.jdbc.batchUpdate(this.recordStatement, updates.stream()
			.map(update -> new Object[] { this.target, key(update.deviceConfigurationId()), key(update.id()),
					fingerprint(update), at })
			.toList());
	}

	/** SHA-256 of the properties sent and their canonical values; a cleared property differs from an empty one. */
	static String fingerprint(DeviceStatusUpdate update) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (Map.Entry<DeviceStatusProperty, String> change : update.changes().entrySet()) {
				digest.update(change.getKey().graphName().getBytes(StandardCharsets.UTF_8));
				digest.update(change.getValue() == null ? new byte[] { 0 }
						: ("=" + change.getValue()).getBytes(StandardCharsets.UTF_8));
				digest.update((byte) '\n');
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String key(String id) {
		return id.toLowerCase(Locale.ROOT);
	}

}
