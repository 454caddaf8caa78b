package com.example.intune.statusimport.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a {@link QuotaPacer} knows of its own requests in the last few windows: when each one left and, once it came
 * back, when that was. Graph received it somewhere between the two.
 * <p>
 * A request is taken to have reached Graph when its answer came less the quickest answer seen: no answer travels
 * faster than that, so what is left over is how long the request took to leave and arrive. That counts a run's first
 * requests, which can take a second to leave a cold client, as late as they arrived, without holding every later
 * request a whole round trip. The quickest answer only gets quicker, so a request's time only moves later, and is
 * worked out again from what was seen last. A request that came back without an answer counts from then. Not
 * thread-safe: the pacer calls it under its lock. Times are {@link System#nanoTime()} readings.
 */
final class SendLog {

	private static final long OUT = Long.MAX_VALUE;

	/** When each request left, in that order, with when it came back ({@link #OUT} while it is out) and whether answered. */
	private final List<long[]> requests = new ArrayList<>();

	private long quickestAnswerNanos = Long.MAX_VALUE;

	/** When each request reached Graph at the latest, sorted; {@code null} when it must be worked out again. */
	private long[] reached;

	int size() {
		return reached().length;
	}

	/** The {@code index}-th earliest of the times the requests reached Graph at the latest. */
	long reached(int index) {
		return reached()[index];
	}

	long last() {
		long[] reached = reached();
		return reached[reached.length - 1];
	}

	/** {@code count} requests leave at {@code time}, no earlier than any before. */
	void leave(long time, int count) {
		for (int i = 0; i < count; i++) {
			this.requests.add(new long[] { time, OUT, 0 });
		}
		this.reached = null;
	}

	/** {@code count} requests that were to leave at {@code time} did not leave. */
	void takeBack(long time, int count) {
		int taken = 0;
		for (int i = this.requests.size() - 1; i >= 0 && taken < count; i--) {
			long[] request = this.requests.get(i);
			if (request[0] == time && request[1] == OUT) {
				this.requests.remove(i);
				taken++;
			}
		}
		this.reached = null;
	}

	/** {@code count} requests that left at {@code time} came back at {@code now}, with Graph's answer or without. */
	void cameBack(long time, int count, long now, boolean answered) {
		int back = 0;
		for (int i = indexOfDeparture(time); i < this.requests.size() && back < count; i++) {
			long[] request = this.requests.get(i);
			if (request[0] == time && request[1] == OUT) {
				request[1] = now;
				request[2] = answered ? 1 : 0;
				back++;
			}
		}
		if (answered && back > 0) {
			this.quickestAnswerNanos = Math.min(this.quickestAnswerNanos, now - time);
		}
		this.reached = null;
	}

	/** How many requests reached Graph, at the latest, after {@code from} and up to {@code to}. */
	int reachedBetween(long from, long to) {
		long[] reached = reached();
		return indexAfter(reached, to) - indexAfter(reached, from);
	}

	/**
	 * How many requests left before {@code time} and may have reached Graph at {@code windowStart} or later: those
	 * that came back since, and those still out.
	 */
	int leftBeforeAndReachedFrom(long time, long windowStart) {
		int count = 0;
		for (long[] request : this.requests.subList(0, indexOfDeparture(time))) {
			count += request[1] >= windowStart ? 1 : 0;
		}
		return count;
	}

	/** Whether any request left from {@code from} up to before {@code to}. */
	boolean anyLeftBetween(long from, long to) {
		return indexOfDeparture(to) > indexOfDeparture(from);
	}

	/** Forgets the requests that left before {@code time}. */
	void forgetBefore(long time) {
		int before = indexOfDeparture(time);
		if (before > 0) {
			this.requests.subList(0, before).clear();
			this.reached = null;
		}
	}

	private long[] reached() {
		if (this.reached == null) {
			long[] reached = new long[this.requests.size()];
			for (int i = 0; i < reached.length; i++) {
				long[] request = this.requests.get(i);
				long back = request[1];
				reached[i] = back == OUT ? request[0]
						: Math.max(request[0], request[2] == 1 ? back - this.quickestAnswerNanos : back);
			}
			Arrays.sort(reached);
			this.reached = reached;
		}
		return this.reached;
	}

	/** The index of the first request that left at {@code time} or later. */
	private int indexOfDeparture(long time) {
		int low = 0;
		int high = this.requests.size();
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (this.requests.get(middle)[0] < time) {
				low = middle + 1;
			}
			else {
				high = middle;
			}
		}
		return low;
	}

	/** The index of the first time after {@code time}. */
	private static int indexAfter(long[] times, long time) {
		int low = 0;
		int high = times.length;
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (times[middle] <= time) {
				low = middle + 1;
			}
			else {
				high = middle;
			}
		}
		return low;
	}

}
