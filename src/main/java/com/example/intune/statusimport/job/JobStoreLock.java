package com.example.intune.statusimport.job;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.sql.SQLException;

import com.example.intune.statusimport.files.PrivateFiles;

/**
 * Held for the whole run, so that a second process on the same run stops at once instead of corrupting the first.
 * Holding it also proves that an execution still marked STARTED was left by a crash, not by a live run. An H2 file
 * is locked whole, by one process of this host; a PostgreSQL store only for the run's identity
 * ({@link PostgresRunLock}), so that runs of other inputs or tenants share it.
 */
sealed interface JobStoreLock extends AutoCloseable permits JobStoreLock.OnFile, PostgresRunLock {

	@Override
	void close() throws IOException;

	/**
	 * @return the lock, or {@code null} when another process holds it
	 * @throws IOException when the H2 file's folder or lock cannot be made
	 * @throws SQLException when the PostgreSQL store cannot be reached, signed in to, or prepared
	 */
	static JobStoreLock tryAcquire(ImportSettings settings) throws IOException, SQLException {
		JobStore store = settings.run().jobStore();
		if (store instanceof JobStore.Postgres postgres) {
			return PostgresRunLock.tryAcquire(postgres, RunIdentity.lockKey(settings));
		}
		return OnFile.tryAcquire(((JobStore.H2File) store).path());
	}

	/** What a run that found the lock taken is told (exit 6). */
	static String busy(JobStore store) {
		if (store instanceof JobStore.H2File file) {
			return "another import is running on the job store " + file.path() + ". Wait for it to finish, or give"
					+ " this run its own --job-store (exit 6: nothing was done).";
		}
		return "another import is running on the job store " + store.describe() + " with this input, from this host"
				+ " or another. Wait for it to finish; a scheduler may simply run it again later (exit 6: nothing"
				+ " was done).";
	}

	/** The lock file beside an H2 job store. */
	final class OnFile implements JobStoreLock {

		private final FileChannel channel;

		private final FileLock lock;

		private OnFile(FileChannel channel, FileLock lock) {
			this.channel = channel;
			this.lock = lock;
		}

		static OnFile tryAcquire(Path jobStore) throws IOException {
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
				return new OnFile(channel, lock);
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

}
