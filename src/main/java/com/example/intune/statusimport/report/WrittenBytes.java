package com.example.intune.statusimport.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A running SHA-256 of every byte the report wrote, header included, exactly as they are on disk. Its digest at a
 * commit is what a resumed run compares the report's committed part with: an equal length is not enough, since a
 * report edited in place (a status fixed) may keep its length or change it, and appending after such an edit would
 * cut a committed row in half or lose it.
 */
final class WrittenBytes {

	private final MessageDigest digest;

	private WrittenBytes(MessageDigest digest) {
		this.digest = digest;
	}

	/** The digest of a report about to be started: nothing written yet. */
	static WrittenBytes none() {
		return new WrittenBytes(sha256());
	}

	/**
	 * The digest of the first {@code length} bytes of the file, from which the running digest goes on; empty when the
	 * file is shorter. A link at the path is not followed.
	 */
	static Optional<WrittenBytes> ofFirst(Path file, long length) throws IOException {
		MessageDigest digest = sha256();
		byte[] buffer = new byte[1 << 16];
		try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
			for (long left = length; left > 0;) {
				int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
				if (read < 0) {
					return Optional.empty();
				}
				digest.update(buffer, 0, read);
				left -= read;
			}
		}
		return Optional.of(new WrittenBytes(digest));
	}

	/** Counts bytes written outside {@link #counting} (the header, which is written as a whole file). */
	void add(byte[] bytes) {
		this.digest.update(bytes);
	}

	/** Everything written to the returned stream is counted before it reaches {@code out}. */
	OutputStream counting(OutputStream out) {
		return new DigestOutputStream(out, this.digest);
	}

	/** The hex digest of what was written so far; the running digest goes on (a copy is finished, not it). */
	String hex() {
		try {
			return HexFormat.of().formatHex(((MessageDigest) this.digest.clone()).digest());
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("the JDK's SHA-256 cannot be copied", ex);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

}
