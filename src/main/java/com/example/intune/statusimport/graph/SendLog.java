package com.example.intune.statusimport.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a {@link QuotaPacer} knows of its own requests in the last few windows: when each one left and, once it came
 * back, when that was. Graph received it somewhere between the two. Not thread-safe: the pacer calls it under its
 * lock. Times are {@link System#nanoTime()} readings.
 */
final class SendLog {

	/** The latest each request can have reached Graph: when it came back, or while it is out when it left; sorted. */
	private final List<Long> latest = new ArrayList<>();

	/** When each request left, in that order, with when it came back ({@link #OUT} while it is out). */
	private final List<long[]> requests = new ArrayList<>();

	private static final long OUT = Long.MAX_VALUE;

	int size() {
		return this.latest.size();
	}

	/** The {@code index}-th earliest of the times the requests reached Graph at the latest. */
	long latest(int index) {
		return this.latest.get(index);
	}

	long last() {
		return this.latest.get(this.latest.size() - 1);
	}

	/** {@code count} requests leave at {@code time}, no earlier than any before. */
	void leave(long time, int count) {
		for (int i = 0; i < count; i++) {
			this.latest.add(time);
			this.requests.add(new long[] { time, OUT });
		}
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
		remove(time, taken);
	}

	/** {@code count} requests that left at {@code time} came back at {@code now}. */
	void cameBack(long time, int count, long now) {
		int back = 0;
		for (int i = indexOfDeparture(time); i < this.requests.size() && back < count; i++) {
			long[] request = this.requests.get(i);
			if (request[0] == time && request[1] == OUT) {
				request[1] = now;
				back++;
			}
		}
		remove(time, back);
		int at = indexAfter(now);
		for (int i = 0; i < back; i++) {
			this.latest.add(at, now);
		}
	}

	/** How many requests reached Graph, at the latest, after {@code from} and up to {@code to}. */
	int latestBetween(long from, long to) {
		return indexAfter(to) - indexAfter(from);
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

	/** Forgets the requests that left before {@code time}, and the times before it. */
	void forgetBefore(long time) {
		this.requests.subList(0, indexOfDeparture(time)).clear();
		this.latest.subList(0, indexBefore(time)).clear();
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

	private void remove(long time, int count) {
		int from = indexBefore(time);
		this.latest.subList(from, Math.min(indexAfter(time), from + count)).clear();
	}

	/** The index of the first time at {@code time} or later. */
	private int indexBefore(long time) {
		int index = Collections.binarySearch(this.latest, time);
		if (index < 0) {
			return -index - 1;
		}
		while (index > 0 && this.latest.get(index - 1) == time) {
			index--;
		}
		return index;
	}

	/** The index of the first time after {@code time}. */
	private int indexAfter(long time) {
		int index = Collections.binarySearch(this.latest, time);
		if (index < 0) {
			return -index - 1;
		}
		while (index < this.latest.size() && this.latest.get(index) == time) {
			index++;
		}
		return index;
	}

}
