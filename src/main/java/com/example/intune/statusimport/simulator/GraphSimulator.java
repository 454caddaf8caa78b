package com.example.intune.statusimport.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.graph.DeviceStatusResource.Address;

/**
 * A local stand-in for the Graph endpoint the importer writes to, on 127.0.0.1 only, for tests, rehearsals and
 * benchmarks. It keeps what it was sent, so that a test can check that nothing was lost, and counts what it
 * answered. The endpoint itself is {@link GraphEndpoint}; this class starts it, with the simulated identity platform
 * ({@link IdentityEndpoint}) when asked, and reports what happened.
 */
public final class GraphSimulator implements AutoCloseable {

	static {
		// answer in one packet: without it, small answers wait for the client's delayed ACK (about 40 ms each)
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService executor;

	private final IssuedTokens issuedTokens = new IssuedTokens();

	private final GraphEndpoint endpoint;

	private final IdentityEndpoint identity;

	private GraphSimulator(SimulatorSettings settings) throws IOException {
		this.endpoint = new GraphEndpoint(settings, new TokenCheck(settings, this.issuedTokens), this::dump,
				this::revokeTokens);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 64);
		this.executor = Executors.newFixedThreadPool(8, SimulatorThreads.named("graph-simulator"));
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this.endpoint);
		this.identity = settings.identity() == null ? null
				: new IdentityEndpoint(settings.identity(), this.issuedTokens, settings.identityPort());
	}

	public static GraphSimulator start(SimulatorSettings settings) {
		try {
			GraphSimulator simulator = new GraphSimulator(settings);
			simulator.server.start();
			return simulator;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the simulator cannot listen on 127.0.0.1:" + settings.port(), ex);
		}
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** The Graph service root to give the importer as {@code --graph-url}. */
	public String graphUrl() {
		return "http://127.0.0.1:" + port() + "/v1.0";
	}

	/** The sign-in endpoint root to give the importer as {@code --authority-url}. */
	public String authorityUrl() {
		return "https://127.0.0.1:" + identity().port();
	}

	/** The App Service style managed identity endpoint, for {@code IDENTITY_ENDPOINT}. */
	public String managedIdentityEndpoint() {
		return "http://127.0.0.1:" + port() + "/msi/token";
	}

	/** A client TLS context that trusts the identity endpoint, for tests. */
	public javax.net.ssl.SSLContext identityTrust() {
		return identity().tls().clientContext();
	}

	/** Writes a trust store with the identity endpoint's certificate, for the JVM options of a rehearsal. */
	public void writeTrustStore(Path file) throws IOException {
		identity().tls().writeTrustStore(file);
	}

	/** Every token issued so far stops working at once. */
	public void revokeTokens() {
		this.issuedTokens.revokeAll();
	}

	/** Changes the identity platform while it runs, as when an administrator rotates a secret. */
	public void updateIdentity(java.util.function.UnaryOperator<IdentitySettings> change) {
		identity().update(change);
	}

	public long tokensIssued() {
		return this.issuedTokens.issued();
	}

	/** Every token issued so far, to check that none was written anywhere. */
	public Set<String> issuedTokens() {
		return this.issuedTokens.all();
	}

	/** Requests the token endpoint received. */
	public long tokenRequests() {
		return this.identity == null ? 0 : this.identity.requests();
	}

	private IdentityEndpoint identity() {
		if (this.identity == null) {
			throw new IllegalStateException("this simulator has no identity platform");
		}
		return this.identity;
	}

	/**
	 * What the simulator holds, by {@code deviceConfigurationId/id}, as Graph answers it: every property, date-times
	 * in UTC.
	 */
	public Map<String, JsonNode> statuses() {
		return this.endpoint.store().all();
	}

	/** The body of the last PATCH applied to a status, as it was sent, or {@code null} when none was. */
	public JsonNode lastPatch(String key) {
		return this.endpoint.store().lastPatch(key);
	}

	/**
	 * Holds a status as if devices had reported it. From the first held status on, only held statuses (and known
	 * ids) exist: a GET or PATCH of any other is answered 404, and so is the list of a configuration none of them is
	 * in. Ids are found in any letter case; the status keeps the ones it was first held under.
	 * @param values by Graph name, as a PATCH would carry them; {@code null} or absent for never set
	 * @throws IllegalArgumentException when Graph would not hold a value
	 */
	public void hold(String deviceConfigurationId, String id, Map<String, String> values) {
		this.endpoint.store().hold(new Address(deviceConfigurationId, id), values);
	}

	/**
	 * Holds the statuses of a file, as {@link #hold} does: CSV (a header of Graph names with
	 * {@code deviceConfigurationId} and {@code id}), TSV, NDJSON or a workbook, by its name.
	 * @return how many statuses the file held
	 * @throws IllegalArgumentException naming the file and line of the first row that cannot be held
	 */
	public long hold(Path file) {
		return SeedFile.read(file, this.endpoint.store()::hold);
	}

	/**
	 * Changes {@code share} of the held statuses (0 to 1), drawn from the seeded random source, as devices reporting
	 * would: a new {@code lastReportedDateTime} (now) and another {@code status}.
	 * @return the keys changed
	 */
	public List<String> drift(double share) {
		return this.endpoint.drift(share);
	}

	/** How many answers of each HTTP status were sent; each request inside a batch counts as one. */
	public Map<Integer, Long> answers() {
		return this.endpoint.traffic().answers();
	}

	public long requests() {
		return this.endpoint.traffic().requests.get();
	}

	/** How many writes each status received, by {@code deviceConfigurationId/id}: a row sent twice counts two. */
	public Map<String, Long> writes() {
		return this.endpoint.traffic().writes();
	}

	/** Reads received: every GET of Graph's paths, each list page and each GET inside a batch counting one. */
	public long reads() {
		return this.endpoint.traffic().reads.get();
	}

	/** List pages answered with a 200. */
	public long listPages() {
		return this.endpoint.traffic().listPages.get();
	}

	/** Writes received, each inside a batch counting one, whatever they were answered. */
	public long writeCount() {
		return this.endpoint.traffic().writeCount();
	}

	public long dropped() {
		return this.endpoint.traffic().dropped.get();
	}

	/** {@code $batch} requests answered with an outer 200. */
	public long batches() {
		return this.endpoint.traffic().batches.get();
	}

	/** Requests that arrived while a Retry-After this simulator gave was still running. */
	public long earlyRequests() {
		return this.endpoint.faults().earlyRequests();
	}

	/** The most requests that were being answered at the same time. */
	public int maxInFlight() {
		return this.endpoint.traffic().maxInFlight.get();
	}

	/** Everything held, as a JSON document. */
	public String dump() {
		ObjectNode root = JSON.createObjectNode();
		ObjectNode held = root.putObject("statuses");
		statuses().forEach(held::set);
		ObjectNode counts = root.putObject("answers");
		answers().forEach((status, count) -> counts.put(Integer.toString(status), count));
		root.put("requests", requests());
		root.put("reads", reads());
		root.put("listPages", listPages());
		root.put("writes", writeCount());
		root.put("dropped", dropped());
		root.put("earlyRequests", earlyRequests());
		root.put("tokensIssued", tokensIssued());
		return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
	}

	public void dumpTo(Path file) throws IOException {
		Files.writeString(file, dump());
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
		if (this.identity != null) {
			this.identity.close();
		}
	}

}
