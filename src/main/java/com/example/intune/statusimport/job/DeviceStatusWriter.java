package com.example.intune.statusimport.job;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import com.example.intune.statusimport.graph.DeviceStatusResource;
import com.example.intune.statusimport.graph.GraphClient;
import com.example.intune.statusimport.graph.RequestOutcome;
import com.example.intune.statusimport.report.FailureReport;
import com.example.intune.statusimport.report.RollbackFile;
import com.example.intune.statusimport.report.RowFailure;

/**
 * Sends each valid row that Graph does not already hold ({@link LiveComparison}, or {@link ChangeDetector} with
 * {@code --compare recorded}), and writes each failed one to the report, inside the chunk's transaction. The
 * chunk's requests are all answered before it commits, so a resumed run stays exact; their outcomes are then handled
 * in row order on the step's own thread, which owns the transaction that records the report rows, the rollback rows
 * and the fingerprints of what Graph confirmed.
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

	private final LiveComparison live;

	private final long expectedRows;

	private final ChunkCounts counts;

	private final RunControl control;

	private final RunSettings run;

	DeviceStatusWriter(GraphClient graph, FailureReport report, RollbackFile rollback, ChangeDetector changes,
			LiveComparison live, ChunkCounts counts, RunControl control, RunSettings run, long expectedRows) {
		this.graph = graph;
		this.report = report;
		this.rollback = rollback;
		this.changes = changes;
		this.live = live;
		this.expectedRows = expectedRows;
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
		Map<ImportItem, RowFailure> failed = compare(items);
		// a chunk never holds two rows for one status (the second is a duplicate), so neither does a batch
		List<ImportItem> toSend = !this.run.writes() ? List.of()
				: items.stream().filter(item -> sendable(item, failed)).toList();
		// on disk before the first request leaves: a run killed before the chunk commits still knows what it changed
		this.rollback.sending(toSend.stream()
			.map(item -> new RollbackFile.Sending(item.row().line(), item.update(), item.before()))
			.toList());
		List<RequestOutcome> outcomes = this.graph
			.sendAll(toSend.stream().map(item -> DeviceStatusResource.patch(item.update())).toList());
		List<ImportItem> written = new ArrayList<>();
		for (int i = 0; i < toSend.size(); i++) {
			if (outcomes.get(i).succeeded()) {
				written.add(toSend.get(i));
			}
			else {
				failed.put(toSend.get(i), RowFailures.of(toSend.get(i).update(), outcomes.get(i), false));
			}
		}
		if (this.run.verify() && !written.isEmpty()) {
			failed.putAll(this.live.verify(written));
		}
		List<ImportItem> readUnchanged = new ArrayList<>();
		for (ImportItem item : items) {
			if (!item.isSendable()) {
				fail(item, item.failure(), counted);
			}
			else if (failed.containsKey(item)) {
				fail(item, failed.get(item), counted);
			}
			else if (item.unchanged()) {
				// a row a killed run applied before its chunk committed is this run's to count, as its rollback row is
				if (this.rollback.unchanged(item.row(), item.update())) {
					counted.addApplied();
				}
				else {
					counted.addUnchanged();
				}
				if (this.run.readsGraph() && this.run.writes()) {
					readUnchanged.add(item);
				}
			}
			else if (!this.run.writes()) {
				counted.addValid();
				if (this.run.plan()) {
					this.report.appendUpdate(item.row(), changes(item));
				}
			}
			else {
				counted.addApplied();
				this.rollback.append(item.row(), item.update(), item.before());
				this.changes.confirmed(item.update());
			}
		}
		// Graph was just read holding these values: a later run with --compare recorded may rely on it (a plan
		// changes nothing, the job store included)
		this.changes.confirmedUnchanged(readUnchanged.stream().map(ImportItem::update).toList());
	}

	/** {@code property: Graph's value -> the row's; ...}, for the plan. */
	private static String changes(ImportItem item) {
		return item.before()
			.entrySet()
			.stream()
			.map(before -> before.getKey().graphName() + ": " + shown(before.getValue()) + " -> "
					+ shown(item.update().changes().get(before.getKey())))
			.collect(Collectors.joining("; "));
	}

	private static String shown(String value) {
		return value == null ? "(empty)" : value;
	}

	private static boolean sendable(ImportItem item, Map<ImportItem, RowFailure> failed) {
		return item.isSendable() && !item.unchanged() && !failed.containsKey(item);
	}

	/** Marks the rows Graph already holds, and returns those that fail before sending. */
	private Map<ImportItem, RowFailure> compare(List<ImportItem> items) {
		Map<ImportItem, RowFailure> failed = new IdentityHashMap<>();
		if (this.run.compare() == CompareMode.RECORDED) {
			this.changes.markUnchanged(items);
		}
		else if (this.run.readsGraph()) {
			long rowsLeft = Math.max(items.size(), this.expectedRows - this.counts.committed().rows());
			failed.putAll(this.live.compare(items, rowsLeft));
		}
		return failed;
	}

	private void fail(ImportItem item, RowFailure failure, RunCounters counted) {
		this.report.append(item.row(), failure);
		counted.addFailed(failure.category(), failure.message());
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
