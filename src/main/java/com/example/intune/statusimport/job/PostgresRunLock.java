package com.example.intune.statusimport.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A PostgreSQL session-level advisory lock on the run's identity, held on a connection of its own for the whole run.
 * The database refuses the same run started twice, from any host, while runs of other inputs go on beside it. The
 * lock dies with its connection, so a crashed run's lock is gone once the server sees the connection drop, and the
 * next run may recover what it left STARTED.
 */
final class PostgresRunLock implements JobStoreLock {

	private final Connection connection;

	private PostgresRunLock(Connection connection) {
		this.connection = connection;
	}

	/**
	 * Connects, makes the tables if no host made them yet, and tries the lock.
	 * @param key the run's identity as a number ({@link RunIdentity#lockKey})
	 * @return the lock, or {@code null} when another session holds it
	 */
	static PostgresRunLock tryAcquire(JobStore.Postgres store, long key) throws SQLException {
		Connection connection = store.connect();
		try {
			PostgresSchema.prepare(connection);
			try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
				lock.setLong(1, key);
				try (ResultSet result = lock.executeQuery()) {
					if (result.next() && result.getBoolean(1)) {
						return new PostgresRunLock(connection);
					}
				}
			}
			connection.close();
			return null;
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	/**
	 * Closing the session releases its advisory locks. A close that fails means the connection is gone already,
	 * and its lock with it: nothing is left to release.
	 */
	@Override
	public void close() {
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			// the session, and so its lock, ended when the connection broke
		}
	}

}
