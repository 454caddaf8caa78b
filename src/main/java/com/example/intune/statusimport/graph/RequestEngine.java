package com.example.intune.statusimport.graph;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The one attempt loop for every request to Graph, alone or in a {@code $batch}, write or read. Each round waits for
 * its write slots and for any Retry-After to pass, sends, and judges each answer as {@link RetryPolicy} says: a
 * success or a final refusal ends the request, a transient failure tries it again after the longest Retry-After of
 * the round (or a back-off), a 401 gets one fresh token. Answers that make the rest of the run pointless (a second
 * 401, a wall of 403s at the start, Graph unreachable) end the run with {@link GraphFatalException} instead of
 * failing every remaining row.
 */
final class RequestEngine {

	private final GraphSettings settings;

	private final AccessTokenSource tokens;

	private final StopSignal stop;

	private final GraphStats stats;

	private final ThrottleGate gate;

	private final WritePacer pacer;

	private final ForbiddenWall forbidden = new ForbiddenWall();

	private final HttpClient http;

	private final Clock clock = Clock.systemUTC();

	RequestEngine(GraphSettings settings, AccessTokenSource tokens, StopSignal stop, GraphStats stats) {
		this.settings = settings;
		this.tokens = tokens;
		this.stop = stop;
		this.stats = stats;
		this.gate = new ThrottleGate(stop, stats);
		this.pacer = new WritePacer(settings.rate().writes(), settings.rate().window(), System::nanoTime, stop::sleep);
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
		boolean everAnswered = false;
		String lastProblem = null;
		int rounds = 0;
		while (!pending.isEmpty()) {
			rounds++;
			Round round = exchange(envelope, pending);
			everAnswered |= round.reachedGraph();
			Answer rejection = null;
			Optional<Duration> retryAfter = Optional.empty();
			boolean throttled = false;
			boolean retrying = false;
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
					retryAfter = longest(retryAfter, RetryAfter.parse(answer.retryAfter(), this.clock));
					if (policy.isThrottling(answer.status())) {
						throttled = true;
						this.stats.addThrottled();
					}
				}
				else {
					call.finish(answer);
				}
			}
			if (rejection != null) {
				if (renewedToken || !this.tokens.renewAfterRejection(round.token())) {
					throw tokenRejected(rejection);
				}
				renewedToken = true;
			}
			if (throttled) {
				this.pacer.throttled();
			}
			pending = unfinished(pending, policy);
			if (!pending.isEmpty() && retrying) {
				int failedAttempt = pending.stream().mapToInt(Call::attempts).max().orElse(1);
				waitBeforeRetry(policy.delayAfter(failedAttempt, retryAfter), throttled || retryAfter.isPresent());
			}
		}
		if (!everAnswered) {
			throw unreachable(lastProblem, rounds);
		}
		return calls.stream().map(Call::outcome).toList();
	}

	/**
	 * Starts an attempt of each call and prepares its request, then waits for the write slots and for Graph's
	 * Retry-After: the request leaves as soon as its slot comes, since a late one followed by a punctual one could
	 * put one write too many into Graph's quota window.
	 */
	private HttpRequest.Builder prepareAndWait(Envelope envelope, List<Call> pending) {
		this.stop.check();
		for (Call call : pending) {
			call.beginAttempt();
		}
		HttpRequest.Builder request = envelope.wrap(this.settings.graphUrl(), pending)
			.timeout(this.settings.requestTimeout())
			.header("Accept", "application/json")
			.header("User-Agent", this.settings.userAgent());
		int writes = (int) pending.stream().filter(call -> call.request().isWrite()).count();
		if (writes > 0) {
			this.pacer.acquire(writes);
		}
		this.gate.awaitOpen();
		for (Call call : pending) {
			this.stats.addRequest();
			if (call.attempts() > 1) {
				this.stats.addRetry();
			}
		}
		return request;
	}

	/** The answers of one HTTP exchange, one per call, and the token it carried; when Graph was not reached, why. */
	private record Round(String token, boolean reachedGraph, List<Answer> answers) {
	}

	private Round exchange(Envelope envelope, List<Call> calls) {
		HttpRequest.Builder prepared = prepareAndWait(envelope, calls);
		String token = this.tokens.accessToken();
		// the token goes only into this header, nowhere else
		HttpRequest request = prepared.header("Authorization", "Bearer " + token).build();
		String problem;
		try {
			return new Round(token, true,
					envelope.unwrap(this.http.send(request, HttpResponse.BodyHandlers.ofByteArray()), calls));
		}
		catch (HttpTimeoutException ex) {
			problem = "no answer within " + this.settings.requestTimeout().toSeconds() + " s";
		}
		catch (ConnectException ex) {
			problem = "the connection was refused (" + describe(ex) + ")";
		}
		catch (IOException ex) {
			problem = "the connection failed (" + describe(ex) + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RunStoppedException();
		}
		return new Round(token, false, Collections.nCopies(calls.size(), Answer.unanswered(problem, null)));
	}

	/** The calls still to send; those out of attempts give up. Each finished call counts towards the 403 wall. */
	private List<Call> unfinished(List<Call> pending, RetryPolicy policy) {
		List<Call> next = new ArrayList<>();
		for (Call call : pending) {
			if (!call.isFinished() && call.attempts() >= policy.maxAttempts()) {
				call.giveUp();
			}
			if (call.isFinished()) {
				this.forbidden.note(call.outcome());
			}
			else {
				next.add(call);
			}
		}
		return next;
	}

	/**
	 * When Graph asked for the wait (a 429, or any Retry-After), no request starts until it is over; a back-off of
	 * our own after a 5xx or a dropped connection delays only the requests that met it.
	 */
	private void waitBeforeRetry(Duration delay, boolean graphAskedEveryone) {
		if (graphAskedEveryone) {
			this.gate.holdFor(delay);
		}
		else {
			this.stop.sleep(delay);
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

	private static String describe(IOException ex) {
		String message = ex.getMessage();
		return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
	}

	/** The pace now, in writes per second: lower than the allowed rate after Graph throttled. */
	double pace() {
		return this.pacer.ratePerSecond();
	}

	/** How much longer Graph asked every request to wait, or zero. */
	Duration throttleWaitLeft() {
		return this.gate.waitLeft();
	}

}
