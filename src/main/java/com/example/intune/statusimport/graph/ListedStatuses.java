package com.example.intune.statusimport.graph;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the statuses of every listing wait until their row comes: on the heap up to a cap (a quarter of it by
 * default), beyond that on disk ({@link StatusSpill}, opened at the first). Listings read side by side keep their
 * statuses here at once.
 */
final class ListedStatuses implements AutoCloseable {

	/** Statuses kept on the heap and not yet handed out, in every listing. */
	private final AtomicLong onHeap = new AtomicLong();

	private final long heapCap;

	private final Path spillParent;

	private StatusSpill spill;

	private boolean closed;

	/**
	 * @param heapCap the most listed statuses kept on the heap at once
	 * @param spillParent the folder in which the others wait, in a folder of their own
	 */
	ListedStatuses(long heapCap, Path spillParent) {
		this.heapCap = Math.max(1, heapCap);
		this.spillParent = spillParent;
	}

	/** Keeps {@code status} of {@code listing} (its id in lower case) until it is taken. */
	void keep(ConfigurationListing listing, String id, LiveStatus status) {
		if (listing.statuses.containsKey(id) || this.onHeap.get() < this.heapCap) {
			if (listing.statuses.put(id, status) == null) {
				this.onHeap.incrementAndGet();
			}
		}
		else {
			spill().put(spillKey(listing, id), status);
			listing.spilled++;
		}
	}

	/** The status {@code id} (in lower case) of {@code listing}, or {@code null} when it was not listed. */
	LiveStatus take(ConfigurationListing listing, String id) {
		LiveStatus found = listing.statuses.remove(id);
		if (found != null) {
			this.onHeap.decrementAndGet();
			return found;
		}
		return listing.spilled > 0 ? spill().take(spillKey(listing, id), listing.configurationId).orElse(null) : null;
	}

	/**
	 * Forgets what {@code listing} keeps on the heap (it is read again). What it put on disk stays until the run
	 * ends: nothing asks for it any more, and removing it would rewrite the file.
	 */
	void forget(ConfigurationListing listing) {
		this.onHeap.addAndGet(-listing.statuses.size());
	}

	/** Statuses kept on disk. */
	synchronized long spilled() {
		return this.spill == null ? 0 : this.spill.size();
	}

	private synchronized StatusSpill spill() {
		if (this.closed) {
			// a listing still running after the run ended (another one failed): nothing more is kept
			throw new RunStoppedException();
		}
		if (this.spill == null) {
			this.spill = StatusSpill.open(this.spillParent);
		}
		return this.spill;
	}

	/** A listing's statuses on disk are found by its configuration and the time it was read, then their id. */
	private static String spillKey(ConfigurationListing listing, String id) {
		return listing.configurationId.toLowerCase(Locale.ROOT) + "/" + listing.readAtNanos + "/" + id;
	}

	/** Removes the statuses kept on disk, and their folder. */
	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.spill != null) {
			this.spill.close();
			this.spill = null;
		}
	}

}
