package com.example.intune.statusimport.signin;

import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.ManagedIdentityApplication;
import com.microsoft.aad.msal4j.ManagedIdentityId;
import com.microsoft.aad.msal4j.ManagedIdentityParameters;

import com.example.intune.statusimport.graph.AccessTokenSource;
import com.example.intune.statusimport.graph.EnvironmentAccessToken;

/**
 * How the user asked the job to get its tokens, and the one place that turns that into a token source. Exactly one
 * credential must be given: a token in {@code GRAPH_ACCESS_TOKEN}, a client secret, a certificate, a federated token
 * file, or a managed identity. Secrets are read from the environment or files, never from option values, which every
 * user of the machine can see in the process list.
 *
 * @param tenantId the directory (tenant) id or domain
 * @param clientId the application (client) id
 * @param clientSecretFile a file holding the client secret
 * @param certificate a PKCS#12 or PEM file with the application's certificate and private key
 * @param federatedTokenFile a file holding a federated client assertion, re-read for every new token
 * @param managedIdentity whether to use the managed identity of the Azure host
 * @param managedIdentityClientId the client id of a user-assigned managed identity, or {@code null}
 * @param cloud the Microsoft cloud
 * @param authorityUrl the sign-in endpoint root instead of the cloud's, or {@code null}
 */
public record SignIn(String tenantId, String clientId, Path clientSecretFile, Path certificate,
		Path federatedTokenFile, boolean managedIdentity, String managedIdentityClientId, Cloud cloud,
		String authorityUrl) {

	public static final String CLIENT_SECRET_VARIABLE = "GRAPH_CLIENT_SECRET";

	public static final String FEDERATED_TOKEN_FILE_VARIABLE = "AZURE_FEDERATED_TOKEN_FILE";

	/**
	 * Chooses the credential and builds its token source; nothing is contacted yet.
	 * @throws SignInException when no credential, two, or half of one was given
	 */
	public AccessTokenSource tokenSource(Map<String, String> environment) {
		String secretFromEnvironment = nonBlank(environment.get(CLIENT_SECRET_VARIABLE));
		boolean application = this.tenantId != null || this.clientId != null;
		Map<Source, String> given = new EnumMap<>(Source.class);
		if (nonBlank(environment.get(EnvironmentAccessToken.VARIABLE)) != null) {
			given.put(Source.ACCESS_TOKEN, "a token in " + EnvironmentAccessToken.VARIABLE);
		}
		if (secretFromEnvironment != null) {
			given.put(Source.SECRET_VARIABLE, "a client secret in " + CLIENT_SECRET_VARIABLE);
		}
		if (this.clientSecretFile != null) {
			given.put(Source.SECRET_FILE, "--client-secret-file");
		}
		if (this.certificate != null) {
			given.put(Source.CERTIFICATE, "--certificate");
		}
		if (this.federatedTokenFile != null) {
			given.put(Source.FEDERATED_TOKEN, "--federated-token-file");
		}
		if (this.managedIdentity) {
			given.put(Source.MANAGED_IDENTITY, "--managed-identity");
		}
		Path federatedFile = this.federatedTokenFile;
		if (given.isEmpty() && application && nonBlank(environment.get(FEDERATED_TOKEN_FILE_VARIABLE)) != null) {
			// the standard variable of workload identity (Kubernetes, CI runners) counts when nothing else is given
			federatedFile = Path.of(environment.get(FEDERATED_TOKEN_FILE_VARIABLE).strip());
			given.put(Source.FEDERATED_TOKEN, FEDERATED_TOKEN_FILE_VARIABLE);
		}
		if (given.isEmpty()) {
			throw new SignInException("no credential: sign in with --tenant-id and --client-id plus a client secret ("
					+ CLIENT_SECRET_VARIABLE + " or --client-secret-file), --certificate or --federated-token-file;"
					+ " or use --managed-identity on Azure; or set " + EnvironmentAccessToken.VARIABLE
					+ " to a token. --dry-run needs none.");
		}
		if (given.size() > 1) {
			throw new SignInException("give exactly one credential; these were given: "
					+ String.join(", ", given.values()));
		}
		Source source = given.keySet().iterator().next();
		String described = given.get(source);
		if (source == Source.MANAGED_IDENTITY) {
			if (application) {
				throw new SignInException("--managed-identity signs in as the Azure host's identity and takes no"
						+ " --tenant-id or --client-id; for a user-assigned identity write --managed-identity=CLIENT_ID");
			}
			return managedIdentityTokens();
		}
		if (source == Source.ACCESS_TOKEN) {
			if (application) {
				throw new SignInException(EnvironmentAccessToken.VARIABLE + " holds a token, so --tenant-id and"
						+ " --client-id are not used; give either the token or an application's credential");
			}
			return EnvironmentAccessToken.from(environment);
		}
		if (this.tenantId == null || this.clientId == null) {
			throw new SignInException(described + " needs both --tenant-id and --client-id; "
					+ (this.tenantId == null ? "--tenant-id" : "--client-id") + " is missing");
		}
		Path tokenFile = federatedFile;
		return switch (source) {
			case SECRET_VARIABLE -> confidentialClientTokens(ClientCredentialFactory.createFromSecret(
					secretFromEnvironment), "client secret");
			case SECRET_FILE -> confidentialClientTokens(ClientCredentialFactory.createFromSecret(
					readSecretFile(this.clientSecretFile)), "client secret");
			case CERTIFICATE -> confidentialClientTokens(CertificateCredential.load(this.certificate,
					environment.get(CertificateCredential.PASSWORD_VARIABLE)), "certificate");
			default -> confidentialClientTokens(ClientCredentialFactory.createFromCallback(
					() -> readFederatedToken(tokenFile)), "federated token");
		};
	}

	/** The kinds of credential a user can give. */
	private enum Source {
		ACCESS_TOKEN, SECRET_VARIABLE, SECRET_FILE, CERTIFICATE, FEDERATED_TOKEN, MANAGED_IDENTITY
	}

	/** The authority MSAL signs in against: the cloud's host or {@code --authority-url}, then the tenant. */
	public String authority() {
		String root = this.authorityUrl != null ? this.authorityUrl : this.cloud.authorityHost();
		while (root.endsWith("/")) {
			root = root.substring(0, root.length() - 1);
		}
		return root + "/" + this.tenantId + "/";
	}

	private AccessTokenSource confidentialClientTokens(IClientCredential credential, String kind) {
		ConfidentialClientApplication application;
		try {
			// instance discovery asks the public cloud about the authority: pointless for a known cloud host, and
			// impossible for a private or test endpoint
			application = ConfidentialClientApplication.builder(this.clientId, credential)
				.authority(authority())
				.instanceDiscovery(false)
				.validateAuthority(false)
				.build();
		}
		catch (MalformedURLException | IllegalArgumentException ex) {
			throw new SignInException("the sign-in endpoint " + authority() + " is not a valid https URL ("
					+ ex.getMessage() + ")");
		}
		Set<String> scopes = Set.of(this.cloud.graphScope());
		String identity = "application " + this.clientId + " in tenant " + this.tenantId + " with a " + kind + " at "
				+ authority();
		return new RenewingAccessToken(forceRefresh -> application
			.acquireToken(ClientCredentialParameters.builder(scopes).skipCache(forceRefresh).build())
			.get(), identity, Clock.systemUTC());
	}

	private AccessTokenSource managedIdentityTokens() {
		ManagedIdentityId id = this.managedIdentityClientId == null ? ManagedIdentityId.systemAssigned()
				: ManagedIdentityId.userAssignedClientId(this.managedIdentityClientId);
		ManagedIdentityApplication application = ManagedIdentityApplication.builder(id).build();
		String resource = this.cloud.graphResource();
		String identity = this.managedIdentityClientId == null ? "the system-assigned managed identity"
				: "the user-assigned managed identity " + this.managedIdentityClientId;
		return new RenewingAccessToken(forceRefresh -> application
			.acquireTokenForManagedIdentity(ManagedIdentityParameters.builder(resource).forceRefresh(forceRefresh).build())
			.get(), identity, Clock.systemUTC());
	}

	private static String readSecretFile(Path file) {
		return readCredentialFile(file, "client secret");
	}

	/** Read for every new token: the file is rotated underneath a running job. */
	private static String readFederatedToken(Path file) {
		return readCredentialFile(file, "federated token");
	}

	private static String readCredentialFile(Path file, String what) {
		try {
			String content = Files.readString(file).strip();
			if (content.isEmpty()) {
				throw new SignInException("the " + what + " file " + file + " is empty");
			}
			return content;
		}
		catch (NoSuchFileException ex) {
			throw new SignInException("the " + what + " file " + file + " does not exist");
		}
		catch (IOException ex) {
			throw new SignInException("the " + what + " file " + file + " cannot be read: " + ex.getMessage());
		}
	}

	private static String nonBlank(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
