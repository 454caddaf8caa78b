package com.example.intune.statusimport.graph;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** What talking to Graph cost in this process: requests, retries, throttling answers and time spent waiting. */
public final class GraphStats {

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong retries = new AtomicLong();

	private final AtomicLong throttled = new AtomicLong();

	private final AtomicLong throttleWaitNanos = new AtomicLong();

	void addRequest() {
		this.requests.incrementAndGet();
	}

	void addRetry() {
		this.retries.incrementAndGet();
	}

	void addThrottled() {
		this.throttled.incrementAndGet();
	}

	void addThrottleWait(Duration wait) {
		this.throttleWaitNanos.addAndGet(wait.toNanos());
	}

	public long requests() {
		return this.requests.get();
	}

	public long retries() {
		return this.retries.get();
	}

	public long throttled() {
		return this.throttled.get();
	}

	public Duration throttleWait() {
		return Duration.ofNanos(this.throttleWaitNanos.get());
	}

}
