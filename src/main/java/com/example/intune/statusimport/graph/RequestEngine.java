package com.example.intune.statusimport.graph;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one attempt loop for every request to Graph, alone or in a {@code $batch}, write or read. Each round waits for
 * its slots in the quota of its kind and for any Retry-After to pass ({@link QuotaLane}: writes and reads each have
 * their own), sends, and judges each answer as {@link RetryPolicy} says: a
 * success or a final refusal ends the request, a transient failure tries it again after the longest Retry-After of
 * the round (or a back-off), a 401 gets one fresh token. What makes the rest of the run pointless ends it with
 * {@link GraphFatalException} instead of failing every remaining row: a second 401, a wall of 403s or of answers
 * that are not Graph's ({@link AnswerWalls}), an outage ({@link OutageWatch}), no answer at all, or a Retry-After
 * longer than the policy allows.
 */
final class RequestEngine {

	private final GraphSettings settings;

	private final AccessTokenSource tokens;

	private final StopSignal stop;

	private final Quotas quotas;

	private final AnswerWalls walls = new AnswerWalls();

	private final OutageWatch outage;

	private final HttpClient http;

	private final Clock clock = Clock.systemUTC();

	private final GraphStats stats;

	RequestEngine(GraphSettings settings, AccessTokenSource tokens, StopSignal stop, GraphStats stats) {
		ServiceRoot.problem(settings.graphUrl()).ifPresent(problem -> {
			throw new GraphFatalException("the Graph URL " + problem);
		});
		this.settings = settings;
		this.tokens = tokens;
		this.stop = stop;
		this.stats = stats;
		this.quotas = new Quotas(settings, stop, stats);
		this.outage = new OutageWatch(settings.graphUrl(), settings.retryPolicy(), System::nanoTime);
		this.http = HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.version(settings.graphUrl().startsWith("http:") ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		Answer.warmUp();
	}

	/** Sends {@code requests} in {@code envelope} until each one succeeded, was refused, or ran out of attempts. */
	List<RequestOutcome> send(List<GraphRequest> requests, Envelope envelope) {
		RetryPolicy policy = this.settings.retryPolicy();
		List<Call> calls = new ArrayList<>();
		for (GraphRequest request : requests) {
			calls.add(new Call(calls.size() + 1, request));
		}
		List<Call> pending = calls;
		boolean renewedToken = false;
		String lastProblem = null;
		int rounds = 0;
		while (!pending.isEmpty()) {
			rounds++;
			Round round = exchange(envelope, pending);
			this.quotas.cameBack(round.slots(), pending, round.answers().stream().anyMatch(Answer::answered));
			Answer rejection = null;
			Optional<Duration> retryAfter = Optional.empty();
			boolean retrying = false;
			boolean writesAsked = false;
			boolean readsAsked = false;
			for (int i = 0; i < pending.size(); i++) {
				Call call = pending.get(i);
				Answer answer = round.answers().get(i);
				if (answer.status() == 401) {
					call.undoAttempt();
					rejection = answer;
				}
				else if (!answer.answered() || policy.isTransient(answer.status())) {
					call.failedTransiently(answer);
					lastProblem = answer.describe();
					retrying = true;
					Optional<Duration> asked = RetryAfter.parse(answer.retryAfter(), this.clock);
					retryAfter = longest(retryAfter, asked);
					boolean throttled = policy.isThrottling(answer.status());
					if (throttled) {
						this.quotas.throttled(call, asked, round.slots(), pending, round.answers(), policy);
					}
					// Graph asked for this wait: every request of the kind waits it out, not only this one
					writesAsked |= call.request().isWrite() && (throttled || asked.isPresent());
					readsAsked |= !call.request().isWrite() && (throttled || asked.isPresent());
				}
				else {
					call.finish(answer);
					this.quotas.finished(call, answer);
				}
				noteForOutage(call, answer, policy);
			}
			if (rejection != null) {
				if (renewedToken || !this.tokens.renewAfterRejection(round.token())) {
					throw tokenRejected(rejection);
				}
				renewedToken = true;
			}
			pending = unfinished(pending, policy, round.answers());
			if (!pending.isEmpty() && retrying) {
				int failedAttempt = pending.stream().mapToInt(Call::attempts).max().orElse(1);
				waitBeforeRetry(policy.delayAfter(failedAttempt, tooLong(retryAfter, policy)), writesAsked,
						readsAsked);
			}
		}
		if (calls.stream().anyMatch(call -> call.outcome().retriesExhausted()) && !this.outage.anyAnswer()) {
			throw unreachable(lastProblem, rounds);
		}
		return calls.stream().map(Call::outcome).toList();
	}

	/** Graph's wait, unless it is longer than the policy allows: a silent hour is worse than a clear stop. */
	private static Optional<Duration> tooLong(Optional<Duration> retryAfter, RetryPolicy policy) {
		if (retryAfter.isPresent() && retryAfter.get().compareTo(policy.maxDelay()) > 0) {
			throw new GraphFatalException("Graph asked to wait " + retryAfter.get().toSeconds() + " s before the next"
					+ " request (Retry-After), longer than --retry-max-delay " + policy.maxDelay().toSeconds() + " s."
					+ " Run the same command again after that to resume, or raise --retry-max-delay.");
		}
		return retryAfter;
	}

	private void noteForOutage(Call call, Answer answer, RetryPolicy policy) {
		if (answer.answered() && (!policy.isTransient(answer.status()) || policy.isThrottling(answer.status()))) {
			this.outage.graphAnswered();
		}
		else {
			this.outage.failed(answer.answered() ? answer.status() + (answer.error().code() == null ? ""
					: " " + answer.error().code()) : answer.problem().replaceAll(" \\(.*", ""),
					answer.answered() || answer.requestId() != null, call);
		}
	}

	/**
	 * Starts an attempt of each call and prepares its request, then waits for the slots of its kinds and for Graph's
	 * Retry-After: the request leaves as soon as its slot comes, since a request that left later than the pacer logged
	 * it could put one too many into Graph's quota window.
	 */
	private Round prepareAndWait(Envelope envelope, List<Call> pending) {
		this.stop.check();
		this.outage.check();
		for (Call call : pending) {
			call.beginAttempt();
		}
		HttpRequest.Builder request = envelope.wrap(this.settings.graphUrl(), pending)
			.header("Accept", "application/json")
			.header("User-Agent", this.settings.userAgent());
		return new Round(request, this.quotas.admit(pending), null, null);
	}

	/**
	 * One HTTP exchange: the request, when its writes and its reads were logged as sent, then the token it carried
	 * and the answers, one per call.
	 */
	private record Round(HttpRequest.Builder request, Quotas.Slots slots, String token, List<Answer> answers) {

		Round answered(String token, List<Answer> answers) {
			return new Round(null, this.slots, token, answers);
		}

	}

	private Round exchange(Envelope envelope, List<Call> calls) {
		Round round = prepareAndWait(envelope, calls);
		HttpRequest.Builder prepared = round.request();
		String token = this.tokens.accessToken();
		this.outage.sending();
		Duration wait = this.outage.answerWait(this.settings.requestTimeout());
		// the token goes only into this header, nowhere else
		HttpRequest request = prepared.timeout(wait).header("Authorization", "Bearer " + token).build();
		String problem;
		// the wait covers the whole exchange: a body that stalls after its headers must not hang the run
		CompletableFuture<HttpResponse<byte[]>> answer = this.http.sendAsync(request, CappedBody.handler());
		try {
			HttpResponse<byte[]> response = answer.get(wait.toNanos(), TimeUnit.NANOSECONDS);
			return round.answered(token, envelope.unwrap(response, calls));
		}
		catch (TimeoutException ex) {
			answer.cancel(true);
			problem = NoAnswer.within(wait);
			this.stats.addConnectionError(ConnectionError.TIMED_OUT);
		}
		catch (ExecutionException ex) {
			problem = NoAnswer.of(ex.getCause(), wait);
			this.stats.addConnectionError(ConnectionError.of(ex.getCause()));
		}
		catch (InterruptedException ex) {
			answer.cancel(true);
			Thread.currentThread().interrupt();
			throw new RunStoppedException();
		}
		return round.answered(token, Collections.nCopies(calls.size(), Answer.unanswered(problem, null)));
	}

	/**
	 * The calls still to send; those out of attempts give up. Each finished call counts towards the walls of
	 * answers that end the run.
	 */
	private List<Call> unfinished(List<Call> pending, RetryPolicy policy, List<Answer> answers) {
		List<Call> next = new ArrayList<>();
		for (int i = 0; i < pending.size(); i++) {
			Call call = pending.get(i);
			if (!call.isFinished() && call.attempts() >= policy.maxAttempts()) {
				call.giveUp();
			}
			if (call.isFinished()) {
				this.outage.ended(call);
				Answer answer = answers.get(i);
				this.walls.note(call.outcome(), answer.isForeign() ? answer.problem() : null);
			}
			else {
				next.add(call);
			}
		}
		return next;
	}

	/**
	 * When Graph asked for the wait (a 429, or any Retry-After), no request of that kind (writes, reads) starts until
	 * it is over; a back-off of our own after a 5xx or a dropped connection delays only the requests that met it. No
	 * wait outlasts the time an outage may go on before the run stops.
	 */
	private void waitBeforeRetry(Duration delay, boolean writesAsked, boolean readsAsked) {
		Duration left = this.outage.timeLeft();
		Duration wait = delay.compareTo(left) > 0 ? left : delay;
		if (writesAsked || readsAsked) {
			this.quotas.holdFor(wait, writesAsked, readsAsked);
		}
		else {
			this.stop.sleep(wait);
		}
	}

	private static Optional<Duration> longest(Optional<Duration> current, Optional<Duration> candidate) {
		return candidate.isPresent() && (current.isEmpty() || candidate.get().compareTo(current.get()) > 0) ? candidate
				: current;
	}

	private GraphFatalException tokenRejected(Answer answer) {
		return new GraphFatalException("Graph rejected the access token (401 " + answer.error().codeOr("Unauthorized")
				+ ": " + answer.error().message() + "). Get a new token and run the same command again to resume;"
				+ " request-id " + answer.requestId());
	}

	private GraphFatalException unreachable(String problem, int times) {
		return new GraphFatalException("Graph at " + this.settings.graphUrl() + " could not be reached: " + problem
				+ ", " + times + " times in a row. Check --graph-url and the network, then run the same command again"
				+ " to resume.");
	}

	/** The write budget now, in writes per second: lower than the allowed rate after Graph throttled below it. */
	double pace() {
		return this.quotas.pace();
	}

	/** What goes wrong while Graph gives no usable answer ("the connection was refused, 3 tries"), or null. */
	String trouble() {
		return this.outage.trouble();
	}

	/** How much longer Graph asked every write to wait, or zero. */
	Duration throttleWaitLeft() {
		return this.quotas.throttleWaitLeft();
	}

}
