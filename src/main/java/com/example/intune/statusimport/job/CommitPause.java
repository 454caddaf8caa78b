package com.example.intune.statusimport.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * For the crash tests only, and only when the system property {@value #PROPERTY} names a file: at the given chunk,
 * after every other stream has saved its state (the report's rows are on the disk) and before the transaction
 * commits, it creates that file and waits to be killed. That is the moment a crash must not let a failure be
 * reported twice, and no test could otherwise hit it on purpose.
 */
final class CommitPause implements ItemStream {

	static final String PROPERTY = "device-status-import.test.pause-before-commit";

	private final Path marker;

	private final int chunk;

	private int updates;

	private CommitPause(Path marker, int chunk) {
		this.marker = marker;
		this.chunk = chunk;
	}

	/** The pause asked for as {@code FILE:CHUNK}, or {@code null} in every real run. */
	static CommitPause fromSystemProperty() {
		String value = System.getProperty(PROPERTY);
		if (value == null) {
			return null;
		}
		int colon = value.lastIndexOf(':');
		return new CommitPause(Path.of(value.substring(0, colon)), Integer.parseInt(value.substring(colon + 1)));
	}

	@Override
	public void update(ExecutionContext executionContext) {
		if (++this.updates != this.chunk) {
			return;
		}
		try {
			Files.createFile(this.marker);
			Thread.sleep(120_000);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
