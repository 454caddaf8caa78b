package com.example.intune.statusimport.signin;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.intune.statusimport.cli.Main;
import com.example.intune.statusimport.simulator.GraphSimulator;
import com.example.intune.statusimport.simulator.IdentitySettings;
import com.example.intune.statusimport.simulator.SimulatorSettings;
import com.example.intune.statusimport.support.CommandRun;
import com.example.intune.statusimport.support.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in as an application against the simulated identity platform (TLS, MSAL4J), then importing: each kind
 * of credential, renewal through runs that outlast several tokens, and each way signing in can fail. Every test
 * also checks that no secret, password, assertion or token was printed or written.
 */
class SignInTests {

	static final String TENANT = "contoso-test";

	static final String CLIENT = "11111111-2222-3333-4444-555555555555";

	static final String SECRET = "s3cr3t-Value~of-the.app_7Q";

	static final String CERTIFICATE_PASSWORD = "pfx-password-9d1c";

	@TempDir
	Path dir;

	Workspace workspace;

	GraphSimulator simulator;

	private SSLSocketFactory previousDefault;

	@BeforeEach
	void setUp() {
		this.workspace = new Workspace(this.dir);
		this.previousDefault = HttpsURLConnection.getDefaultSSLSocketFactory();
	}

	@AfterEach
	void tearDown() {
		HttpsURLConnection.setDefaultSSLSocketFactory(this.previousDefault);
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	private GraphSimulator start(IdentitySettings identity, Duration latency) {
		this.simulator = GraphSimulator.start(SimulatorSettings.healthy().withIdentity(identity).withLatency(latency));
		// MSAL's default HTTP client uses the JVM's default TLS settings, as the program does with
		// -Djavax.net.ssl.trustStore; a test sets them in place
		HttpsURLConnection.setDefaultSSLSocketFactory(this.simulator.identityTrust().getSocketFactory());
		return this.simulator;
	}

	private static IdentitySettings identity(String secret, java.security.cert.X509Certificate certificate,
			Set<String> assertions, Duration lifetime) {
		return new IdentitySettings(TENANT, CLIENT, secret, certificate, assertions, null, lifetime);
	}

	private Path rows(int count) {
		StringBuilder csv = new StringBuilder("deviceConfigurationId,id,status\n");
		for (int i = 1; i <= count; i++) {
			csv.append("cfg-1,dcs-").append(i).append(",compliant\n");
		}
		return this.workspace.write("statuses.csv", csv.toString());
	}

	private CommandRun importSigningIn(Map<String, String> environment, Path input, String... credentialArgs) {
		List<String> args = new ArrayList<>(List.of("--tenant-id", TENANT, "--client-id", CLIENT, "--authority-url",
				this.simulator.authorityUrl()));
		args.addAll(List.of(credentialArgs));
		return this.workspace.importWith(environment, this.simulator.graphUrl(), input, args.toArray(String[]::new));
	}

	/** Nothing secret in what was printed, the report or the job store. */
	private void assertNoSecretAnywhere(CommandRun run, String... secrets) {
		String everything = run.output() + this.workspace.allFilesAsText();
		List<String> all = new ArrayList<>(List.of(secrets));
		if (this.simulator != null) {
			all.addAll(this.simulator.issuedTokens());
		}
		for (String secret : all) {
			assertThat(everything).as("a secret was printed or written").doesNotContain(secret);
		}
	}

	private static HeldCertificate certificate() {
		return new HeldCertificate.Builder().commonName("device-status-import test").rsa2048().build();
	}

	private Path pkcs12(HeldCertificate certificate, String password) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("app", certificate.keyPair().getPrivate(), password.toCharArray(),
				new Certificate[] { certificate.certificate() });
		Path file = this.workspace.writeCredential("app.pfx", "");
		try (OutputStream out = Files.newOutputStream(file)) {
			store.store(out, password.toCharArray());
		}
		return file;
	}

	@Nested
	class Credentials {

		@Test
		void aClientSecretFromTheEnvironment() {
			start(identity(SECRET, null, Set.of(), Duration.ofHours(1)), Duration.ZERO);
			Path input = rows(20);

			CommandRun run = importSigningIn(Map.of(SignIn.CLIENT_SECRET_VARIABLE, SECRET), input);

			assertThat(run.exitCode()).as(run.output()).isZero();
			assertThat(SignInTests.this.simulator.statuses()).hasSize(20);
			assertThat(SignInTests.this.simulator.tokensIssued()).isEqualTo(1);
			assertNoSecretAnywhere(run, SECRET);
		}

		@Test
		void aClientSecretFromAFile() throws Exception {
			start(identity(SECRET, null, Set.of(), Duration.ofHours(1)), Duration.ZERO);
			Path secretFile = SignInTests.this.workspace.writeCredential("secret.txt", SECRET + "\n");

			CommandRun run = importSigningIn(Map.of(), rows(5), "--client-secret-file", secretFile.toString());

			assertThat(run.exitCode()).as(run.output()).isZero();
			assertThat(SignInTests.this.simulator.statuses()).hasSize(5);
			assertNoSecretAnywhere(run, SECRET);
		}

		@Test
		void aPkcs12Certificate() throws Exception {
			HeldCertificate certificate = certificate();
			start(identity(null, certificate.certificate(), Set.of(), Duration.ofHours(1)), Duration.ZERO);
			Path pfx = pkcs12(certificate, CERTIFICATE_PASSWORD);

			CommandRun run = importSigningIn(Map.of(CertificateCredential.PASSWORD_VARIABLE, CERTIFICATE_PASSWORD),
					rows(5), "--certificate", pfx.toString());

			assertThat(run.exitCode()).as(run.output()).isZero();
			assertThat(SignInTests.this.simulator.statuses()).hasSize(5);
			assertNoSecretAnywhere(run, CERTIFICATE_PASSWORD);
		}

		@Test
		void aPemCertificateWithAPkcs8OrPkcs1Key() {
			HeldCertificate certificate = certificate();
			start(identity(null, certificate.certificate(), Set.of(), Duration.ofHours(1)), Duration.ZERO);
			Path pkcs8 = SignInTests.this.workspace.writeCredential("app.pem",
					certificate.certificatePem() + certificate.privateKeyPkcs8Pem());
			Path pkcs1 = SignInTests.this.workspace.writeCredential("app-rsa.pem",
					certificate.privateKeyPkcs1Pem() + certificate.certificatePem());

			CommandRun first = importSigningIn(Map.of(), rows(3), "--certificate", pkcs8.toString());
			CommandRun second = importSigningIn(Map.of(), rows(3), "--certificate", pkcs1.toString());

			assertThat(first.exitCode()).as(first.output()).isZero();
			assertThat(second.exitCode()).as(second.output()).isZero();
			assertThat(SignInTests.this.simulator.statuses()).hasSize(3);
			String key = keyLine(certificate.privateKeyPkcs8Pem());
			assertNoSecretAnywhere(first, key, keyLine(certificate.privateKeyPkcs1Pem()));
			assertNoSecretAnywhere(second, key, keyLine(certificate.privateKeyPkcs1Pem()));
		}

		/** A line from the middle of a PEM key: text that only the key holds. */
		private String keyLine(String pem) {
			List<String> lines = pem.lines().toList();
			return lines.get(lines.size() / 2);
		}

		@Test
		void aFederatedTokenFileIsReadAgainForEachNewToken() throws Exception {
			start(identity(null, null, Set.of("assertion-one"), Duration.ofSeconds(2)), Duration.ofMillis(20));
			Path tokenFile = SignInTests.this.workspace.writeCredential("federated-token", "assertion-one\n");
			Path input = rows(150);
			java.util.concurrent.atomic.AtomicReference<Throwable> rotationFailed = new java.util.concurrent.atomic
				.AtomicReference<>();
			Thread rotation = new Thread(() -> {
				try {
					// rotated once the first token was issued with the old assertion, so the next one needs the new
					long deadline = System.nanoTime() + 30_000_000_000L;
					while (SignInTests.this.simulator.tokensIssued() < 1) {
						if (System.nanoTime() - deadline > 0) {
							throw new IllegalStateException("no token was issued within 30 s");
						}
						Thread.sleep(10);
					}
					// the platform learns the new assertion first, the file is rotated, then the old one is retired
					SignInTests.this.simulator.updateIdentity(current -> new IdentitySettings(TENANT, CLIENT, null, null,
							Set.of("assertion-one", "assertion-two"), null, current.tokenLifetime()));
					Files.writeString(tokenFile, "assertion-two");
					SignInTests.this.simulator.updateIdentity(current -> new IdentitySettings(TENANT, CLIENT, null, null,
							Set.of("assertion-two"), null, current.tokenLifetime()));
				}
				catch (Exception ex) {
					rotationFailed.set(ex);
				}
			});
			rotation.start();

			CommandRun run = importSigningIn(Map.of(), input, "--federated-token-file", tokenFile.toString(),
					"--concurrency", "1");
			rotation.join(10_000);

			assertThat(rotation.isAlive()).as("the rotation finished").isFalse();
			assertThat(rotationFailed.get()).as("the rotation went through").isNull();
			assertThat(run.exitCode()).as(run.output()).isZero();
			assertThat(SignInTests.this.simulator.statuses()).hasSize(150);
			assertThat(SignInTests.this.simulator.tokensIssued()).isGreaterThan(1);
			assertNoSecretAnywhere(run, "assertion-one", "assertion-two");
		}

		@Test
		void theStandardFederatedTokenVariableIsUsedWhenNothingElseIsGiven() {
			start(identity(null, null, Set.of("k8s-assertion"), Duration.ofHours(1)), Duration.ZERO);
			Path tokenFile = SignInTests.this.workspace.writeCredential("azure-identity-token", "k8s-assertion");

			CommandRun run = importSigningIn(Map.of(SignIn.FEDERATED_TOKEN_FILE_VARIABLE, tokenFile.toString()),
					rows(3));

			assertThat(run.exitCode()).as(run.output()).isZero();
			assertNoSecretAnywhere(run, "k8s-assertion");
		}

		@Test
		void aManagedIdentityThroughTheAppServiceEndpoint() throws Exception {
			SignInTests.this.simulator = GraphSimulator.start(SimulatorSettings.healthy()
				.withIdentity(new IdentitySettings(TENANT, CLIENT, null, null, Set.of(), "identity-header-7f",
						Duration.ofHours(1))));
			Path input = rows(4);
			Path log = SignInTests.this.dir.resolve("managed-identity.log");
			ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-cp", System.getProperty("java.class.path"), Main.class.getName(), "import", "--managed-identity",
					"--graph-url", SignInTests.this.simulator.graphUrl(), "--job-store",
					SignInTests.this.workspace.jobStore().toString(), input.toString())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().put("IDENTITY_ENDPOINT", SignInTests.this.simulator.managedIdentityEndpoint());
			builder.environment().put("IDENTITY_HEADER", "identity-header-7f");
			builder.environment().remove("GRAPH_ACCESS_TOKEN");
			Process process = builder.start();
			assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

			assertThat(process.exitValue()).as(Files.readString(log)).isZero();
			assertThat(SignInTests.this.simulator.statuses()).hasSize(4);
			assertThat(SignInTests.this.simulator.tokensIssued()).isEqualTo(1);
			// the log is one of the folder's files, so the search covers it with the report and the job store
			assertNoSecretAnywhere(new CommandRun(0, "", ""), "identity-header-7f");
		}

	}

	@Nested
	class LongRuns {

		@Test
		void aRunOutlastingSeveralTokensRenewsThemAheadOfExpiry() {
			// the token answer counts whole seconds, so a 3 s token may live only 2 s here
			Duration lifetime = Duration.ofSeconds(3);
			start(identity(SECRET, null, Set.of(), lifetime), Duration.ofMillis(15));
			Path input = rows(400);
			long started = System.nanoTime();

			CommandRun run = importSigningIn(Map.of(SignIn.CLIENT_SECRET_VARIABLE, SECRET), input,
					"--concurrency", "1");

			double seconds = (System.nanoTime() - started) / 1e9;
			assertThat(run.exitCode()).as(run.output()).isZero();
			assertThat(SignInTests.this.simulator.statuses()).hasSize(400);
			assertThat(SignInTests.this.simulator.answers()).as("no 401 was ever needed").doesNotContainKey(401);
			long tokens = SignInTests.this.simulator.tokensIssued();
			// renewed a fifth of the lifetime ahead: at most one token per 1.6 s of run, not one per PATCH
			assertThat(tokens).isGreaterThanOrEqualTo(2).isLessThanOrEqualTo((long) (seconds / 1.6) + 2);
			assertThat(tokens).isLessThan(SignInTests.this.simulator.requests() / 20);
			assertNoSecretAnywhere(run, SECRET);
		}

		@Test
		void revokedTokensAreReplacedOnceAndTheRunGoesOn() throws Exception {
			start(identity(SECRET, null, Set.of(), Duration.ofHours(1)), Duration.ofMillis(10));
			Path input = rows(200);
			Thread revoker = new Thread(() -> {
				try {
					while (SignInTests.this.simulator.statuses().size() < 50) {
						Thread.sleep(10);
					}
					SignInTests.this.simulator.revokeTokens();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			revoker.setDaemon(true);
			revoker.start();

			CommandRun run = importSigningIn(Map.of(SignIn.CLIENT_SECRET_VARIABLE, SECRET), input);

			assertThat(run.exitCode()).as(run.output()).isZero();
			assertThat(SignInTests.this.simulator.statuses()).hasSize(200);
			assertThat(SignInTests.this.simulator.answers().get(401)).as("the requests in flight").isBetween(1L, 4L);
			assertThat(SignInTests.this.simulator.tokensIssued()).isEqualTo(2);
			assertNoSecretAnywhere(run, SECRET);
		}

		@Test
		void aCredentialRevokedMidRunStopsWithExitCode3AndTheFixedCredentialResumes() throws Exception {
			start(identity(SECRET, null, Set.of(), Duration.ofSeconds(1)), Duration.ofMillis(10));
			Path input = rows(300);
			Thread rotation = new Thread(() -> {
				try {
					while (SignInTests.this.simulator.statuses().size() < 40) {
						Thread.sleep(10);
					}
					SignInTests.this.simulator.updateIdentity(current -> new IdentitySettings(TENANT, CLIENT,
							"rotated-secret-value-2", null, Set.of(), null, current.tokenLifetime()));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			rotation.setDaemon(true);
			rotation.start();

			CommandRun stopped = importSigningIn(Map.of(SignIn.CLIENT_SECRET_VARIABLE, SECRET), input);

			assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(3);
			assertThat(stopped.err()).contains("AADSTS7000215");
			assertThat(SignInTests.this.simulator.statuses().size()).isLessThan(300);

			CommandRun resumed = importSigningIn(
					Map.of(SignIn.CLIENT_SECRET_VARIABLE, "rotated-secret-value-2"), input);

			assertThat(resumed.exitCode()).as(resumed.output()).isZero();
			assertThat(resumed.out()).contains("Resuming run 1");
			assertThat(SignInTests.this.simulator.statuses()).hasSize(300);
			assertThat(Workspace.readCsv(Workspace.reportOf(input))).hasSize(1);
			assertNoSecretAnywhere(stopped, SECRET, "rotated-secret-value-2");
			assertNoSecretAnywhere(resumed, SECRET, "rotated-secret-value-2");
		}

		@Test
		void anExpiredAccessTokenFromTheEnvironmentStopsWithExitCode3AndANewOneResumes() throws Exception {
			start(identity(SECRET, null, Set.of(), Duration.ofSeconds(1)), Duration.ofMillis(10));
			String shortLived = tokenFromTheSimulator();
			Path input = rows(300);

			CommandRun stopped = SignInTests.this.workspace.importWith(Map.of("GRAPH_ACCESS_TOKEN", shortLived),
					SignInTests.this.simulator.graphUrl(), input);

			assertThat(stopped.exitCode()).as(stopped.output()).isEqualTo(3);
			assertThat(stopped.err()).contains("Graph rejected the access token (401 InvalidAuthenticationToken:"
					+ " Lifetime validation failed, the token is expired.)");

			SignInTests.this.simulator.updateIdentity(current -> new IdentitySettings(TENANT, CLIENT, SECRET, null,
					Set.of(), null, Duration.ofHours(1)));
			CommandRun resumed = SignInTests.this.workspace.importWith(
					Map.of("GRAPH_ACCESS_TOKEN", tokenFromTheSimulator()), SignInTests.this.simulator.graphUrl(), input);

			assertThat(resumed.exitCode()).as(resumed.output()).isZero();
			assertThat(SignInTests.this.simulator.statuses()).hasSize(300);
			assertNoSecretAnywhere(stopped, shortLived);
			assertNoSecretAnywhere(resumed, shortLived);
		}

		private String tokenFromTheSimulator() {
			return new SignIn(TENANT, CLIENT, null, null, null, false, null, Cloud.GLOBAL,
					SignInTests.this.simulator.authorityUrl())
				.tokenSource(Map.of(SignIn.CLIENT_SECRET_VARIABLE, SECRET))
				.accessToken();
		}

	}

	@Nested
	class Failures {

		@Test
		void aWrongSecretFailsBeforeTheInputIsReadWithTheIdentityPlatformsExplanation() {
			start(identity(SECRET, null, Set.of(), Duration.ofHours(1)), Duration.ZERO);
			Path missingInput = SignInTests.this.dir.resolve("not-read-yet.csv");

			CommandRun run = importSigningIn(Map.of(SignIn.CLIENT_SECRET_VARIABLE, "wrong-secret-value"),
					missingInput);

			assertThat(run.exitCode()).isEqualTo(3);
			assertThat(run.err()).contains("signing in as application " + CLIENT + " in tenant " + TENANT)
				.contains("invalid_client: AADSTS7000215: Invalid client secret provided")
				.doesNotContain("not-read-yet.csv")
				.doesNotContain("Exception");
			assertThat(SignInTests.this.simulator.requests()).isZero();
			assertNoSecretAnywhere(run, "wrong-secret-value", SECRET);
		}

		@Test
		void aWrongTenant() {
			start(identity(SECRET, null, Set.of(), Duration.ofHours(1)), Duration.ZERO);

			CommandRun run = SignInTests.this.workspace.importWith(Map.of(SignIn.CLIENT_SECRET_VARIABLE, SECRET),
					SignInTests.this.simulator.graphUrl(), rows(1), "--tenant-id", "fabrikam", "--client-id", CLIENT,
					"--authority-url", SignInTests.this.simulator.authorityUrl());

			assertThat(run.exitCode()).isEqualTo(3);
			assertThat(run.err()).contains("AADSTS90002: Tenant 'fabrikam' not found");
			assertNoSecretAnywhere(run, SECRET);
		}

		@Test
		void aCertificateTheAppDoesNotKnow() throws Exception {
			start(identity(null, certificate().certificate(), Set.of(), Duration.ofHours(1)), Duration.ZERO);
			Path pfx = pkcs12(certificate(), CERTIFICATE_PASSWORD);

			CommandRun run = importSigningIn(Map.of(CertificateCredential.PASSWORD_VARIABLE, CERTIFICATE_PASSWORD),
					rows(1), "--certificate", pfx.toString());

			assertThat(run.exitCode()).isEqualTo(3);
			assertThat(run.err()).contains("AADSTS700027");
			assertNoSecretAnywhere(run, CERTIFICATE_PASSWORD);
		}

		@Test
		void anUnreadableOrWronglyProtectedCertificateFile() throws Exception {
			start(identity(null, certificate().certificate(), Set.of(), Duration.ofHours(1)), Duration.ZERO);
			Path pfx = pkcs12(certificate(), CERTIFICATE_PASSWORD);
			Path garbage = SignInTests.this.workspace.writeCredential("garbage.pfx", "not a certificate");

			CommandRun missing = importSigningIn(Map.of(), rows(1), "--certificate", "/nonexistent/app.pfx");
			CommandRun wrongPassword = importSigningIn(
					Map.of(CertificateCredential.PASSWORD_VARIABLE, "not-the-password"), rows(1), "--certificate",
					pfx.toString());
			CommandRun notACertificate = importSigningIn(Map.of(), rows(1), "--certificate", garbage.toString());

			assertThat(missing.exitCode()).isEqualTo(3);
			assertThat(missing.err()).contains("the certificate file /nonexistent/app.pfx does not exist");
			assertThat(wrongPassword.exitCode()).isEqualTo(3);
			assertThat(wrongPassword.err()).contains("is not a PKCS#12 file that can be opened");
			assertThat(notACertificate.exitCode()).isEqualTo(3);
			assertThat(notACertificate.err()).contains("garbage.pfx");
			assertNoSecretAnywhere(wrongPassword, "not-the-password", CERTIFICATE_PASSWORD);
			assertNoSecretAnywhere(missing, CERTIFICATE_PASSWORD);
			assertNoSecretAnywhere(notACertificate, CERTIFICATE_PASSWORD);
		}

	}

	@Nested
	class ChoosingTheCredential {

		private CommandRun run(Map<String, String> environment, String... args) {
			List<String> all = new ArrayList<>(List.of("import", "--job-store",
					SignInTests.this.workspace.jobStore().toString()));
			all.addAll(List.of(args));
			all.add(SignInTests.this.dir.resolve("never-read.csv").toString());
			return CommandRun.run(environment, all.toArray(String[]::new));
		}

		@Test
		void noCredential() {
			CommandRun run = run(Map.of());
			assertThat(run.exitCode()).isEqualTo(3);
			assertThat(run.err()).contains("no credential").doesNotContain("never-read");
			assertNoSecretAnywhere(run);
		}

		@Test
		void twoCredentials() {
			Map<String, String> environment = new HashMap<>();
			environment.put("GRAPH_ACCESS_TOKEN", "a-token");
			environment.put(SignIn.CLIENT_SECRET_VARIABLE, "a-secret");
			CommandRun run = run(environment, "--tenant-id", "t", "--client-id", "c");
			assertThat(run.exitCode()).isEqualTo(3);
			assertThat(run.err()).contains("give exactly one credential")
				.contains("a token in GRAPH_ACCESS_TOKEN, a client secret in GRAPH_CLIENT_SECRET")
				.doesNotContain("a-secret")
				.doesNotContain("a-token");
			assertNoSecretAnywhere(run, "a-secret", "a-token");
		}

		@Test
		void halfACredential() {
			CommandRun noTenant = run(Map.of(SignIn.CLIENT_SECRET_VARIABLE, "a-secret"), "--client-id", "c");
			CommandRun managedWithClient = run(Map.of(), "--managed-identity", "--client-id", "c");
			assertThat(noTenant.exitCode()).isEqualTo(3);
			assertThat(noTenant.err()).contains("needs both --tenant-id and --client-id; --tenant-id is missing");
			assertThat(managedWithClient.exitCode()).isEqualTo(3);
			assertThat(managedWithClient.err()).contains("--managed-identity signs in as the Azure host's identity");
			assertNoSecretAnywhere(noTenant, "a-secret");
			assertNoSecretAnywhere(managedWithClient);
		}

		@Test
		void anUnknownCloud() {
			CommandRun run = run(Map.of(), "--cloud", "mars");
			assertThat(run.exitCode()).isEqualTo(3);
			assertThat(run.err()).contains("'mars' is not one of global, usgov, usgov-dod, china");
			assertNoSecretAnywhere(run);
		}

	}

}
