package com.example.intune.statusimport.graph;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What talking to Graph cost in this process: requests (reads among them), retries, throttling answers and time spent
 * waiting, and the exchanges that got no answer at all, by kind. Writes and reads have quotas of their own, so their
 * 429s are counted apart: {@link #throttled()} for writes, {@link #readThrottled()} for reads.
 */
public final class GraphStats {

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong retries = new AtomicLong();

	private final AtomicLong throttled = new AtomicLong();

	private final AtomicLong throttleWaitNanos = new AtomicLong();

	private final AtomicLong reads = new AtomicLong();

	private final AtomicLong readThrottled = new AtomicLong();

	private final AtomicLong writesAccepted = new AtomicLong();

	private final Map<ConnectionError, AtomicLong> connectionErrors = new EnumMap<>(ConnectionError.class);

	public GraphStats() {
		for (ConnectionError kind : ConnectionError.values()) {
			this.connectionErrors.put(kind, new AtomicLong());
		}
	}

	void addRequest() {
		this.requests.incrementAndGet();
	}

	void addRetry() {
		this.retries.incrementAndGet();
	}

	void addThrottled() {
		this.throttled.incrementAndGet();
	}

	void addRead() {
		this.reads.incrementAndGet();
	}

	void addReadThrottled() {
		this.readThrottled.incrementAndGet();
	}

	/** A write Graph answered 2xx: counted as its answer arrives, not when its chunk commits. */
	void addWriteAccepted() {
		this.writesAccepted.incrementAndGet();
	}

	void addThrottleWait(Duration wait) {
		this.throttleWaitNanos.addAndGet(wait.toNanos());
	}

	/** An exchange that got no HTTP answer (each try counted). */
	void addConnectionError(ConnectionError kind) {
		this.connectionErrors.get(kind).incrementAndGet();
	}

	/**
	 * The exchanges that got no HTTP answer, by kind ({@link ConnectionError#label()}), each try counted; only the
	 * kinds that happened, in a fixed order.
	 */
	public Map<String, Long> connectionErrors() {
		Map<String, Long> happened = new LinkedHashMap<>();
		this.connectionErrors.forEach((kind, count) -> {
			if (count.get() > 0) {
				happened.put(kind.label(), count.get());
			}
		});
		return happened;
	}

	/** Every request sent, reads and writes, each one of a {@code $batch} and each retry included. */
	public long requests() {
		return this.requests.get();
	}

	public long retries() {
		return this.retries.get();
	}

	/** Writes answered 429. */
	public long throttled() {
		return this.throttled.get();
	}

	/** Requests that were reads (GETs, each one of a {@code $batch} counted), retries included. */
	public long reads() {
		return this.reads.get();
	}

	/** Reads answered 429. */
	public long readThrottled() {
		return this.readThrottled.get();
	}

	/** Writes Graph accepted (2xx), each one of a {@code $batch} counted: the rows applied, as they are applied. */
	public long writesAccepted() {
		return this.writesAccepted.get();
	}

	public Duration throttleWait() {
		return Duration.ofNanos(this.throttleWaitNanos.get());
	}

}
