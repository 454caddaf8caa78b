package com.example.intune.statusimport.job;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import com.example.intune.statusimport.graph.GraphClient;
import com.example.intune.statusimport.graph.PatchOutcome;
import com.example.intune.statusimport.report.FailureCategory;
import com.example.intune.statusimport.report.FailureReport;
import com.example.intune.statusimport.report.RowFailure;

/**
 * Sends each valid row and writes each failed one to the report, inside the chunk's transaction. Retrying happens
 * in the Graph client, per row, honouring Retry-After: a failed row is an outcome recorded here, never an exception
 * that would make Spring Batch replay the chunk. Only a fatal answer (401, a 403 wall, Graph unreachable) or a stop
 * throws, which rolls the chunk back so that the resumed run sends it again.
 */
class DeviceStatusWriter implements ItemStreamWriter<ImportItem> {

	private final GraphClient graph;

	private final FailureReport report;

	private final ImportSettings settings;

	private final RunControl control;

	private final RunCounters committed = new RunCounters();

	private final RunCounters inChunk = new RunCounters();

	private volatile RunCounters snapshot = new RunCounters();

	private volatile RunCounters atOpen = new RunCounters();

	DeviceStatusWriter(GraphClient graph, FailureReport report, ImportSettings settings, RunControl control) {
		this.graph = graph;
		this.report = report;
		this.settings = settings;
		this.control = control;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.committed.clear();
		this.committed.add(RunCounters.from(executionContext));
		this.inChunk.clear();
		this.snapshot = this.committed.copy();
		this.atOpen = this.snapshot;
		checkFailureLimit();
	}

	@Override
	public void write(Chunk<? extends ImportItem> chunk) {
		this.inChunk.clear();
		for (ImportItem item : chunk) {
			if (!item.isSendable()) {
				fail(item, item.failure());
			}
			else if (this.settings.dryRun()) {
				this.inChunk.addValid();
			}
			else {
				send(item);
			}
		}
	}

	private void send(ImportItem item) {
		PatchOutcome outcome = this.graph.patch(item.update());
		if (outcome.applied()) {
			this.inChunk.addApplied();
			return;
		}
		FailureCategory category = outcome.retriesExhausted() ? FailureCategory.RETRIES_EXHAUSTED
				: outcome.notFound() ? FailureCategory.NOT_FOUND : FailureCategory.REJECTED;
		String message = category == FailureCategory.NOT_FOUND
				? "Graph has no device status " + item.update().id() + " in configuration "
						+ item.update().deviceConfigurationId() + (outcome.message().isBlank() ? "" : " (" + outcome.message() + ")")
				: outcome.message();
		fail(item, new RowFailure(category, message, outcome.httpStatus(), outcome.graphCode(), outcome.requestId(),
				outcome.clientRequestId(), outcome.attempts()));
	}

	private void fail(ImportItem item, RowFailure failure) {
		this.report.append(item.row(), failure);
		this.inChunk.addFailed(failure.category());
	}

	/** Called just before the chunk commits: what was counted in it now counts for the run. */
	@Override
	public void update(ExecutionContext executionContext) {
		this.committed.add(this.inChunk);
		this.inChunk.clear();
		this.committed.saveTo(executionContext);
		this.snapshot = this.committed.copy();
		checkFailureLimit();
	}

	private void checkFailureLimit() {
		if (this.settings.hasFailureLimit() && this.committed.failed() > this.settings.maxFailures()) {
			this.control.failureLimitReached();
		}
	}

	/** The committed counts, safe to read from another thread. */
	RunCounters counters() {
		return this.snapshot;
	}

	/** The counts a resumed run started from. */
	RunCounters countersAtOpen() {
		return this.atOpen;
	}

}
