package com.example.intune.statusimport.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What the simulated Graph was asked and what it answered. */
final class Traffic {

	private final Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> writes = new ConcurrentHashMap<>();

	final AtomicLong requests = new AtomicLong();

	final AtomicLong reads = new AtomicLong();

	final AtomicLong listPages = new AtomicLong();

	final AtomicLong dropped = new AtomicLong();

	final AtomicLong batches = new AtomicLong();

	final AtomicInteger inFlight = new AtomicInteger();

	final AtomicInteger maxInFlight = new AtomicInteger();

	void count(SimulatedAnswer answer) {
		this.answers.computeIfAbsent(answer.status(), s -> new AtomicLong()).incrementAndGet();
	}

	void countWrite(String key) {
		this.writes.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
	}

	/** How many answers of each HTTP status were sent; each request inside a batch counts as one. */
	Map<Integer, Long> answers() {
		Map<Integer, Long> counts = new TreeMap<>();
		this.answers.forEach((status, count) -> counts.put(status, count.get()));
		return counts;
	}

	/** How many writes each status received, by {@code deviceConfigurationId/id}, whatever they were answered. */
	Map<String, Long> writes() {
		Map<String, Long> counts = new TreeMap<>();
		this.writes.forEach((key, count) -> counts.put(key, count.get()));
		return counts;
	}

	long writeCount() {
		return this.writes.values().stream().mapToLong(AtomicLong::get).sum();
	}

}
