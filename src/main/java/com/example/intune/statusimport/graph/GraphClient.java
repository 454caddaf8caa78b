package com.example.intune.statusimport.graph;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Talks to Graph for the run: one request, several in one {@code $batch}, or many at once. Every request goes
 * through the one attempt loop ({@link RequestEngine}), which paces writes and reads each at their own quota, honours
 * Retry-After, renews the token once on 401 and stops the run when Graph cannot be used at all.
 */
public final class GraphClient implements AutoCloseable {

	private final RequestEngine engine;

	private final GraphSettings settings;

	private RequestFanOut fanOut;

	private RequestFanOut readFanOut;

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
		return sendAll(requests, answered -> {
		});
	}

	/**
	 * As {@link #sendAll(List)}, telling {@code answered} how many requests each group that is over held, as each
	 * ends: the progress display counts rows as they are done, not only when the whole chunk is.
	 */
	public List<RequestOutcome> sendAll(List<GraphRequest> requests, IntConsumer answered) {
		if (requests.isEmpty()) {
			return List.of();
		}
		return fanOut().sendAll(requests, group -> {
			List<RequestOutcome> outcomes = sendTogether(group);
			answered.accept(group.size());
			return outcomes;
		});
	}

	/**
	 * Many reads, {@value GraphSettings#MAX_BATCH_SIZE} GETs to a {@code $batch} whatever the batch size of writes:
	 * each GET counts one read either way, and a read's failure cannot be mistaken for another's.
	 * @return the outcomes in the order of {@code reads}
	 */
	public List<RequestOutcome> readAll(List<GraphRequest> reads) {
		if (reads.isEmpty()) {
			return List.of();
		}
		return readFanOut().sendAll(reads, this::sendTogether);
	}

	/**
	 * The path below the service root of a link Graph gave (an {@code @odata.nextLink}), or empty when the link leads
	 * anywhere else: the token is sent only to the Graph URL the run was given. A link that starts with the Graph URL
	 * but climbs out of it ({@code ..}, also written {@code %2e%2e}) leads elsewhere.
	 */
	public Optional<String> belowServiceRoot(String link) {
		String root = this.settings.graphUrl() + "/";
		if (link == null || !link.regionMatches(true, 0, root, 0, root.length()) || climbs(link)) {
			return Optional.empty();
		}
		return Optional.of(link.substring(root.length() - 1));
	}

	/** Whether a segment of the link's path, decoded, is {@code .} or {@code ..}, or the link is no URI at all. */
	private static boolean climbs(String link) {
		try {
			String path = new URI(link).getPath();
			return path == null || path.contains("\\")
					|| Arrays.stream(path.split("/", -1)).anyMatch(segment -> segment.equals(".") || segment.equals(".."));
		}
		catch (URISyntaxException ex) {
			return true;
		}
	}

	private synchronized RequestFanOut readFanOut() {
		if (this.readFanOut == null) {
			this.readFanOut = new RequestFanOut(this.settings.concurrency(), GraphSettings.MAX_BATCH_SIZE);
		}
		return this.readFanOut;
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

	/**
	 * What goes wrong while Graph gives nothing but transient failures, for the progress display: each kind with
	 * its tries since the last usable answer ("the connection was refused, 3 tries"); {@code null} when all is well.
	 */
	public String trouble() {
		return this.engine.trouble();
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
		if (this.readFanOut != null) {
			this.readFanOut.close();
		}
	}

}
