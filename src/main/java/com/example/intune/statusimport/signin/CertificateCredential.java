package com.example.intune.statusimport.signin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.IClientCertificate;

/**
 * Reads an application's certificate and private key: a PKCS#12 file (password from
 * {@code GRAPH_CERTIFICATE_PASSWORD}), or a PEM file holding the certificate and an unencrypted private key
 * (PKCS#8 {@code PRIVATE KEY}, or PKCS#1 {@code RSA PRIVATE KEY} as OpenSSL writes it).
 */
final class CertificateCredential {

	static final String PASSWORD_VARIABLE = "GRAPH_CERTIFICATE_PASSWORD";

	private static final Pattern PEM_BLOCK = Pattern
		.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

	private CertificateCredential() {
	}

	static IClientCertificate load(Path path, String password) {
		byte[] content;
		try {
			content = Files.readAllBytes(path);
		}
		catch (NoSuchFileException ex) {
			throw new SignInException("the certificate file " + path + " does not exist");
		}
		catch (IOException ex) {
			throw new SignInException("the certificate file " + path + " cannot be read: " + ex.getMessage());
		}
		String text = new String(content, StandardCharsets.US_ASCII);
		if (text.contains("-----BEGIN ")) {
			return fromPem(path, text);
		}
		try (InputStream in = new ByteArrayInputStream(content)) {
			return ClientCredentialFactory.createFromCertificate(in, password == null ? "" : password);
		}
		catch (IOException | GeneralSecurityException | RuntimeException ex) {
			String reason = ex instanceof IOException && ex.getCause() instanceof java.security.UnrecoverableKeyException
					|| String.valueOf(ex.getMessage()).contains("password")
							? "the password in " + PASSWORD_VARIABLE + " does not open it"
							: ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
			throw new SignInException("the certificate file " + path + " is not a PKCS#12 file that can be opened ("
					+ reason + "). Give a .pfx/.p12 file with its password in " + PASSWORD_VARIABLE
					+ ", or a PEM file with the certificate and an unencrypted private key.");
		}
	}

	private static IClientCertificate fromPem(Path path, String text) {
		List<X509Certificate> chain = new ArrayList<>();
		PrivateKey key = null;
		Matcher block = PEM_BLOCK.matcher(text);
		try {
			CertificateFactory certificates = CertificateFactory.getInstance("X.509");
			while (block.find()) {
				String type = block.group(1);
				byte[] der = Base64.getMimeDecoder().decode(block.group(2));
				switch (type) {
					case "CERTIFICATE" -> chain.add((X509Certificate) certificates
						.generateCertificate(new ByteArrayInputStream(der)));
					case "PRIVATE KEY" -> key = privateKey(der);
					case "RSA PRIVATE KEY" -> key = privateKey(pkcs1ToPkcs8(der));
					case "ENCRYPTED PRIVATE KEY" -> throw new SignInException("the private key in " + path
							+ " is encrypted; give it unencrypted (openssl pkcs8 -nocrypt) or use a PKCS#12 file"
							+ " with its password in " + PASSWORD_VARIABLE);
					default -> {
						// other blocks (parameters, a chain's text) carry nothing we need
					}
				}
			}
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new SignInException("the PEM file " + path + " cannot be read: " + ex.getMessage());
		}
		if (chain.isEmpty() || key == null) {
			throw new SignInException("the PEM file " + path + " must hold both the certificate (BEGIN CERTIFICATE)"
					+ " and its private key (BEGIN PRIVATE KEY); it holds " + (chain.isEmpty() ? "no certificate" : "no key"));
		}
		return ClientCredentialFactory.createFromCertificateChain(key, chain);
	}

	private static PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
		GeneralSecurityException last = null;
		for (String algorithm : new String[] { "RSA", "EC" }) {
			try {
				return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
			}
			catch (GeneralSecurityException ex) {
				last = ex;
			}
		}
		throw last;
	}

	/** Wraps a PKCS#1 RSA key in the PKCS#8 structure the JDK reads: SEQUENCE { 0, rsaEncryption, OCTET STRING }. */
	private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
		byte[] algorithm = { 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
				0x01, 0x01, 0x05, 0x00 };
		byte[] version = { 0x02, 0x01, 0x00 };
		byte[] octets = concat(new byte[] { 0x04 }, length(pkcs1.length), pkcs1);
		byte[] body = concat(version, algorithm, octets);
		return concat(new byte[] { 0x30 }, length(body.length), body);
	}

	private static byte[] length(int length) {
		if (length < 0x80) {
			return new byte[] { (byte) length };
		}
		byte[] value = BigInteger.valueOf(length).toByteArray();
		int start = value[0] == 0 ? 1 : 0;
		byte[] encoded = new byte[value.length - start + 1];
		encoded[0] = (byte) (0x80 | (value.length - start));
		System.arraycopy(value, start, encoded, 1, value.length - start);
		return encoded;
	}

	private static byte[] concat(byte[]... parts) {
		int size = 0;
		for (byte[] part : parts) {
			size += part.length;
		}
		byte[] result = new byte[size];
		int at = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, result, at, part.length);
			at += part.length;
		}
		return result;
	}

}
