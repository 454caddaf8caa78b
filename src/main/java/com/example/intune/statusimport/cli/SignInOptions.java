package com.example.intune.statusimport.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Stack;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import com.example.intune.statusimport.graph.AccessTokenSource;
import com.example.intune.statusimport.signin.Cloud;
import com.example.intune.statusimport.signin.SignIn;

/**
 * How to sign in. Secrets come from the environment or files, never from option values, which every user of the
 * machine can see in the process list; {@link SignIn} checks that exactly one credential was given.
 */
final class SignInOptions {

	@Option(names = "--tenant-id", paramLabel = "ID", description = "Sign in as an application of this tenant.")
	String tenantId;

	@Option(names = "--client-id", paramLabel = "ID",
			description = "The application (client) id. With a client secret in GRAPH_CLIENT_SECRET or"
					+ " --client-secret-file, --certificate, or --federated-token-file.")
	String clientId;

	@Option(names = "--client-secret-file", paramLabel = "PATH",
			description = "A file holding the client secret (never give a secret as an option value).")
	Path clientSecretFile;

	@Option(names = "--certificate", paramLabel = "PATH",
			description = "The application's certificate and private key: a PKCS#12 file (password from"
					+ " GRAPH_CERTIFICATE_PASSWORD) or a PEM file.")
	Path certificate;

	@Option(names = "--federated-token-file", paramLabel = "PATH",
			description = "A federated client assertion (workload identity), re-read for every new token."
					+ " Default with --tenant-id and --client-id and no other credential: AZURE_FEDERATED_TOKEN_FILE.")
	Path federatedTokenFile;

	@Option(names = "--managed-identity", paramLabel = "CLIENT_ID", arity = "0..1", fallbackValue = "",
			preprocessor = OnlyAttachedValue.class,
			description = "Sign in as the managed identity of the Azure host (VM, App Service, Container Apps);"
					+ " give the client id of a user-assigned identity as --managed-identity=CLIENT_ID.")
	String managedIdentity;

	@Option(names = "--cloud", paramLabel = "global|usgov|usgov-dod|china", converter = OptionValues.CloudValue.class,
			description = "The Microsoft cloud: sets the sign-in host, the Graph host and the token scope.")
	Cloud cloud = Cloud.GLOBAL;

	@Option(names = "--authority-url", paramLabel = "URL",
			description = "The sign-in endpoint root instead of the cloud's (a private or test identity endpoint);"
					+ " the tenant id is appended.")
	String authorityUrl;

	/**
	 * {@code --managed-identity=CLIENT_ID} takes a client id only when it is attached with {@code =}: a word after
	 * a plain {@code --managed-identity} is the input file, not an id.
	 */
	static final class OnlyAttachedValue implements CommandLine.IParameterPreprocessor {

		@Override
		public boolean preprocess(Stack<String> args, CommandLine.Model.CommandSpec command,
				CommandLine.Model.ArgSpec option, Map<String, Object> info) {
			if (!"=".equals(info.get("separator"))) {
				option.setValue("");
				return true;
			}
			return false;
		}

	}

	/** Chooses the credential and builds its token source; nothing is contacted yet. */
	AccessTokenSource tokenSource(Map<String, String> environment) {
		if (this.authorityUrl != null && (!this.authorityUrl.strip().startsWith("https://")
				|| this.authorityUrl.substring(8).split("/", 2)[0].contains("@"))) {
			throw new OptionProblem("--authority-url must be an https URL without a user name or password, such as"
					+ " https://login.microsoftonline.com");
		}
		String managedIdentityClientId = this.managedIdentity == null || this.managedIdentity.isBlank() ? null
				: this.managedIdentity.strip();
		return new SignIn(strip(this.tenantId), strip(this.clientId), this.clientSecretFile, this.certificate,
				this.federatedTokenFile, this.managedIdentity != null, managedIdentityClientId, this.cloud,
				strip(this.authorityUrl))
			.tokenSource(environment);
	}

	private static String strip(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
