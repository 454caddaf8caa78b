package com.example.intune.statusimport.job;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import com.example.intune.statusimport.graph.GraphClient;
import com.example.intune.statusimport.graph.PatchOutcome;
import com.example.intune.statusimport.graph.RunStoppedException;
import com.example.intune.statusimport.report.FailureCategory;
import com.example.intune.statusimport.report.FailureReport;
import com.example.intune.statusimport.report.RowFailure;

/**
 * Sends each valid row that Graph does not already hold, and writes each failed one to the report, inside the
 * chunk's transaction. Requests of a chunk run on a bounded pool and are all joined before the chunk commits, so a
 * resumed run stays exact; outcomes are then handled in row order on the step's own thread, which owns the
 * transaction that records the report rows and the fingerprints of what Graph confirmed.
 * <p>
 * Retrying happens in the Graph client, per row, honouring Retry-After: a failed row is an outcome recorded here,
 * never an exception that would make Spring Batch replay the chunk. Only a fatal answer (401 twice, a 403 wall, Graph
 * unreachable) or a stop throws, which rolls the chunk back so that the resumed run sends it again.
 */
class DeviceStatusWriter implements ItemStreamWriter<ImportItem> {

	private final GraphClient graph;

	private final FailureReport report;

	private final ImportSettings settings;

	private final RunControl control;

	private final AppliedFingerprints fingerprints;

	private final ExecutorService requests;

	private final Clock clock = Clock.systemUTC();

	private final RunCounters committed = new RunCounters();

	private final RunCounters inChunk = new RunCounters();

	private volatile RunCounters snapshot = new RunCounters();

	private volatile RunCounters atOpen = new RunCounters();

	DeviceStatusWriter(GraphClient graph, FailureReport report, ImportSettings settings, RunControl control,
			AppliedFingerprints fingerprints, ExecutorService requests) {
		this.graph = graph;
		this.report = report;
		this.settings = settings;
		this.control = control;
		this.fingerprints = fingerprints;
		this.requests = requests;
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
	public void write(Chunk<? extends ImportItem> chunk) throws Exception {
		this.inChunk.clear();
		List<ImportItem> items = new ArrayList<>(chunk.getItems());
		List<Future<PatchOutcome>> sent = new ArrayList<>(items.size());
		for (ImportItem item : items) {
			sent.add(needsSending(item) && !this.settings.dryRun()
					? this.requests.submit(() -> this.graph.patch(item.update())) : null);
		}
		List<PatchOutcome> outcomes = joinAll(sent);
		Instant now = this.clock.instant();
		for (int i = 0; i < items.size(); i++) {
			ImportItem item = items.get(i);
			PatchOutcome outcome = outcomes.get(i);
			if (!item.isSendable()) {
				fail(item, item.failure());
			}
			else if (outcome == null) {
				// not sent: Graph already holds these values, or this is a dry run
				if (item.unchanged()) {
					this.inChunk.addUnchanged();
				}
				else {
					this.inChunk.addValid();
				}
			}
			else if (outcome.applied()) {
				this.inChunk.addApplied();
				this.fingerprints.record(item.update(), now);
			}
			else {
				fail(item, failure(item, outcome));
			}
		}
	}

	/** Whether a valid row must go to Graph: not when Graph confirmed these very values, unless told otherwise. */
	private boolean needsSending(ImportItem item) {
		if (!item.isSendable()) {
			return false;
		}
		if (this.settings.force()) {
			return true;
		}
		Optional<AppliedFingerprints.Applied> applied = this.fingerprints.lookup(item.update());
		boolean same = applied.isPresent()
				&& applied.get().fingerprint().equals(AppliedFingerprints.fingerprint(item.update()))
				&& (this.settings.resendAfter() == null
						|| applied.get().appliedAt().isAfter(this.clock.instant().minus(this.settings.resendAfter())));
		item.markUnchanged(same);
		return !same;
	}

	/**
	 * Waits for every request of the chunk. On a fatal answer or a stop the others are interrupted and the first
	 * cause is thrown, which rolls the chunk back.
	 */
	private List<PatchOutcome> joinAll(List<Future<PatchOutcome>> sent) throws Exception {
		List<PatchOutcome> outcomes = new ArrayList<>(sent.size());
		Exception first = null;
		for (Future<PatchOutcome> future : sent) {
			if (future == null) {
				outcomes.add(null);
				continue;
			}
			try {
				outcomes.add(first == null ? future.get() : null);
			}
			catch (ExecutionException ex) {
				first = ex.getCause() instanceof Exception cause ? cause : ex;
				sent.stream().filter(f -> f != null).forEach(f -> f.cancel(true));
				outcomes.add(null);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				sent.stream().filter(f -> f != null).forEach(f -> f.cancel(true));
				throw new RunStoppedException();
			}
		}
		if (first != null) {
			throw first;
		}
		return outcomes;
	}

	private static RowFailure failure(ImportItem item, PatchOutcome outcome) {
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
