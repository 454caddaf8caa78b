package com.example.intune.statusimport.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The pacer on a fake clock: sleeping advances time, so the tests run instantly and exactly. Intune's 100 writes per
 * 20 s, with a margin of 50 ms.
 */
class QuotaPacerTests {

	private static final long MS = 1_000_000L;

	private static final long WINDOW = 20_000 * MS;

	private static final long MARGIN = 50 * MS;

	private long now = 1_000_000_000L;

	private final QuotaPacer pacer = new QuotaPacer(RateLimit.INTUNE, Duration.ofNanos(MARGIN), () -> this.now,
			wait -> this.now += wait.toNanos());

	/** Sends {@code count} requests one after the other, {@code gapMillis} apart at the least (as answers come). */
	private List<Long> send(int count, long gapMillis) {
		List<Long> slots = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			slots.add(this.pacer.acquire(1));
			this.now += gapMillis * MS;
		}
		return slots;
	}

	/** The request logged at {@code slot} is answered 429 now, with {@code left} seconds left of Graph's window. */
	private void throttle(long slot, double left) {
		this.pacer.cameBack(slot, 1, true);
		this.pacer.throttled(slot, 0, seconds(left));
	}

	/** Answers each request, 1 ms apart. */
	private void answer(List<Long> slots) {
		for (long slot : slots) {
			this.pacer.cameBack(slot, 1, true);
			this.now += MS;
		}
	}

	private static Optional<Duration> seconds(double left) {
		return Optional.of(Duration.ofNanos((long) (left * 1e9)));
	}

	@Test
	void aRunStartsWithTheWholeBudgetAtOnceAndTheNextRequestWaitsForTheWindowAndTheMargin() {
		long start = this.now;
		List<Long> first = send(100, 0);
		long next = this.pacer.acquire(1);

		assertThat(first).containsOnly(start);
		assertThat(next - start).isEqualTo(WINDOW + MARGIN);
		assertThat(this.now).isEqualTo(next);
	}

	@Test
	void noWindowEverHoldsMoreThanTheBudget() {
		Random random = new Random(7);
		List<Long> slots = new ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			int together = 1 + random.nextInt(random.nextInt(10) == 0 ? 20 : 2);
			long slot = this.pacer.acquire(together);
			slots.addAll(Collections.nCopies(together, slot));
			this.now += random.nextInt(400) * MS;
		}
		for (int i = 0; i + 100 < slots.size(); i++) {
			assertThat(slots.get(i + 100) - slots.get(i)).isGreaterThanOrEqualTo(WINDOW + MARGIN);
		}
	}

	@Test
	void requestsSentTogetherTakeASlotEach() {
		long start = this.now;
		for (int i = 0; i < 5; i++) {
			assertThat(this.pacer.acquire(20)).isEqualTo(start);
		}
		assertThat(this.pacer.acquire(1) - start).isEqualTo(WINDOW + MARGIN);
	}

	@Test
	void aCancelledSlotIsFreeAgain() {
		long start = this.now;
		send(99, 0);
		long slot = this.pacer.acquire(1);
		this.pacer.cancel(slot, 1);

		assertThat(this.pacer.acquire(1)).as("the hundredth is free again").isEqualTo(start);
	}

	@Test
	void aRequestCountsFromWhenItReachedGraphItsAnswerLessTheQuickestAnswer() {
		long start = this.now;
		// the run's first four take a second to leave a cold client: Graph's window begins that late
		List<Long> cold = send(4, 0);
		this.now = start + 1_000 * MS;
		for (long slot : cold) {
			this.pacer.cameBack(slot, 1, true);
		}
		// the next 96 are answered 50 ms after they leave: no answer comes quicker than that
		List<Long> warm = send(96, 0);
		this.now += 50 * MS;
		for (long slot : warm) {
			this.pacer.cameBack(slot, 1, true);
		}

		List<Long> next = send(5, 0);

		assertThat(next.get(0) - start).as("the cold four reached Graph 950 ms after they left")
			.isEqualTo(950 * MS + WINDOW + MARGIN);
		assertThat(next.get(4) - warm.get(0)).as("the warm ones when they left").isEqualTo(WINDOW + MARGIN);
	}

	@Test
	void aRequestThatCameBackWithoutAnAnswerCountsFromThen() {
		long start = this.now;
		List<Long> slots = send(100, 0);
		this.now += 50 * MS;
		for (long slot : slots.subList(1, 100)) {
			this.pacer.cameBack(slot, 1, true);
		}
		// the first one's connection dropped after 2 s: it may have reached Graph at any time until then
		this.now = start + 2_000 * MS;
		this.pacer.cameBack(slots.get(0), 1, false);

		List<Long> next = send(100, 0);

		assertThat(next.get(98) - start).isEqualTo(WINDOW + MARGIN);
		assertThat(next.get(99) - start).isEqualTo(2_000 * MS + WINDOW + MARGIN);
	}

	@Test
	void aRequestThatWaitedForItsSlotChecksItAgainBeforeItLeaves() {
		long start = this.now;
		QuotaPacer[] pacer = new QuotaPacer[1];
		long[] hundredth = { 0 };
		pacer[0] = new QuotaPacer(RateLimit.INTUNE, Duration.ofNanos(MARGIN), () -> this.now, wait -> {
			long until = this.now + wait.toNanos();
			if (hundredth[0] != 0) {
				// while the request waits, the hundredth is answered 429: Graph took only the 99 before it
				this.now += 100 * MS;
				pacer[0].cameBack(hundredth[0], 1, true);
				pacer[0].throttled(hundredth[0], 0, seconds(18.9));
				hundredth[0] = 0;
			}
			this.now = Math.max(this.now, until);
		});
		for (int i = 0; i < 100; i++) {
			hundredth[0] = pacer[0].acquire(1);
			this.now += 10 * MS;
		}

		long slot = pacer[0].acquire(1);

		assertThat(pacer[0].budget()).isEqualTo(99);
		assertThat(slot - start).as("the second of the window left it first").isEqualTo(10 * MS + WINDOW + MARGIN);
	}

	@Test
	void aThrottledRequestAtTheWindowsEdgeKeepsTheBudgetAndWidensTheMarginForAWhile() {
		long start = this.now;
		send(100, 10);
		long early = this.pacer.acquire(1);
		this.now += 60 * MS;

		// Graph's window began 80 ms after our log says: the request came 80 ms before its end
		this.pacer.throttled(early, 0, seconds(0.08));
		this.pacer.throttled(early, 0, seconds(0.08));

		assertThat(early - start).isEqualTo(WINDOW + MARGIN);
		assertThat(this.pacer.budget()).isEqualTo(100);
		assertThat(this.pacer.margin()).as("grown once, not once per request of the storm")
			.isEqualTo(Duration.ofMillis(130));
		long second = this.pacer.acquire(1);
		assertThat(second - (start + 10 * MS)).isEqualTo(WINDOW + 130 * MS);
		this.now += WINDOW / 2;
		this.pacer.acquire(1);
		assertThat(this.pacer.margin()).as("half of what it grew by is gone half a window later")
			.isEqualTo(Duration.ofMillis(90));
	}

	@Test
	void aThrottledRequestRightAfterAQuietPeriodIsAnEdgeNotASmallerQuota() {
		send(10, 50);
		this.now += 60_000 * MS;
		long slot = this.pacer.acquire(1);
		this.now += 50 * MS;

		throttle(slot, 15);

		assertThat(this.pacer.budget()).isEqualTo(100);
		assertThat(this.pacer.margin()).as("nothing was early").isEqualTo(Duration.ofNanos(MARGIN));
	}

	@Test
	void whenGraphTakesFewerTheBudgetBecomesWhatItTook() {
		long start = this.now;
		// another app uses half the quota: Graph takes 50 of ours, then answers 429 until its window ends; each
		// request is answered 40 ms after it left, so the 429s come while three more are out
		List<Long> slots = new ArrayList<>();
		for (int i = 0; i < 58; i++) {
			if (i < 54) {
				slots.add(this.pacer.acquire(1));
			}
			if (i >= 4 && i < 54) {
				this.pacer.cameBack(slots.get(i - 4), 1, true);
			}
			else if (i >= 54) {
				throttle(slots.get(i - 4), 20 - (this.now - start) / 1e9);
			}
			this.now += 10 * MS;
		}

		assertThat(this.pacer.budget()).as("the storm of 429s cut it once").isEqualTo(50);
		assertThat(this.pacer.ratePerSecond()).isCloseTo(2.5, within(1e-9));
		assertThat(this.pacer.margin()).isEqualTo(Duration.ofNanos(MARGIN));
		// the 54 sends, throttled ones included, count in the window until they leave it
		List<Long> next = send(50, 0);
		assertThat(next.get(0) - slots.get(4)).isEqualTo(WINDOW + MARGIN);
		assertThat(next.get(49) - slots.get(53)).isEqualTo(WINDOW + MARGIN);
	}

	@Test
	void aBatchThatGraphPartlyTookCountsWhatItTook() {
		answer(send(30, 10));
		long batch = this.pacer.acquire(20);
		this.now += 100 * MS;

		this.pacer.cameBack(batch, 20, true);
		this.pacer.throttled(batch, 12, seconds(19));

		assertThat(this.pacer.budget()).isEqualTo(42);
	}

	@Test
	void theBudgetNeverFallsBelowATenthOfTheRate() {
		List<Long> slots = send(3, 100);
		throttle(slots.get(2), 19);

		assertThat(this.pacer.budget()).isEqualTo(10);
	}

	/** Graph takes 50: the budget is cut to that, and the clock is where the cut happened. */
	private void cutToFifty() {
		List<Long> slots = send(51, 10);
		throttle(slots.get(50), 19);
		assertThat(this.pacer.budget()).isEqualTo(50);
	}

	/**
	 * Sends as fast as the budget allows for {@code windows} windows, each request answered 10 ms after it left.
	 * @return the budget at each request and when it changed to it: the time, the budget
	 */
	private List<long[]> pressOn(int windows) {
		List<long[]> changes = new ArrayList<>();
		long until = this.now + windows * WINDOW;
		while (this.now < until) {
			long slot = this.pacer.acquire(1);
			if (changes.isEmpty() || changes.get(changes.size() - 1)[1] != this.pacer.budget()) {
				changes.add(new long[] { this.now, this.pacer.budget() });
			}
			this.now += 10 * MS;
			this.pacer.cameBack(slot, 1, true);
		}
		return changes;
	}

	@Test
	void afterTwoWindowsThatWaitedForItTheBudgetClimbsBackOneThenTwoThenFourNeverAboveTheRate() {
		long cut = this.now;
		cutToFifty();

		List<long[]> changes = pressOn(16);

		assertThat(changes).extracting(change -> change[1]).containsExactly(50L, 51L, 53L, 57L, 65L, 81L, 100L);
		long previous = cut;
		for (long[] change : changes.subList(1, changes.size())) {
			assertThat(change[0] - previous).as("two windows at each budget").isBetween(2 * WINDOW, 3 * WINDOW);
			previous = change[0];
		}
	}

	@Test
	void theBudgetDoesNotClimbWhileNoRequestWaitsForIt() {
		cutToFifty();
		this.now += 10 * WINDOW;
		send(20, 1_000);

		assertThat(this.pacer.budget()).isEqualTo(50);
	}

	@Test
	void aClimbThatMeetsA429AgainWaitsTwiceAsLongBeforeTheNext() {
		cutToFifty();
		List<long[]> climb = pressOn(3);
		assertThat(climb).extracting(change -> change[1]).containsExactly(50L, 51L);
		// Graph still takes only 50 of a window's 51
		this.now += WINDOW;
		List<Long> slots = send(51, 10);
		long cut = this.now;
		throttle(slots.get(50), 19);
		assertThat(this.pacer.budget()).isEqualTo(50);

		List<long[]> next = pressOn(6);

		assertThat(next).extracting(change -> change[1]).containsExactly(50L, 51L);
		assertThat(next.get(1)[0] - cut).as("four windows now, not two").isBetween(4 * WINDOW, 5 * WINDOW);
	}

	@Test
	void workersTogetherNeverPutMoreThanTheBudgetIntoAWindow() throws Exception {
		QuotaPacer shared = new QuotaPacer(new RateLimit(10, Duration.ofMillis(300)), System::nanoTime, wait -> {
			try {
				Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		List<Long> slots = Collections.synchronizedList(new ArrayList<>());
		List<Thread> workers = new ArrayList<>();
		for (int w = 0; w < 4; w++) {
			Thread worker = new Thread(() -> {
				for (int i = 0; i < 10; i++) {
					slots.add(shared.acquire(1));
				}
			});
			workers.add(worker);
			worker.start();
		}
		for (Thread worker : workers) {
			worker.join(10_000);
		}
		List<Long> sorted = slots.stream().sorted().toList();
		assertThat(sorted).hasSize(40);
		for (int i = 0; i + 10 < sorted.size(); i++) {
			assertThat(sorted.get(i + 10) - sorted.get(i)).isGreaterThanOrEqualTo(300 * MS);
		}
	}

}
