package com.example.intune.statusimport.job;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptException;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Makes the job store's tables in a PostgreSQL database that has none: Spring Batch's and the job's own. Two hosts
 * starting their first runs at once must not both create them (the second would fail on tables half made), so it is
 * done in one transaction under an advisory lock: the second waits, then finds the tables there.
 */
final class PostgresSchema {

	/** Spring Batch's tables for PostgreSQL, as spring-batch-core ships them. */
	private static final String BATCH_SCHEMA = "org/springframework/batch/core/schema-postgresql.sql";

	/**
	 * The transaction lock's two keys: a space apart from the runs' one-key locks ({@link PostgresRunLock}), which
	 * PostgreSQL never mixes up with two-key ones. The first spells "DSI".
	 */
	private static final int LOCK_CLASS = 0x445349;

	private static final int LOCK_SCHEMA = 1;

	private PostgresSchema() {
	}

	static void prepare(Connection connection) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_CLASS + ", " + LOCK_SCHEMA + ")");
			if (!exists(statement, "batch_job_instance")) {
				runBatchSchema(connection);
			}
			statement.execute(AppliedFingerprints.CREATE_TABLE);
			connection.commit();
		}
		catch (SQLException | RuntimeException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(autoCommit);
		}
	}

	/** A statement refused (a user who may not create tables) is told as the database's own refusal. */
	private static void runBatchSchema(Connection connection) throws SQLException {
		try {
			ScriptUtils.executeSqlScript(connection, new ClassPathResource(BATCH_SCHEMA));
		}
		catch (ScriptException ex) {
			if (ex.getCause() instanceof SQLException refused) {
				throw refused;
			}
			throw ex;
		}
	}

	/** Whether the table is there, in the schema the user's search path finds first. */
	private static boolean exists(Statement statement, String table) throws SQLException {
		try (ResultSet result = statement.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
			return result.next() && result.getBoolean(1);
		}
	}

}
