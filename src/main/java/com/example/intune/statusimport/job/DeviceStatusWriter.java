package com.example.intune.statusimport.job;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import com.example.intune.statusimport.devicestatus.DeviceStatusUpdate;
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

	private boolean nothingAppliedYet;

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
		// rows this run applies are sent once (duplicates are never sent), so it need not look up its own writes
		this.nothingAppliedYet = this.fingerprints.isEmpty();
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
		Map<String, AppliedFingerprints.Applied> applied = confirmedBefore(items);
		List<Integer> toSend = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			if (needsSending(items.get(i), applied) && !this.settings.dryRun()) {
				toSend.add(i);
			}
		}
		// a chunk never holds two rows for one status (the second is a duplicate), so neither does a batch
		List<List<Integer>> groups = new ArrayList<>();
		for (int start = 0; start < toSend.size(); start += this.settings.batchSize()) {
			groups.add(toSend.subList(start, Math.min(toSend.size(), start + this.settings.batchSize())));
		}
		List<Future<List<PatchOutcome>>> sent = new ArrayList<>(groups.size());
		AtomicBoolean aborted = new AtomicBoolean();
		for (List<Integer> group : groups) {
			List<DeviceStatusUpdate> updates = group.stream().map(i -> items.get(i).update()).toList();
			sent.add(this.requests.submit(() -> {
				// once one request met a fatal answer, the rest of the chunk is not sent
				if (aborted.get()) {
					throw new ChunkAborted();
				}
				try {
					return this.graph.patchBatch(updates);
				}
				catch (RuntimeException ex) {
					aborted.set(true);
					throw ex;
				}
			}));
		}
		List<List<PatchOutcome>> answered = joinAll(sent);
		List<PatchOutcome> outcomes = new ArrayList<>(java.util.Collections.nCopies(items.size(), null));
		for (int g = 0; g < groups.size(); g++) {
			for (int k = 0; k < groups.get(g).size(); k++) {
				outcomes.set(groups.get(g).get(k), answered.get(g).get(k));
			}
		}
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

	/** What Graph confirmed earlier for the chunk's statuses; nothing to look up on a first run or with --force. */
	private Map<String, AppliedFingerprints.Applied> confirmedBefore(List<ImportItem> items) {
		if (this.settings.force() || this.nothingAppliedYet) {
			return Map.of();
		}
		return this.fingerprints
			.lookup(items.stream().filter(ImportItem::isSendable).map(ImportItem::update).toList());
	}

	/** Whether a valid row must go to Graph: not when Graph confirmed these very values, unless told otherwise. */
	private boolean needsSending(ImportItem item, Map<String, AppliedFingerprints.Applied> confirmed) {
		if (!item.isSendable()) {
			return false;
		}
		AppliedFingerprints.Applied applied = confirmed.get(AppliedFingerprints.keyOf(item.update()));
		boolean same = applied != null && applied.fingerprint().equals(AppliedFingerprints.fingerprint(item.update()))
				&& (this.settings.resendAfter() == null
						|| applied.appliedAt().isAfter(this.clock.instant().minus(this.settings.resendAfter())));
		item.markUnchanged(same);
		return !same;
	}

	/**
	 * Waits for every request of the chunk. On a fatal answer or a stop the others are interrupted and the first
	 * cause is thrown, which rolls the chunk back.
	 */
	private <T> List<T> joinAll(List<Future<T>> sent) throws Exception {
		List<T> results = new ArrayList<>(sent.size());
		Exception failure = null;
		for (Future<T> future : sent) {
			try {
				results.add(future.get());
			}
			catch (ExecutionException ex) {
				// the request that met the fatal answer explains the stop, not those it kept from being sent
				if (failure == null || failure instanceof ChunkAborted) {
					failure = ex.getCause() instanceof Exception cause ? cause : ex;
				}
				sent.forEach(other -> other.cancel(true)); // wakes requests waiting out a Retry-After
				results.add(null);
			}
			catch (CancellationException ex) {
				results.add(null);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				sent.forEach(other -> other.cancel(true));
				throw new RunStoppedException();
			}
		}
		if (failure != null) {
			throw failure;
		}
		return results;
	}

	/** A request not sent because another one of its chunk met a fatal answer. */
	private static final class ChunkAborted extends RuntimeException {

		ChunkAborted() {
			super("not sent: another request of the chunk ended the run", null, false, false);
		}

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
