package com.example.intune.statusimport.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Many requests at once: grouped, in parallel, all joined, and stopped together when one meets a fatal answer. */
class RequestFanOutTests {

	private final List<RequestFanOut> fanOuts = new ArrayList<>();

	private final List<List<String>> groups = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.fanOuts.forEach(RequestFanOut::close);
	}

	private RequestFanOut fanOut(int concurrency, int batchSize) {
		RequestFanOut fanOut = new RequestFanOut(concurrency, batchSize);
		this.fanOuts.add(fanOut);
		return fanOut;
	}

	private static List<GraphRequest> requests(int count) {
		return IntStream.rangeClosed(1, count).mapToObj(i -> GraphRequest.get("/things/t" + i, "t" + i)).toList();
	}

	private static RequestOutcome applied(GraphRequest request) {
		return new RequestOutcome(true, false, 200, null, null, request.resourceId(), null, 1, null);
	}

	/** Answers every request of a group, noting which went together. */
	private List<RequestOutcome> answer(List<GraphRequest> group) {
		this.groups.add(group.stream().map(GraphRequest::resourceId).toList());
		return group.stream().map(RequestFanOutTests::applied).toList();
	}

	@Test
	void requestsGoInGroupsOfTheBatchSizeAndTheOutcomesKeepTheirOrder() {
		List<RequestOutcome> outcomes = fanOut(1, 2).sendAll(requests(5), this::answer);

		assertThat(outcomes).extracting(RequestOutcome::requestId).containsExactly("t1", "t2", "t3", "t4", "t5");
		assertThat(this.groups).containsExactly(List.of("t1", "t2"), List.of("t3", "t4"), List.of("t5"));
	}

	@Test
	void requestsThatFillTheirGroupsExactlySendNoEmptyGroup() {
		List<RequestOutcome> outcomes = fanOut(2, 2).sendAll(requests(4), this::answer);

		assertThat(outcomes).hasSize(4);
		assertThat(this.groups).containsExactlyInAnyOrder(List.of("t1", "t2"), List.of("t3", "t4"));
	}

	@Test
	void groupsAreInFlightTogetherUpToTheConcurrency() {
		// each group waits until three are in flight at once: with fewer workers this would time out
		CyclicBarrier together = new CyclicBarrier(3);
		List<RequestOutcome> outcomes = fanOut(3, 1).sendAll(requests(3), group -> {
			try {
				together.await(5, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException("the groups were not in flight together", ex);
			}
			return answer(group);
		});

		assertThat(outcomes).hasSize(3);
	}

	@Test
	void theWorkersNeverKeepTheProcessAlive() {
		AtomicReference<Thread> worker = new AtomicReference<>();
		fanOut(1, 1).sendAll(requests(1), group -> {
			worker.set(Thread.currentThread());
			return answer(group);
		});
		assertThat(worker.get().isDaemon()).isTrue();
		assertThat(worker.get().getName()).isEqualTo("graph-request-1");
	}

	@Test
	void aFatalAnswerStopsTheGroupsNotYetSentAndIsWhatTheCallerSees() {
		GraphFatalException wall = new GraphFatalException("Graph refused the first 20 rows with 403");
		Function<List<GraphRequest>, List<RequestOutcome>> group = members -> {
			if (members.get(0).resourceId().equals("t2")) {
				throw wall;
			}
			return answer(members);
		};

		assertThatThrownBy(() -> fanOut(1, 1).sendAll(requests(5), group)).isSameAs(wall);
		assertThat(this.groups).as("only the group before the fatal one was sent").containsExactly(List.of("t1"));
	}

	@Test
	void aFailureThatIsNoRuntimeExceptionIsStillThrown() {
		AssertionError broken = new AssertionError("broken");
		assertThatThrownBy(() -> fanOut(1, 1).sendAll(requests(1), members -> {
			throw broken;
		})).isInstanceOf(IllegalStateException.class).hasCause(broken);
	}

	@Test
	void aFatalAnswerWakesTheGroupsStillWaiting() throws Exception {
		// one group waits out a long Retry-After while the other meets the fatal answer: the wait must not be sat out
		CountDownLatch waiting = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		GraphFatalException outage = new GraphFatalException("outage");
		Function<List<GraphRequest>, List<RequestOutcome>> group = members -> {
			if (members.get(0).resourceId().equals("t2")) {
				awaitQuietly(waiting);
				throw outage;
			}
			waiting.countDown();
			try {
				// bounded, so that a group that is never woken fails the test below instead of hanging it
				new CountDownLatch(1).await(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
				throw new RunStoppedException();
			}
			return answer(members);
		};

		assertThatThrownBy(() -> fanOut(2, 1).sendAll(requests(2), group)).isSameAs(outage);
		assertThat(interrupted.await(1, TimeUnit.SECONDS)).as("the waiting group was woken").isTrue();
	}

	@Test
	void aStoppedCallerStopsTheGroupsInFlight() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		RequestFanOut fanOut = fanOut(1, 1);
		AtomicReference<Thread> caller = new AtomicReference<>();
		CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> {
			caller.set(Thread.currentThread());
			try {
				fanOut.sendAll(requests(1), members -> {
					started.countDown();
					try {
						new CountDownLatch(1).await(1, TimeUnit.HOURS);
					}
					catch (InterruptedException ex) {
						interrupted.countDown();
					}
					return answer(members);
				});
				return null;
			}
			catch (RuntimeException ex) {
				return ex;
			}
			finally {
				Thread.interrupted();
			}
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

		caller.get().interrupt();

		assertThat(run.get(5, TimeUnit.SECONDS)).isInstanceOf(RunStoppedException.class);
		assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void closingInterruptsTheGroupsInFlight() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		RequestFanOut fanOut = fanOut(1, 1);
		CompletableFuture.runAsync(() -> fanOut.sendAll(requests(1), members -> {
			started.countDown();
			try {
				new CountDownLatch(1).await(1, TimeUnit.HOURS);
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
			}
			return answer(members);
		}));
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

		fanOut.close();

		assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
