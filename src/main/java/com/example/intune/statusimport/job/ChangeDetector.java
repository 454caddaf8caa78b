package com.example.intune.statusimport.job;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.example.intune.statusimport.devicestatus.DeviceStatusUpdate;

/**
 * With {@code --compare recorded}, decides which valid rows Graph already holds from the fingerprints of what it
 * confirmed earlier: such a row is not sent, unless its last confirmed write is older than
 * {@code --resend-older-than}. Records what Graph confirms in every mode, in the chunk's transaction, so that a run
 * without read permission can rely on what earlier runs did.
 */
final class ChangeDetector {

	private final AppliedFingerprints fingerprints;

	private final RunSettings run;

	private final Clock clock;

	private boolean nothingAppliedYet;

	ChangeDetector(AppliedFingerprints fingerprints, RunSettings run, Clock clock) {
		this.fingerprints = fingerprints;
		this.run = run;
		this.clock = clock;
	}

	void open() {
		// rows this run applies are sent once (duplicates are never sent), so it need not look up its own writes
		this.nothingAppliedYet = this.fingerprints.isEmpty();
	}

	/** Marks the valid rows whose values Graph already confirmed; a chunk's lookup is one query. */
	void markUnchanged(List<ImportItem> items) {
		if (this.run.compare() != CompareMode.RECORDED || this.nothingAppliedYet) {
			return;
		}
		List<DeviceStatusUpdate> updates = items.stream()
			.filter(ImportItem::isSendable)
			.map(ImportItem::update)
			.toList();
		Map<String, AppliedFingerprints.Applied> confirmed = this.fingerprints.lookup(updates);
		Instant resendBefore = this.run.resendAfter() == null ? null
				: this.clock.instant().minus(this.run.resendAfter());
		for (ImportItem item : items) {
			if (!item.isSendable()) {
				continue;
			}
			AppliedFingerprints.Applied applied = confirmed.get(AppliedFingerprints.keyOf(item.update()));
			item.markUnchanged(applied != null
					&& applied.fingerprint().equals(AppliedFingerprints.fingerprint(item.update()))
					&& (resendBefore == null || applied.appliedAt().isAfter(resendBefore)));
		}
	}

	/** Graph confirmed {@code update}: a later run with the same values may skip it. */
	void confirmed(DeviceStatusUpdate update) {
		this.fingerprints.record(update, this.clock.instant());
	}

	/**
	 * Graph was read holding each of {@code updates}: those not yet recorded with these values are. One that is keeps
	 * the time of its last confirmed write, so that a nightly run rewrites nothing in the job store for the rows that
	 * did not change (every rewrite grows its file).
	 */
	void confirmedUnchanged(List<DeviceStatusUpdate> updates) {
		if (updates.isEmpty()) {
			return;
		}
		Map<String, AppliedFingerprints.Applied> recorded = this.fingerprints.lookup(updates);
		List<DeviceStatusUpdate> changed = new java.util.ArrayList<>();
		for (DeviceStatusUpdate update : updates) {
			AppliedFingerprints.Applied applied = recorded.get(AppliedFingerprints.keyOf(update));
			if (applied == null || !applied.fingerprint().equals(AppliedFingerprints.fingerprint(update))) {
				changed.add(update);
			}
		}
		this.fingerprints.recordAll(changed, this.clock.instant());
	}

}
