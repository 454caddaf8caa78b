package com.example.intune.statusimport.graph;

import java.time.Duration;

/**
 * How to reach Graph and how hard to push it.
 *
 * @param graphUrl the service root, such as {@code https://graph.microsoft.com/v1.0}, without a trailing slash
 * @param retryPolicy what to retry and how long to wait
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for an answer
 * @param userAgent the product and version, sent as {@code User-Agent}
 * @param rate the most writes to send, retries included
 * @param concurrency requests in flight at once
 * @param batchSize requests per HTTP exchange: 1 alone, up to {@value #MAX_BATCH_SIZE} in one {@code $batch}
 * @param readRate the most reads (GETs) to send, retries and each GET of a {@code $batch} included
 */
public record GraphSettings(String graphUrl, RetryPolicy retryPolicy, Duration connectTimeout,
		Duration requestTimeout, String userAgent, RateLimit rate, int concurrency, int batchSize,
		RateLimit readRate) {

	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/** Long enough for a slow answer from a busy tenant; a request that outlasts it is tried again. */
	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

	/** Four requests in flight keep Intune's 5 writes/s going while each takes up to 800 ms. */
	public static final int DEFAULT_CONCURRENCY = 4;

	/** More would only wait on the same write slots. */
	public static final int MAX_CONCURRENCY = 64;

	/** Batching saves round trips, not quota, and single requests keep each row's failure and retry apart. */
	public static final int DEFAULT_BATCH_SIZE = 1;

	public static final int MAX_BATCH_SIZE = BatchEnvelope.MAX_REQUESTS;

	public GraphSettings {
		while (graphUrl.endsWith("/")) {
			graphUrl = graphUrl.substring(0, graphUrl.length() - 1);
		}
		if (concurrency < 1 || concurrency > MAX_CONCURRENCY || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
			throw new IllegalArgumentException("concurrency must be between 1 and " + MAX_CONCURRENCY
					+ " and batchSize between 1 and " + MAX_BATCH_SIZE);
		}
	}

	/** Settings that read at Intune's rate for any request, {@link RateLimit#INTUNE_READS}. */
	public GraphSettings(String graphUrl, RetryPolicy retryPolicy, Duration connectTimeout, Duration requestTimeout,
			String userAgent, RateLimit rate, int concurrency, int batchSize) {
		this(graphUrl, retryPolicy, connectTimeout, requestTimeout, userAgent, rate, concurrency, batchSize,
				RateLimit.INTUNE_READS);
	}

}
