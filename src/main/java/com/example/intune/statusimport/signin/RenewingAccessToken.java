package com.example.intune.statusimport.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalServiceException;

import com.example.intune.statusimport.graph.AccessTokenSource;

/**
 * Keeps one token for all requests and renews it ahead of its expiry, for as long as the run lasts: a fifth of its
 * lifetime ahead, at most five minutes, so that tokens living a few seconds (in tests) are renewed about once per
 * lifetime rather than once per request. When a renewal fails while the old token is still good for a while, the old
 * one is kept and renewal is tried again shortly; only a failure with no usable token left stops the run.
 */
public final class RenewingAccessToken implements AccessTokenSource {

	/** One request for a token from the identity platform, through MSAL. */
	@FunctionalInterface
	public interface TokenRequest {

		IAuthenticationResult acquire(boolean forceRefresh) throws Exception;

	}

	private static final Duration MAX_RENEWAL_MARGIN = Duration.ofMinutes(5);

	private static final Duration STILL_USABLE = Duration.ofSeconds(30);

	private final TokenRequest request;

	private final String identity;

	private final Clock clock;

	private final AtomicLong requests = new AtomicLong();

	private String token;

	private Instant expiresOn;

	private Instant renewAt;

	/**
	 * @param identity who signs in, for messages (never a secret), such as "application X in tenant Y"
	 */
	public RenewingAccessToken(TokenRequest request, String identity, Clock clock) {
		this.request = request;
		this.identity = identity;
		this.clock = clock;
	}

	@Override
	public synchronized String accessToken() {
		if (this.token == null || !this.clock.instant().isBefore(this.renewAt)) {
			renew(this.token != null);
		}
		return this.token;
	}

	@Override
	public synchronized boolean renewAfterRejection(String rejectedToken) {
		if (!rejectedToken.equals(this.token)) {
			return true; // another request already renewed it
		}
		renew(true);
		return !rejectedToken.equals(this.token);
	}

	/** How many tokens were requested from the identity platform. */
	public long tokenRequests() {
		return this.requests.get();
	}

	private void renew(boolean forceRefresh) {
		Instant now = this.clock.instant();
		IAuthenticationResult result;
		try {
			this.requests.incrementAndGet();
			result = this.request.acquire(forceRefresh);
		}
		catch (Exception ex) {
			if (this.token != null && now.plus(STILL_USABLE).isBefore(this.expiresOn)) {
				this.renewAt = now.plusSeconds(5);
				return;
			}
			throw new SignInException(describe(ex));
		}
		this.token = result.accessToken();
		this.expiresOn = result.expiresOnDate().toInstant();
		Duration lifetime = Duration.between(now, this.expiresOn);
		Duration margin = lifetime.dividedBy(5);
		if (margin.compareTo(MAX_RENEWAL_MARGIN) > 0) {
			margin = MAX_RENEWAL_MARGIN;
		}
		this.renewAt = this.expiresOn.minus(margin);
	}

	private String describe(Exception failure) {
		Throwable cause = failure;
		while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof SignInException signIn) {
			return signIn.getMessage();
		}
		String message = oneLine(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
		String code = cause instanceof com.microsoft.aad.msal4j.MsalException msal && msal.errorCode() != null
				? msal.errorCode() + ": " : "";
		String status = cause instanceof MsalServiceException service && service.statusCode() != null
				&& service.statusCode() > 0 ? " (HTTP " + service.statusCode() + ")" : "";
		return "signing in as " + this.identity + " failed" + status + ": " + code + message;
	}

	/**
	 * The identity platform's description is several lines: the AADSTS sentence, then trace and correlation ids,
	 * which support asks for. One line keeps them together in a log.
	 */
	private static String oneLine(String message) {
		List<String> lines = message.strip().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
		if (lines.size() <= 1) {
			return lines.isEmpty() ? "" : lines.get(0);
		}
		List<String> ids = lines.subList(1, lines.size())
			.stream()
			.filter(line -> line.startsWith("Trace ID:") || line.startsWith("Correlation ID:"))
			.toList();
		return lines.get(0) + (ids.isEmpty() ? "" : " (" + String.join(", ", ids) + ")");
	}

	@Override
	public String toString() {
		return "tokens for " + this.identity + " (hidden)";
	}

}
