package com.example.intune.statusimport.job;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.example.intune.statusimport.report.FailureCategory;
import com.example.intune.statusimport.report.FailureMessages;

/**
 * Row counts of a run, kept in the step's execution context so that they add up across a crash and resume: a chunk
 * that was rolled back is counted only by the run that commits it.
 */
final class RunCounters {

	private static final String PREFIX = "counters.";

	private long applied;

	private long valid;

	private long unchanged;

	private final Map<FailureCategory, Long> failed = new EnumMap<>(FailureCategory.class);

	private final FailureMessages messages = new FailureMessages();

	void addApplied() {
		this.applied++;
	}

	void addValid() {
		this.valid++;
	}

	/** A row whose values Graph already confirmed: not sent. */
	void addUnchanged() {
		this.unchanged++;
	}

	long unchanged() {
		return this.unchanged;
	}

	void addFailed(FailureCategory category, String message) {
		this.failed.merge(category, 1L, Long::sum);
		this.messages.add(category, message);
	}

	/** The failures' messages by kind, most frequent first. */
	List<FailureMessages.Entry> topMessages(int limit) {
		return this.messages.top(limit);
	}

	long applied() {
		return this.applied;
	}

	/** Rows that passed validation in a dry run. */
	long valid() {
		return this.valid;
	}

	long failed() {
		return this.failed.values().stream().mapToLong(Long::longValue).sum();
	}

	long failed(FailureCategory category) {
		return this.failed.getOrDefault(category, 0L);
	}

	long rows() {
		return this.applied + this.valid + this.unchanged + failed();
	}

	void add(RunCounters other) {
		this.applied += other.applied;
		this.valid += other.valid;
		this.unchanged += other.unchanged;
		other.failed.forEach((category, count) -> this.failed.merge(category, count, Long::sum));
		this.messages.add(other.messages);
	}

	void clear() {
		this.applied = 0;
		this.valid = 0;
		this.unchanged = 0;
		this.failed.clear();
		this.messages.clear();
	}

	RunCounters copy() {
		RunCounters copy = new RunCounters();
		copy.add(this);
		return copy;
	}

	void saveTo(ExecutionContext context) {
		context.putLong(PREFIX + "applied", this.applied);
		context.putLong(PREFIX + "valid", this.valid);
		context.putLong(PREFIX + "unchanged", this.unchanged);
		for (FailureCategory category : FailureCategory.values()) {
			context.putLong(PREFIX + category.label(), failed(category));
		}
		if (!this.messages.isEmpty()) {
			context.putString(PREFIX + "messages", this.messages.toText());
		}
	}

	static RunCounters from(ExecutionContext context) {
		RunCounters counters = new RunCounters();
		counters.applied = context.getLong(PREFIX + "applied", 0);
		counters.valid = context.getLong(PREFIX + "valid", 0);
		counters.unchanged = context.getLong(PREFIX + "unchanged", 0);
		for (FailureCategory category : FailureCategory.values()) {
			long count = context.getLong(PREFIX + category.label(), 0);
			if (count > 0) {
				counters.failed.put(category, count);
			}
		}
		counters.messages.add(FailureMessages.fromText(context.getString(PREFIX + "messages", null)));
		return counters;
	}

}
