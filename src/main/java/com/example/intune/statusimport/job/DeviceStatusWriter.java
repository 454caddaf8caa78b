package com.example.intune.statusimport.job;

import java.util.Iterator;
import java.util.List;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import com.example.intune.statusimport.graph.DeviceStatusResource;
import com.example.intune.statusimport.graph.GraphClient;
import com.example.intune.statusimport.graph.RequestOutcome;
import com.example.intune.statusimport.report.FailureCategory;
import com.example.intune.statusimport.report.FailureReport;
import com.example.intune.statusimport.report.RollbackFile;
import com.example.intune.statusimport.report.RowFailure;

/**
 * Sends each valid row that Graph does not already hold, and writes each failed one to the report, inside the
 * chunk's transaction. The chunk's requests are all answered before it commits, so a resumed run stays exact; their
 * outcomes are then handled in row order on the step's own thread, which owns the transaction that records the
 * report rows and the fingerprints of what Graph confirmed.
 * <p>
 * Retrying happens in the Graph client, per row, honouring Retry-After: a failed row is an outcome recorded here,
 * never an exception that would make Spring Batch replay the chunk. Only a fatal answer (401 twice, a 403 wall, Graph
 * unreachable) or a stop throws, which rolls the chunk back so that the resumed run sends it again.
 */
class DeviceStatusWriter implements ItemStreamWriter<ImportItem> {

	private final GraphClient graph;

	private final FailureReport report;

	private final RollbackFile rollback;

	private final ChangeDetector changes;

	private final ChunkCounts counts;

	private final RunControl control;

	private final RunSettings run;

	DeviceStatusWriter(GraphClient graph, FailureReport report, RollbackFile rollback, ChangeDetector changes,
			ChunkCounts counts, RunControl control, RunSettings run) {
		this.graph = graph;
		this.report = report;
		this.rollback = rollback;
		this.changes = changes;
		this.counts = counts;
		this.control = control;
		this.run = run;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.changes.open();
		this.counts.open(executionContext);
		checkFailureLimit();
	}

	@Override
	public void write(Chunk<? extends ImportItem> chunk) {
		RunCounters counted = this.counts.startChunk();
		List<ImportItem> items = List.copyOf(chunk.getItems());
		this.changes.markUnchanged(items);
		// a chunk never holds two rows for one status (the second is a duplicate), so neither does a batch
		List<ImportItem> toSend = this.run.dryRun() ? List.of()
				: items.stream().filter(item -> item.isSendable() && !item.unchanged()).toList();
		Iterator<RequestOutcome> outcomes = this.graph
			.sendAll(toSend.stream().map(item -> DeviceStatusResource.patch(item.update())).toList())
			.iterator();
		for (ImportItem item : items) {
			if (!item.isSendable()) {
				fail(item, item.failure(), counted);
			}
			else if (item.unchanged()) {
				counted.addUnchanged();
			}
			else if (this.run.dryRun()) {
				counted.addValid();
			}
			else {
				RequestOutcome outcome = outcomes.next();
				if (outcome.succeeded()) {
					counted.addApplied();
					this.rollback.append(item.row(), item.update(), item.before());
					this.changes.confirmed(item.update());
				}
				else {
					fail(item, failure(item, outcome), counted);
				}
			}
		}
	}

	private static RowFailure failure(ImportItem item, RequestOutcome outcome) {
		FailureCategory category = outcome.retriesExhausted() ? FailureCategory.RETRIES_EXHAUSTED
				: outcome.notFound() ? FailureCategory.NOT_FOUND : FailureCategory.REJECTED;
		String message = category == FailureCategory.NOT_FOUND
				? "Graph has no device status " + item.update().id() + " in configuration "
						+ item.update().deviceConfigurationId()
						+ (outcome.message().isBlank() ? "" : " (" + outcome.message() + ")")
				: outcome.message();
		return new RowFailure(category, message, outcome.httpStatus(), outcome.graphCode(), outcome.requestId(),
				outcome.clientRequestId(), outcome.attempts());
	}

	private void fail(ImportItem item, RowFailure failure, RunCounters counted) {
		this.report.append(item.row(), failure);
		counted.addFailed(failure.category());
	}

	/** Called just before the chunk commits. */
	@Override
	public void update(ExecutionContext executionContext) {
		this.counts.commit(executionContext);
		checkFailureLimit();
	}

	private void checkFailureLimit() {
		if (this.run.hasFailureLimit() && this.counts.committed().failed() > this.run.maxFailures()) {
			this.control.failureLimitReached();
		}
	}

}
