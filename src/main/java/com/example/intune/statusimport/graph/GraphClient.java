package com.example.intune.statusimport.graph;

import java.time.Duration;
import java.util.List;

/**
 * Talks to Graph for the run: one request, several in one {@code $batch}, or many at once. Every request goes
 * through the one attempt loop ({@link RequestEngine}), which paces writes and reads each at their own quota, honours
 * Retry-After, renews the token once on 401 and stops the run when Graph cannot be used at all.
 */
public final class GraphClient implements AutoCloseable {

	private final RequestEngine engine;

	private final GraphSettings settings;

	private RequestFanOut fanOut;

	public GraphClient(GraphSettings settings, AccessTokenSource tokens, StopSignal stop, GraphStats stats) {
		this.settings = settings;
		this.engine = new RequestEngine(settings, tokens, stop, stats);
	}

	/** One request, alone. */
	public RequestOutcome send(GraphRequest request) {
		return this.engine.send(List.of(request), Envelope.ALONE).get(0);
	}

	/**
	 * Up to {@value GraphSettings#MAX_BATCH_SIZE} requests in one {@code POST $batch} (one alone). Only the requests
	 * that failed transiently are sent again, after the longest Retry-After among them. The caller never puts two
	 * writes of one resource in the same batch, since Graph may run them in any order.
	 */
	public List<RequestOutcome> sendTogether(List<GraphRequest> requests) {
		if (requests.size() == 1) {
			return List.of(send(requests.get(0)));
		}
		return this.engine.send(requests, new BatchEnvelope());
	}

	/**
	 * Many requests, in groups of the batch size with the configured concurrency, all answered before this returns.
	 * @return the outcomes in the order of {@code requests}
	 */
	public List<RequestOutcome> sendAll(List<GraphRequest> requests) {
		if (requests.isEmpty()) {
			return List.of();
		}
		return fanOut().sendAll(requests, this::sendTogether);
	}

	private synchronized RequestFanOut fanOut() {
		if (this.fanOut == null) {
			this.fanOut = new RequestFanOut(this.settings.concurrency(), this.settings.batchSize());
		}
		return this.fanOut;
	}

	/** The write budget now, in writes per second: lower than the allowed rate while Graph accepts fewer. */
	public double pace() {
		return this.engine.pace();
	}

	/** How much longer Graph asked every write to wait, or zero. */
	public Duration throttleWaitLeft() {
		return this.engine.throttleWaitLeft();
	}

	@Override
	public synchronized void close() {
		if (this.fanOut != null) {
			this.fanOut.close();
		}
	}

}
