package com.example.intune.statusimport.graph;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Sends many requests at once: in groups of the batch size, with at most the configured number in flight, all
 * joined before it returns, so that a chunk commits only what was answered. Once one group met a fatal answer (or
 * the run was stopped) the groups not yet started are not sent, those in flight are interrupted, and the first cause
 * is thrown.
 */
final class RequestFanOut implements AutoCloseable {

	private final int batchSize;

	private final ExecutorService workers;

	RequestFanOut(int concurrency, int batchSize) {
		this.batchSize = batchSize;
		AtomicInteger count = new AtomicInteger();
		this.workers = Executors.newFixedThreadPool(concurrency, runnable -> {
			Thread thread = new Thread(runnable, "graph-request-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/** The outcomes in the order of {@code requests}. */
	List<RequestOutcome> sendAll(List<GraphRequest> requests,
			Function<List<GraphRequest>, List<RequestOutcome>> group) {
		AtomicBoolean aborted = new AtomicBoolean();
		CompletionService<List<RequestOutcome>> finished = new ExecutorCompletionService<>(this.workers);
		List<Future<List<RequestOutcome>>> sent = new ArrayList<>();
		for (int start = 0; start < requests.size(); start += this.batchSize) {
			List<GraphRequest> members = requests.subList(start, Math.min(requests.size(), start + this.batchSize));
			sent.add(finished.submit(() -> {
				if (aborted.get()) {
					throw new NotSent();
				}
				try {
					return group.apply(members);
				}
				catch (RuntimeException ex) {
					aborted.set(true);
					throw ex;
				}
			}));
		}
		Map<Future<List<RequestOutcome>>, List<RequestOutcome>> answered = joinAll(sent, finished);
		List<RequestOutcome> outcomes = new ArrayList<>();
		for (Future<List<RequestOutcome>> future : sent) {
			outcomes.addAll(answered.get(future));
		}
		return outcomes;
	}

	/**
	 * Waits for every group in the order they finish, not the order they were sent: a fatal answer must stop the
	 * others at once, even while a group sent before it still waits out a back-off.
	 */
	private static Map<Future<List<RequestOutcome>>, List<RequestOutcome>> joinAll(
			List<Future<List<RequestOutcome>>> sent, CompletionService<List<RequestOutcome>> finished) {
		Map<Future<List<RequestOutcome>>, List<RequestOutcome>> answered = new IdentityHashMap<>();
		RuntimeException failure = null;
		for (int i = 0; i < sent.size(); i++) {
			try {
				Future<List<RequestOutcome>> done = finished.take();
				answered.put(done, done.get());
			}
			catch (ExecutionException ex) {
				// the request that met the fatal answer explains the stop, not those it kept from being sent
				if (failure == null || failure instanceof NotSent) {
					failure = ex.getCause() instanceof RuntimeException cause ? cause
							: new IllegalStateException(ex.getCause());
				}
				sent.forEach(other -> other.cancel(true)); // wakes requests waiting out a Retry-After
			}
			catch (CancellationException ex) {
				// cancelled because another one failed: that failure is thrown below
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
		return answered;
	}

	@Override
	public void close() {
		this.workers.shutdownNow();
	}

	/** A group not sent because another one met a fatal answer. */
	private static final class NotSent extends RuntimeException {

		NotSent() {
			super("not sent: another request of the chunk ended the run", null, false, false);
		}

	}

}
