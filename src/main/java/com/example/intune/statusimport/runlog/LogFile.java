package com.example.intune.statusimport.runlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import com.example.intune.statusimport.files.PrivateFiles;

/**
 * {@code --log-file}: the run's lines, each with its time, appended to what earlier runs wrote. Created owner-only
 * when missing (the lines name files and, in messages, people's devices), opened without following a link. A line
 * that cannot be written is not worth failing the run for: the screen or the scheduler's log still has it, and the
 * first such failure is said once there.
 */
final class LogFile implements AutoCloseable {

	private final Path path;

	private final FileChannel channel;

	private IOException failure;

	private LogFile(Path path, FileChannel channel) {
		this.path = path;
		this.channel = channel;
	}

	/** @throws IOException when the file cannot be created or opened for appending */
	static LogFile open(Path path) throws IOException {
		PrivateFiles.refuseUnsafe(path, "--log-file");
		PrivateFiles.createFolders(path.toAbsolutePath().getParent());
		// created owner-only unless it exists, then narrowed to its owner; a link there is refused
		PrivateFiles.createEmpty(path, "--log-file");
		return new LogFile(path, FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
				LinkOption.NOFOLLOW_LINKS));
	}

	/** Appends a whole line, after what the other output appended. */
	synchronized void append(byte[] line) {
		if (this.failure != null) {
			return;
		}
		try {
			for (ByteBuffer bytes = ByteBuffer.wrap(line); bytes.hasRemaining();) {
				this.channel.write(bytes);
			}
		}
		catch (IOException ex) {
			this.failure = ex;
		}
	}

	/** Why lines could not be written, said once at the end, or {@code null}. */
	synchronized String problem() {
		return this.failure == null ? null
				: "the log file " + this.path + " could not be written to the end: " + this.failure.getMessage();
	}

	@Override
	public synchronized void close() throws IOException {
		this.channel.close();
	}

}
