package com.example.intune.statusimport.cli;

import java.time.Duration;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import com.example.intune.statusimport.graph.GraphSettings;
import com.example.intune.statusimport.graph.RateLimit;
import com.example.intune.statusimport.graph.RetryPolicy;
import com.example.intune.statusimport.graph.ServiceRoot;
import com.example.intune.statusimport.signin.Cloud;

/** Where Graph is, how fast and how many at once to send, and how long to wait and retry. */
final class GraphOptions {

	@Option(names = "--graph-url", paramLabel = "URL", converter = GraphUrlValue.class,
			description = "The Graph service root."
					+ " Default: the --cloud's, https://graph.microsoft.com/v1.0 for global.")
	String graphUrl;

	@Option(names = "--rate", paramLabel = "N/DURATION", converter = OptionValues.RateValue.class,
			description = "The most writes to send, retries included: Intune allows 100 per 20 s per app. Lowered by"
					+ " itself when Graph accepts fewer (another app may share the tenant), never raised above this.")
	RateLimit rate = RateLimit.INTUNE;

	@Option(names = "--read-rate", paramLabel = "N/DURATION", converter = OptionValues.ReadRateValue.class,
			description = "The most reads (GETs) to send, retries and each GET of a $batch included: Intune allows"
					+ " 1000 requests per 20 s per app. Paced and lowered like --rate, on its own.")
	RateLimit readRate = RateLimit.INTUNE_READS;

	@Option(names = "--concurrency", paramLabel = "N", converter = Concurrency.class,
			description = "Requests in flight at once, 1 to " + GraphSettings.MAX_CONCURRENCY + ". 4 keeps 5 writes/s"
					+ " going when each takes up to 800 ms.")
	int concurrency = GraphSettings.DEFAULT_CONCURRENCY;

	@Option(names = "--batch-size", paramLabel = "N", converter = BatchSize.class,
			description = "Updates per request, 1 to " + GraphSettings.MAX_BATCH_SIZE + ": above 1 they travel in one"
					+ " JSON $batch. Each one still counts against the quota, so batching saves round trips, not quota.")
	int batchSize = GraphSettings.DEFAULT_BATCH_SIZE;

	@Option(names = "--max-attempts", paramLabel = "N", converter = MaxAttempts.class,
			description = "Attempts per row, the first included, before a transient failure is reported.")
	int maxAttempts = RetryPolicy.DEFAULT.maxAttempts();

	@Option(names = "--retry-base-delay", paramLabel = "DURATION", converter = OptionValues.DurationValue.class,
			description = "The first back-off after a transient failure without Retry-After; it doubles with each"
					+ " attempt, with jitter.")
	Duration retryBaseDelay = RetryPolicy.DEFAULT.baseDelay();

	@Option(names = "--retry-max-delay", paramLabel = "DURATION", converter = OptionValues.PositiveDurationValue.class,
			description = "The longest wait before a retry: the back-off grows up to it, and a Retry-After from Graph"
					+ " asking for more stops the run (exit 3; the same command resumes it later).")
	Duration retryMaxDelay = RetryPolicy.DEFAULT.maxDelay();

	@Option(names = "--connect-timeout", paramLabel = "DURATION", converter = OptionValues.PositiveDurationValue.class,
			description = "How long to wait for a connection to Graph.")
	Duration connectTimeout = GraphSettings.DEFAULT_CONNECT_TIMEOUT;

	@Option(names = "--request-timeout", paramLabel = "DURATION", converter = OptionValues.PositiveDurationValue.class,
			description = "How long to wait for Graph's answer before trying again.")
	Duration requestTimeout = GraphSettings.DEFAULT_REQUEST_TIMEOUT;

	GraphSettings settings(Cloud cloud) {
		return new GraphSettings(this.graphUrl == null ? cloud.graphUrl() : this.graphUrl,
				new RetryPolicy(this.maxAttempts, this.retryBaseDelay, this.retryMaxDelay), this.connectTimeout,
				this.requestTimeout, Version.userAgent(), this.rate, this.concurrency, this.batchSize, this.readRate);
	}

	/** Where the token goes: the rule is {@link ServiceRoot}'s. */
	static final class GraphUrlValue implements ITypeConverter<String> {

		@Override
		public String convert(String value) {
			ServiceRoot.problem(value).ifPresent(problem -> {
				throw new TypeConversionException(problem);
			});
			return value.strip();
		}

	}

	static final class Concurrency extends OptionValues.Bounded<Integer> {

		Concurrency() {
			super(1, GraphSettings.MAX_CONCURRENCY, null, number -> (int) number);
		}

	}

	static final class BatchSize extends OptionValues.Bounded<Integer> {

		BatchSize() {
			super(1, GraphSettings.MAX_BATCH_SIZE, "Graph's limit per $batch", number -> (int) number);
		}

	}

	static final class MaxAttempts extends OptionValues.Bounded<Integer> {

		MaxAttempts() {
			super(1, Integer.MAX_VALUE, null, number -> (int) number);
		}

	}

}
