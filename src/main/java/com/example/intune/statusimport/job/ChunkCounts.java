package com.example.intune.statusimport.job;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The run's row counts, kept in step with the chunk transactions: rows are counted in the chunk being written and
 * count for the run only when it commits, saved in the step's execution context with it. A chunk rolled back by a
 * crash is therefore counted once, by the run that commits it. The committed counts can be read from another thread
 * (the progress display), and so can the rows of the chunk under way done so far, which move row by row.
 */
final class ChunkCounts {

	private final RunCounters committed = new RunCounters();

	private final RunCounters inChunk = new RunCounters();

	private volatile RunCounters snapshot = new RunCounters();

	private volatile RunCounters atOpen = new RunCounters();

	/** Rows of the chunk under way whose outcome is known, for the display only: they count once it commits. */
	private final AtomicLong doneInChunk = new AtomicLong();

	/** Takes up the counts of the run being resumed, if any. */
	void open(ExecutionContext context) {
		this.committed.clear();
		this.committed.add(RunCounters.from(context));
		this.inChunk.clear();
		this.snapshot = this.committed.copy();
		this.atOpen = this.snapshot;
	}

	/** The counts of the chunk being written, emptied at its start (a chunk may be written again after a retry). */
	RunCounters startChunk() {
		this.inChunk.clear();
		this.doneInChunk.set(0);
		return this.inChunk;
	}

	/** Just before the chunk commits: what was counted in it now counts for the run. */
	void commit(ExecutionContext context) {
		this.committed.add(this.inChunk);
		this.inChunk.clear();
		this.committed.saveTo(context);
		// emptied before the new counts show, so that a display never counts the chunk's rows twice
		this.doneInChunk.set(0);
		this.snapshot = this.committed.copy();
	}

	/** The committed counts. */
	RunCounters committed() {
		return this.snapshot;
	}

	/** {@code rows} more rows of the chunk under way are done (answered, or known not to need sending). */
	void rowsDone(long rows) {
		this.doneInChunk.addAndGet(rows);
	}

	/**
	 * The rows done: committed, and of the chunk under way those done so far, which a crash would do again. Read the
	 * committed counts first ({@link #committed()}), then this, to never count a chunk twice.
	 */
	long doneInChunk() {
		return this.doneInChunk.get();
	}

	/** The counts a resumed run started from. */
	RunCounters atOpen() {
		return this.atOpen;
	}

	/** Rows this process has committed. */
	long rowsThisRun() {
		return this.snapshot.rows() - this.atOpen.rows();
	}

}
