package com.example.intune.statusimport.graph;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The two quotas a run spends, each with its own {@link QuotaLane}: writes at {@link GraphSettings#rate()} and reads
 * at {@link GraphSettings#readRate()}. Counts what is sent, throttled and
 * (for writes) accepted of each kind in {@link GraphStats}.
 */
final class Quotas {

	private final QuotaLane writes;

	private final QuotaLane reads;

	private final GraphStats stats;

	Quotas(GraphSettings settings, StopSignal stop, GraphStats stats) {
		this.writes = new QuotaLane(settings.rate(), stop, stats);
		this.reads = new QuotaLane(settings.readRate(), stop, stats);
		this.stats = stats;
	}

	/** When the writes and the reads of one exchange were logged as sent (0 for a kind it has none of). */
	record Slots(long writes, long reads) {
	}

	/** Waits until the calls may leave, for the quota of each kind among them, and counts them as sent. */
	Slots admit(List<Call> calls) {
		int writeCount = (int) calls.stream().filter(call -> call.request().isWrite()).count();
		int readCount = calls.size() - writeCount;
		long writeSlot = writeCount > 0 ? this.writes.admit(writeCount) : 0;
		long readSlot = readCount > 0 ? this.reads.admit(readCount) : 0;
		for (Call call : calls) {
			this.stats.addRequest();
			if (!call.request().isWrite()) {
				this.stats.addRead();
			}
			if (call.attempts() > 1) {
				this.stats.addRetry();
			}
		}
		return new Slots(writeSlot, readSlot);
	}

	/** The calls came back, with Graph's answers or without: each kind's pacer learns when they reached Graph. */
	void cameBack(Slots slots, List<Call> calls, boolean answered) {
		int writeCount = (int) calls.stream().filter(call -> call.request().isWrite()).count();
		int readCount = calls.size() - writeCount;
		if (writeCount > 0) {
			this.writes.cameBack(slots.writes(), writeCount, answered);
		}
		if (readCount > 0) {
			this.reads.cameBack(slots.reads(), readCount, answered);
		}
	}

	/** {@code call} ended with {@code answer}: a write Graph accepted is a row applied, counted as it arrives. */
	void finished(Call call, Answer answer) {
		if (call.request().isWrite() && answer.isSuccess()) {
			this.stats.addWriteAccepted();
		}
	}

	/**
	 * Graph answered 429 to {@code call}: counted for its kind and told to that kind's pacer, with how many of the
	 * same kind sent with it Graph took.
	 * @param slots when the exchange left
	 * @param calls the calls of the exchange, {@code answers} theirs in the same order
	 */
	void throttled(Call call, Optional<Duration> retryAfter, Slots slots, List<Call> calls, List<Answer> answers,
			RetryPolicy policy) {
		boolean write = call.request().isWrite();
		if (write) {
			this.stats.addThrottled();
		}
		else {
			this.stats.addReadThrottled();
		}
		int acceptedTogether = 0;
		for (int i = 0; i < calls.size(); i++) {
			Answer answer = answers.get(i);
			if (calls.get(i).request().isWrite() == write && answer.answered()
					&& !policy.isThrottling(answer.status())) {
				acceptedTogether++;
			}
		}
		(write ? this.writes : this.reads).throttled(write ? slots.writes() : slots.reads(), acceptedTogether,
				retryAfter);
	}

	/** No write (or read) starts until {@code wait} is over. */
	void holdFor(Duration wait, boolean holdWrites, boolean holdReads) {
		if (holdWrites) {
			this.writes.holdFor(wait);
		}
		if (holdReads) {
			this.reads.holdFor(wait);
		}
	}

	/** The write budget now, in writes per second: lower than the allowed rate after Graph took fewer. */
	double pace() {
		return this.writes.pace();
	}

	/** How much longer Graph asked every write to wait, or zero. */
	Duration throttleWaitLeft() {
		return this.writes.waitLeft();
	}

}
