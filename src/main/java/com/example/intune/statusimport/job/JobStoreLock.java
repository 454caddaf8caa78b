package com.example.intune.statusimport.job;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;

import com.example.intune.statusimport.files.PrivateFiles;

/**
 * Held for the whole run, so that a second process on the same job store stops at once instead of corrupting the
 * first. Holding it also proves that an execution still marked STARTED was left by a crash, not by a live run.
 */
final class JobStoreLock implements AutoCloseable {

	private final FileChannel channel;

	private final FileLock lock;

	private JobStoreLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	/** @return the lock, or {@code null} when another process holds it */
	static JobStoreLock tryAcquire(Path jobStore) throws IOException {
		PrivateFiles.createFolders(jobStore.toAbsolutePath().getParent());
		Path lockFile = JobStoreFiles.lock(jobStore);
		PrivateFiles.createEmpty(lockFile, "the job store's lock");
		FileChannel channel = PrivateFiles.openForWriting(lockFile, "the job store's lock");
		try {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				channel.close();
				return null;
			}
			return new JobStoreLock(channel, lock);
		}
		catch (OverlappingFileLockException ex) {
			channel.close();
			return null;
		}
	}

	@Override
	public void close() throws IOException {
		this.lock.release();
		this.channel.close();
	}

}
