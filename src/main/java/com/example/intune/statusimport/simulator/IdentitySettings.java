package com.example.intune.statusimport.simulator;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Set;

/**
 * The simulated identity platform: one tenant with one application, and the credentials it accepts.
 *
 * @param tenantId the tenant id in the token endpoint's path
 * @param clientId the application's client id
 * @param clientSecret the accepted client secret, or {@code null}
 * @param clientCertificate the certificate whose key must sign client assertions, or {@code null}
 * @param federatedAssertions the accepted federated client assertions (workload identity)
 * @param identityHeader the {@code X-IDENTITY-HEADER} the App Service managed identity endpoint expects, or
 * {@code null} to serve no managed identity
 * @param tokenLifetime how long issued tokens are accepted by the Graph endpoint
 */
public record IdentitySettings(String tenantId, String clientId, String clientSecret,
		X509Certificate clientCertificate, Set<String> federatedAssertions, String identityHeader,
		Duration tokenLifetime) {

	public IdentitySettings {
		federatedAssertions = Set.copyOf(federatedAssertions);
	}

}
