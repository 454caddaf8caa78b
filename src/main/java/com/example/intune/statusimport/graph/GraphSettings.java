package com.example.intune.statusimport.graph;

import java.time.Duration;

/**
 * How to reach Graph.
 *
 * @param graphUrl the service root, such as {@code https://graph.microsoft.com/v1.0}, without a trailing slash
 * @param retryPolicy what to retry and how long to wait
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for an answer
 * @param userAgent the product and version, sent as {@code User-Agent}
 * @param rate the most writes to send, retries included
 */
public record GraphSettings(String graphUrl, RetryPolicy retryPolicy, Duration connectTimeout,
		Duration requestTimeout, String userAgent, RateLimit rate) {

	public GraphSettings {
		while (graphUrl.endsWith("/")) {
			graphUrl = graphUrl.substring(0, graphUrl.length() - 1);
		}
	}

}
