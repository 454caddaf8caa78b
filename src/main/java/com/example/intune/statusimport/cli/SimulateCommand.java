package com.example.intune.statusimport.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import com.example.intune.statusimport.job.UsageProblem;
import com.example.intune.statusimport.simulator.GraphSimulator;
import com.example.intune.statusimport.simulator.IdentitySettings;
import com.example.intune.statusimport.simulator.QuotaKind;
import com.example.intune.statusimport.simulator.SelfSignedTls;
import com.example.intune.statusimport.simulator.SimulatorSettings;

/** {@code simulate}: a local Graph for rehearsals, demos and benchmarks. */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = Version.class,
		showDefaultValues = true, sortOptions = false,
		description = { "Serves the device status PATCH endpoint on 127.0.0.1 and keeps what it is sent, with seeded"
				+ " faults, so that a migration can be rehearsed without touching a tenant. Stop it with Ctrl-C.",
				"GET /_simulator/dump returns what it holds and what it answered; POST /_simulator/drift?share=0.01"
						+ " changes that share of the statuses held, as devices reporting would.", "" })
final class SimulateCommand implements Callable<Integer> {

	private final Console console;

	private final boolean ownsProcess;

	@Option(names = "--port", defaultValue = "8089", description = "The port on 127.0.0.1; 0 picks a free one.")
	int port;

	@Option(names = "--port-file", paramLabel = "PATH",
			description = "Write the port to this file once listening (for scripts that use --port 0).")
	Path portFile;

	@Option(names = "--seed", defaultValue = "1", description = "Seed of the random faults.")
	long seed;

	@Option(names = "--throttle-rate", paramLabel = "SHARE", defaultValue = "0",
			description = "Share of writes (and reads with --read-faults) answered 429.")
	double throttleRate;

	@Option(names = "--no-retry-after-share", paramLabel = "SHARE", defaultValue = "0",
			description = "Share of those 429s sent without Retry-After.")
	double noRetryAfterShare;

	@Option(names = "--retry-after", paramLabel = "DURATION", defaultValue = "1s",
			converter = OptionValues.DurationValue.class,
			description = "Retry-After of a random 429.")
	Duration retryAfter;

	@Option(names = "--error-rate", paramLabel = "SHARE", defaultValue = "0",
			description = "Share of writes (and reads with --read-faults) answered 502, 503 or 504.")
	double errorRate;

	@Option(names = "--drop-rate", paramLabel = "SHARE", defaultValue = "0",
			description = "Share of requests whose connection is closed without an answer.")
	double dropRate;

	@Option(names = "--latency", paramLabel = "DURATION", defaultValue = "0ms",
			converter = OptionValues.DurationValue.class,
			description = "Time added before each answer.")
	Duration latency;

	@Option(names = "--write-quota", paramLabel = "N", defaultValue = "0", converter = SimulateOptionValues.QuotaValue.class,
			description = "Writes accepted per --quota-window before 429 with the seconds left (Intune: 100 per 20s);"
					+ " 0 for none.")
	int writeQuota;

	@Option(names = "--read-quota", paramLabel = "N", defaultValue = "0", converter = SimulateOptionValues.QuotaValue.class,
			description = "Reads (every GET: a list page, a single GET, each GET inside $batch) accepted per"
					+ " --quota-window, counted apart from writes (Intune: 1000 per 20s); 0 for none.")
	int readQuota;

	@Option(names = "--quota-window", paramLabel = "DURATION", defaultValue = "20s",
			converter = OptionValues.DurationValue.class, description = "The length of the quota window.")
	Duration quotaWindow;

	@Option(names = "--quota-kind", paramLabel = "fixed|sliding", defaultValue = "fixed",
			converter = SimulateOptionValues.QuotaKindValue.class,
			description = "fixed: a window opens with the first request and 429 says the seconds left in it; sliding: at"
					+ " most N in any window ending now, 429 says when enough requests leave it. Throttled requests"
					+ " count in both.")
	QuotaKind quotaKind;

	@Option(names = "--read-faults",
			description = "Reads draw the random 429s and 5xx of --throttle-rate and --error-rate too, not only writes.")
	boolean readFaults;

	@Option(names = "--token", paramLabel = "TOKEN",
			description = "The only bearer token accepted (others get 401). Default: any non-empty token.")
	String token;

	@Option(names = "--known-ids", paramLabel = "PATH",
			description = "A file of known ids, one per line as id or deviceConfigurationId/id; others get 404, as does"
					+ " the list of a configuration none of them names (unless one is a bare id). Default: every id exists.")
	Path knownIds;

	@Option(names = "--statuses", paramLabel = "FILE",
			description = "Hold these statuses from the start, as devices would have reported them: a CSV with a header"
					+ " of Graph names including deviceConfigurationId and id (as scripts/generate-rows writes), TSV,"
					+ " NDJSON or .xlsx. Then only they (and --known-ids) exist; others get 404, as does the list of a"
					+ " configuration none of them is in.")
	Path statuses;

	@Option(names = "--page-size", paramLabel = "N", defaultValue = "100", converter = SimulateOptionValues.PageSizeValue.class,
			description = "The most statuses a list page answers ($top may ask for fewer).")
	int pageSize;

	@Option(names = "--dump", paramLabel = "PATH", description = "Write what the simulator holds to this file on exit.")
	Path dump;

	@Option(names = "--client-id", paramLabel = "ID",
			description = "Simulate the identity platform too, for this application: a token endpoint over TLS at"
					+ " https://127.0.0.1:IDENTITY-PORT/TENANT/oauth2/v2.0/token. Graph then accepts only the tokens it"
					+ " issued, until they expire.")
	String clientId;

	@Option(names = "--tenant-id", paramLabel = "ID", defaultValue = "rehearsal-tenant",
			description = "The tenant of the simulated identity platform.")
	String tenantId;

	@Option(names = "--identity-port", paramLabel = "N", defaultValue = "8443",
			description = "The token endpoint's port on 127.0.0.1; 0 picks a free one.")
	int identityPort;

	@Option(names = "--client-secret-file", paramLabel = "PATH",
			description = "A file holding the client secret the token endpoint accepts.")
	Path clientSecretFile;

	@Option(names = "--client-certificate", paramLabel = "PATH",
			description = "A certificate (PEM or DER) whose private key must sign client assertions.")
	Path clientCertificate;

	@Option(names = "--federated-assertions", paramLabel = "PATH",
			description = "A file of accepted federated client assertions (workload identity), one per line.")
	Path federatedAssertions;

	@Option(names = "--managed-identity-header", paramLabel = "VALUE",
			description = "Serve App Service's managed identity endpoint at http://127.0.0.1:PORT/msi/token,"
					+ " expecting this X-IDENTITY-HEADER (the job reads IDENTITY_ENDPOINT and IDENTITY_HEADER).")
	String managedIdentityHeader;

	@Option(names = "--token-lifetime", paramLabel = "DURATION", defaultValue = "1h",
			converter = OptionValues.DurationValue.class, description = "How long issued tokens are accepted.")
	Duration tokenLifetime;

	@Option(names = "--trust-store-out", paramLabel = "PATH",
			description = "Write a PKCS#12 trust store with the token endpoint's self-signed certificate (password"
					+ " changeit), for -Djavax.net.ssl.trustStore=PATH -Djavax.net.ssl.trustStorePassword=changeit.")
	Path trustStoreOut;

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	SimulateCommand(Console console, boolean ownsProcess) {
		this.console = console;
		this.ownsProcess = ownsProcess;
	}

	@Override
	public Integer call() throws Exception {
		for (double share : new double[] { this.throttleRate, this.noRetryAfterShare, this.errorRate, this.dropRate }) {
			if (share < 0 || share > 1) {
				throw new CommandLine.ParameterException(this.spec.commandLine(),
						"a rate or share must be between 0 and 1, not " + share);
			}
		}
		SimulatorSettings.Builder settings = new SimulatorSettings.Builder();
		settings.port = this.port;
		settings.seed = this.seed;
		settings.throttleShare = this.throttleRate;
		settings.noRetryAfterShare = this.noRetryAfterShare;
		settings.retryAfter = this.retryAfter;
		settings.serverErrorShare = this.errorRate;
		settings.dropShare = this.dropRate;
		settings.latency = this.latency;
		settings.writeQuota = this.writeQuota;
		settings.readQuota = this.readQuota;
		settings.quotaWindow = this.quotaWindow;
		settings.quotaKind = this.quotaKind;
		settings.readFaults = this.readFaults;
		settings.pageSize = this.pageSize;
		settings.acceptedToken = this.token;
		settings.knownIds = readLines(this.knownIds, "--known-ids");
		settings.identity = identitySettings();
		settings.identityPort = this.identityPort;
		GraphSimulator simulator = GraphSimulator.start(settings.build());
		if (this.statuses != null) {
			try {
				long held = simulator.hold(this.statuses);
				this.console.out().println("Holding " + held + " statuses from " + this.statuses);
			}
			catch (IllegalArgumentException ex) {
				simulator.close();
				throw new UsageProblem("--statuses " + ex.getMessage());
			}
		}
		this.console.out().println("Graph simulator listening on " + simulator.graphUrl() + " (Ctrl-C to stop)");
		if (settings.identity != null) {
			if (this.clientId != null) {
				this.console.out().println("Identity platform: sign in with --authority-url " + simulator.authorityUrl()
						+ " --tenant-id " + this.tenantId + " --client-id " + this.clientId);
			}
			if (this.managedIdentityHeader != null) {
				this.console.out().println("Managed identity: IDENTITY_ENDPOINT=" + simulator.managedIdentityEndpoint());
			}
			if (this.trustStoreOut != null && this.clientId != null) {
				simulator.writeTrustStore(this.trustStoreOut);
				this.console.out().println("Trust store for the token endpoint: " + this.trustStoreOut + " (password "
						+ SelfSignedTls.TRUST_STORE_PASSWORD + ")");
			}
		}
		if (this.portFile != null) {
			Files.writeString(this.portFile, Integer.toString(simulator.port()));
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Thread hook = new Thread(() -> {
			simulator.close();
			if (this.dump != null) {
				try {
					simulator.dumpTo(this.dump);
				}
				catch (IOException ex) {
					this.console.problem("cannot write " + this.dump + ": " + ex.getMessage());
				}
			}
			stopped.countDown();
		}, "simulator-stop");
		if (this.ownsProcess) {
			Runtime.getRuntime().addShutdownHook(hook);
		}
		stopped.await();
		return 0;
	}

	private IdentitySettings identitySettings() {
		if (this.clientId == null && this.managedIdentityHeader == null) {
			return null;
		}
		String secret = null;
		if (this.clientSecretFile != null) {
			try {
				secret = Files.readString(this.clientSecretFile).strip();
			}
			catch (IOException ex) {
				throw new UsageProblem("--client-secret-file " + this.clientSecretFile + " cannot be read: "
						+ ex.getMessage());
			}
		}
		X509Certificate certificate = null;
		if (this.clientCertificate != null) {
			try (InputStream in = Files.newInputStream(this.clientCertificate)) {
				certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
			}
			catch (IOException | CertificateException ex) {
				throw new UsageProblem("--client-certificate " + this.clientCertificate + " is not a readable PEM or DER"
						+ " certificate: " + ex.getMessage());
			}
		}
		return new IdentitySettings(this.tenantId, this.clientId == null ? "" : this.clientId, secret, certificate,
				readLines(this.federatedAssertions, "--federated-assertions"), this.managedIdentityHeader,
				this.tokenLifetime);
	}

	private static Set<String> readLines(Path file, String option) {
		if (file == null) {
			return Set.of();
		}
		try {
			return Files.readAllLines(file)
				.stream()
				.map(String::strip)
				.filter(line -> !line.isEmpty() && !line.startsWith("#"))
				.collect(Collectors.toSet());
		}
		catch (IOException ex) {
			throw new UsageProblem(option + " " + file + " cannot be read: " + ex.getMessage());
		}
	}

}
