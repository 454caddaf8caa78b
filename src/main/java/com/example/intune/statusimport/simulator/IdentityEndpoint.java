package com.example.intune.statusimport.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated identity platform's token endpoint, {@code POST /{tenant}/oauth2/v2.0/token} with the client
 * credentials grant, over TLS. It accepts the configured client secret, a client assertion signed with the configured
 * certificate's key, or a configured federated assertion, and answers errors the way Entra ID does, with their
 * {@code AADSTS} codes.
 */
final class IdentityEndpoint implements AutoCloseable {

	private static final Pattern TOKEN_PATH = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token");

	private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpsServer server;

	private final ExecutorService executor;

	private final IssuedTokens tokens;

	private final AtomicReference<IdentitySettings> settings;

	private final SelfSignedTls tls;

	private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

	IdentityEndpoint(IdentitySettings settings, IssuedTokens tokens, int port) throws IOException {
		this.settings = new AtomicReference<>(settings);
		this.tokens = tokens;
		this.tls = SelfSignedTls.generate();
		this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 32);
		this.server.setHttpsConfigurator(new HttpsConfigurator(this.tls.serverContext()));
		this.executor = Executors.newFixedThreadPool(4, SimulatorThreads.named("identity-simulator"));
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	SelfSignedTls tls() {
		return this.tls;
	}

	long requests() {
		return this.requests.get();
	}

	void update(java.util.function.UnaryOperator<IdentitySettings> change) {
		this.settings.updateAndGet(change);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Map<String, String> form = parseForm(new String(exchange.getRequestBody().readAllBytes(),
					StandardCharsets.UTF_8));
			this.requests.incrementAndGet();
			IdentitySettings current = this.settings.get();
			Matcher path = TOKEN_PATH.matcher(exchange.getRequestURI().getPath());
			if (!exchange.getRequestMethod().equals("POST") || !path.matches()) {
				error(exchange, 404, "invalid_request", "AADSTS900561: The endpoint only accepts POST requests to"
						+ " /{tenant}/oauth2/v2.0/token.");
				return;
			}
			if (!path.group(1).equalsIgnoreCase(current.tenantId())) {
				error(exchange, 400, "invalid_request", "AADSTS90002: Tenant '" + path.group(1) + "' not found."
						+ " Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
				return;
			}
			if (!"client_credentials".equals(form.get("grant_type"))) {
				error(exchange, 400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant"
						+ " type '" + form.get("grant_type") + "'.");
				return;
			}
			if (!current.clientId().equals(form.get("client_id"))) {
				error(exchange, 400, "unauthorized_client", "AADSTS700016: Application with identifier '"
						+ form.get("client_id") + "' was not found in the directory '" + current.tenantId() + "'.");
				return;
			}
			String scope = form.getOrDefault("scope", "");
			// MSAL adds openid, profile and offline_access, which the platform ignores for this grant
			if (java.util.Arrays.stream(scope.split(" ")).noneMatch(item -> item.endsWith("/.default"))) {
				error(exchange, 400, "invalid_scope", "AADSTS1002012: The provided value for scope " + scope
						+ " is not valid. Client credential flows must have a scope value with /.default suffixed.");
				return;
			}
			String refusal = checkCredential(current, form);
			if (refusal != null) {
				error(exchange, 401, "invalid_client", refusal);
				return;
			}
			ObjectNode answer = JSON.createObjectNode();
			answer.put("token_type", "Bearer");
			answer.put("expires_in", Math.max(1, current.tokenLifetime().toSeconds()));
			answer.put("ext_expires_in", Math.max(1, current.tokenLifetime().toSeconds()));
			answer.put("access_token", this.tokens.issue(current.tokenLifetime()));
			send(exchange, 200, JSON.writeValueAsString(answer));
		}
	}

	/** @return why the credential is refused, or {@code null} when it is accepted */
	private static String checkCredential(IdentitySettings settings, Map<String, String> form) {
		String secret = form.get("client_secret");
		String assertion = form.get("client_assertion");
		if (secret != null) {
			return secret.equals(settings.clientSecret()) ? null
					: "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is"
							+ " the client secret value, not the client secret ID, for a secret added to app '"
							+ settings.clientId() + "'.";
		}
		if (assertion == null) {
			return "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or"
					+ " 'client_secret'.";
		}
		if (!JWT_BEARER.equals(form.get("client_assertion_type"))) {
			return "AADSTS700024: client_assertion_type must be " + JWT_BEARER + ".";
		}
		if (settings.federatedAssertions().contains(assertion)) {
			return null;
		}
		String[] parts = assertion.split("\\.");
		if (parts.length != 3 || settings.clientCertificate() == null) {
			return "AADSTS700213: No matching federated identity record found for the presented assertion.";
		}
		return checkSignedAssertion(settings, parts);
	}

	private static String checkSignedAssertion(IdentitySettings settings, String[] parts) {
		try {
			Base64.Decoder decoder = Base64.getUrlDecoder();
			JsonNode header = JSON.readTree(decoder.decode(parts[0]));
			JsonNode claims = JSON.readTree(decoder.decode(parts[1]));
			byte[] certificate = settings.clientCertificate().getEncoded();
			String sha256 = Base64.getUrlEncoder().withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate));
			String sha1 = Base64.getUrlEncoder().withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-1").digest(certificate));
			boolean knownKey = sha256.equals(base64Url(header.path("x5t#S256").asString(null)))
					|| sha1.equals(base64Url(header.path("x5t").asString(null)));
			Signature signature = switch (header.path("alg").asString("")) {
				case "RS256" -> Signature.getInstance("SHA256withRSA");
				case "PS256" -> {
					Signature pss = Signature.getInstance("RSASSA-PSS");
					pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
					yield pss;
				}
				default -> null;
			};
			if (signature == null) {
				return "AADSTS5002730: Invalid JWT token. Unsupported key for the signing algorithm.";
			}
			signature.initVerify(settings.clientCertificate().getPublicKey());
			signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
			if (!knownKey || !signature.verify(decoder.decode(parts[2]))) {
				return "AADSTS700027: The certificate with identifier used to sign the client assertion is not"
						+ " registered on application. [Reason - The key was not found., Thumbprint of key used by"
						+ " client: '" + header.path("x5t").asString("") + "']";
			}
			if (!settings.clientId().equals(claims.path("iss").asString(null))
					|| !settings.clientId().equals(claims.path("sub").asString(null))) {
				return "AADSTS700021: Client assertion application identifier doesn't match 'client_id' parameter.";
			}
			if (claims.path("exp").asLong(0) < Instant.now().getEpochSecond()) {
				return "AADSTS700024: Client assertion is not within its valid time range.";
			}
			return null;
		}
		catch (JacksonException | IllegalArgumentException | GeneralSecurityException ex) {
			return "AADSTS50027: JWT token is invalid or malformed.";
		}
	}

	/** Thumbprints arrive in base64 or base64url, padded or not (MSAL4J sends padded base64). */
	private static String base64Url(String thumbprint) {
		return thumbprint == null ? null : thumbprint.replace('+', '-').replace('/', '_').replace("=", "");
	}

	private static Map<String, String> parseForm(String body) {
		Map<String, String> form = new HashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return form;
	}

	private static void error(HttpExchange exchange, int status, String error, String description) throws IOException {
		ObjectNode answer = JSON.createObjectNode();
		answer.put("error", error);
		answer.put("error_description", description + "\r\nTrace ID: " + UUID.randomUUID() + "\r\nCorrelation ID: "
				+ UUID.randomUUID() + "\r\nTimestamp: " + Instant.now());
		answer.putArray("error_codes").add(Integer.parseInt(description.replaceAll("^AADSTS(\\d+).*", "$1")));
		answer.put("timestamp", Instant.now().toString());
		answer.put("trace_id", UUID.randomUUID().toString());
		answer.put("correlation_id", UUID.randomUUID().toString());
		send(exchange, status, JSON.writeValueAsString(answer));
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
