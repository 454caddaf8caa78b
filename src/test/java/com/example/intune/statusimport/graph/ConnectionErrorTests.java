package com.example.intune.statusimport.graph;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The failures Java's HTTP client gives for an exchange without an answer, by the names the summary uses. */
class ConnectionErrorTests {

	@Test
	void eachKindIsToldByTheFailureOrItsCause() {
		assertThat(ConnectionError.of(new ConnectException())).isEqualTo(ConnectionError.REFUSED);
		assertThat(ConnectionError.of(new HttpConnectTimeoutException("HTTP connect timed out")))
			.isEqualTo(ConnectionError.TIMED_OUT);
		// the client wraps a name that does not resolve in a ConnectException
		assertThat(ConnectionError.of(new ConnectException().initCause(new UnresolvedAddressException())))
			.isEqualTo(ConnectionError.DNS);
		assertThat(ConnectionError.of(new IOException(new UnknownHostException("graph.example.invalid"))))
			.isEqualTo(ConnectionError.DNS);
		assertThat(ConnectionError.of(new IOException("handshake", new SSLHandshakeException("PKIX path building"))))
			.isEqualTo(ConnectionError.TLS);
		assertThat(ConnectionError.of(new SocketException("Connection reset"))).isEqualTo(ConnectionError.RESET);
		assertThat(ConnectionError.of(new EOFException("EOF reached while reading")))
			.isEqualTo(ConnectionError.CLOSED);
		assertThat(ConnectionError.of(new IOException("HTTP/1.1 header parser received no bytes")))
			.isEqualTo(ConnectionError.CLOSED);
		assertThat(ConnectionError.of(new ConnectException().initCause(new NoRouteToHostException())))
			.isEqualTo(ConnectionError.NO_ROUTE);
		assertThat(ConnectionError.of(new IOException("something else"))).isEqualTo(ConnectionError.OTHER);
	}

}
