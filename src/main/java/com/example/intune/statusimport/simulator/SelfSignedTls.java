package com.example.intune.statusimport.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1, made when the simulator starts, because MSAL4J only talks to https
 * authorities. It is made with the JDK's own keytool, so the simulator needs no cryptography library.
 */
public final class SelfSignedTls {

	/** The password of the trust store the simulator writes: a trust store holds no secret. */
	public static final String TRUST_STORE_PASSWORD = "changeit";

	private static final char[] KEY_PASSWORD = "simulator".toCharArray();

	private final KeyStore keyStore;

	private SelfSignedTls(KeyStore keyStore) {
		this.keyStore = keyStore;
	}

	public static SelfSignedTls generate() {
		Path dir = null;
		try {
			dir = Files.createTempDirectory("graph-simulator-tls");
			Path file = dir.resolve("simulator.p12");
			String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
			Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "simulator", "-keyalg", "RSA",
					"-keysize", "2048", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity",
					"30", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", new String(KEY_PASSWORD),
					"-keypass", new String(KEY_PASSWORD)))
				.redirectErrorStream(true)
				.start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("keytool could not make a certificate: " + new String(output));
			}
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(file)) {
				keyStore.load(in, KEY_PASSWORD);
			}
			return new SelfSignedTls(keyStore);
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("the simulator cannot make its TLS certificate: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while making the TLS certificate", ex);
		}
		finally {
			deleteQuietly(dir);
		}
	}

	public Certificate certificate() {
		try {
			return this.keyStore.getCertificate("simulator");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The server side: presents the certificate. */
	public SSLContext serverContext() {
		try {
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(this.keyStore, KEY_PASSWORD);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), null, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A client side that trusts this certificate (and nothing else), for tests. */
	public SSLContext clientContext() {
		try {
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trustStore());
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Writes a PKCS#12 trust store holding the certificate, for
	 * {@code -Djavax.net.ssl.trustStore=PATH -Djavax.net.ssl.trustStorePassword=changeit}.
	 */
	public void writeTrustStore(Path path) throws IOException {
		try (OutputStream out = Files.newOutputStream(path)) {
			trustStore().store(out, TRUST_STORE_PASSWORD.toCharArray());
		}
		catch (GeneralSecurityException ex) {
			throw new IOException(ex);
		}
	}

	private KeyStore trustStore() throws GeneralSecurityException {
		try {
			KeyStore trust = KeyStore.getInstance("PKCS12");
			trust.load(null, null);
			trust.setCertificateEntry("graph-simulator", certificate());
			return trust;
		}
		catch (IOException ex) {
			throw new GeneralSecurityException(ex);
		}
	}

	private static void deleteQuietly(Path dir) {
		if (dir == null) {
			return;
		}
		try (var files = Files.list(dir)) {
			for (Path file : files.toList()) {
				Files.deleteIfExists(file);
			}
			Files.deleteIfExists(dir);
		}
		catch (IOException ex) {
			// a temporary folder left behind is harmless
		}
	}

}
