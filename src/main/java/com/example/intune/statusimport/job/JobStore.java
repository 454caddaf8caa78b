package com.example.intune.statusimport.job;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where run state is kept: an H2 file of this host (the default), or a PostgreSQL database that many hosts share. The
 * one home for which store a {@code --job-store} names, how the job opens it and how messages name it.
 */
public sealed interface JobStore permits JobStore.H2File, JobStore.Postgres {

	/** Where a PostgreSQL job store's password comes from first; the standard PostgreSQL environment after it. */
	String PASSWORD_VARIABLE = "JOB_STORE_PASSWORD";

	/** How the store is named in messages and in the summary: never with a password. */
	String describe();

	/** The files of this host that the store keeps, which no output of the run may be. */
	List<Path> files();

	/** The properties that point the job's application at this store, ahead of any other source. */
	Map<String, Object> applicationProperties();

	/**
	 * The store that {@code given} names: a {@code jdbc:postgresql://} URL, or else an H2 file path.
	 * @param given the URL as given; a path is resolved by the caller (it knows {@code ~} and the default folder)
	 * @param environment where the user and password of a PostgreSQL store may come from
	 * @throws IllegalArgumentException for a JDBC URL of another kind, or one without a database
	 */
	static Postgres postgres(String given, Map<String, String> environment) {
		if (!Postgres.URL.matcher(given).matches()) {
			throw new IllegalArgumentException("--job-store " + Postgres.withoutPassword(given) + " is not a job store"
					+ " this program can use: give jdbc:postgresql://HOST[:PORT]/DATABASE[?user=NAME], or a file"
					+ " path for an H2 job store on this host.");
		}
		String user = Postgres.USER_PARAMETER.matcher(given).find() ? null : nonBlank(environment.get("PGUSER"));
		String password = nonBlank(environment.get(PASSWORD_VARIABLE));
		return new Postgres(given, user, password != null ? password : nonBlank(environment.get("PGPASSWORD")));
	}

	/** Whether {@code given} is a JDBC URL rather than a path. */
	static boolean isUrl(String given) {
		return given.regionMatches(true, 0, "jdbc:", 0, 5);
	}

	private static String nonBlank(String value) {
		return value == null || value.isEmpty() ? null : value;
	}

	/**
	 * An H2 database file of this host, locked for the whole run by one process.
	 *
	 * @param path the database file without {@code .mv.db}
	 */
	record H2File(Path path) implements JobStore {

		@Override
		public String describe() {
			return JobStoreFiles.database(this.path).toString();
		}

		@Override
		public List<Path> files() {
			return JobStoreFiles.all(this.path);
		}

		@Override
		public Map<String, Object> applicationProperties() {
			// WRITE_DELAY=0: a kill -9 must not lose the last commits; DB_CLOSE_ON_EXIT=FALSE: on SIGTERM the job still
			// commits its last chunk after the JVM began shutting down
			// TRACE_LEVEL_FILE=0: no trace file beside the job store, which H2 would create readable by everyone
			// a file database is not "embedded" for Boot: create the tables anyway
			return Map.of("spring.datasource.url", "jdbc:h2:file:" + this.path.toAbsolutePath()
					+ ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0", "spring.datasource.username", "sa",
					"spring.datasource.password", "", "spring.batch.jdbc.initialize-schema", "always");
		}

	}

	/**
	 * A PostgreSQL database that runs of many hosts share. The user is the URL's {@code user=}, else
	 * {@code PGUSER}, else the driver's default (the OS user); the password is {@code JOB_STORE_PASSWORD}, else
	 * {@code PGPASSWORD}, else what the driver finds in {@code PGPASSFILE} or {@code ~/.pgpass}.
	 *
	 * @param url the JDBC URL as given
	 * @param user the user when the URL does not name one, or {@code null}
	 * @param password the password from the environment, or {@code null} to leave it to the driver's password file
	 */
	record Postgres(String url, String user, String password) implements JobStore {

		static final Pattern URL = Pattern.compile("jdbc:postgresql://[^/?#@\\s]+/[^/?#\\s]+(\\?\\S*)?");

		private static final Pattern USER_PARAMETER = Pattern.compile("[?&]user=");

		private static final Pattern PASSWORD_PARAMETER = Pattern.compile("([?&]password=)[^&]*",
				Pattern.CASE_INSENSITIVE);

		@Override
		public String describe() {
			return withoutPassword(this.url);
		}

		@Override
		public List<Path> files() {
			return List.of();
		}

		@Override
		public Map<String, Object> applicationProperties() {
			Map<String, Object> properties = new HashMap<>();
			properties.put("spring.datasource.url", this.url);
			if (this.user != null) {
				properties.put("spring.datasource.username", this.user);
			}
			if (this.password != null) {
				properties.put("spring.datasource.password", this.password);
			}
			// made before the application starts, by one host at a time (PostgresSchema)
			properties.put("spring.batch.jdbc.initialize-schema", "never");
			// runs of other inputs create their job instances at once: SERIALIZABLE would fail one of them; the
			// instance's unique key and the run's advisory lock keep each identity to one run
			properties.put("spring.batch.jdbc.isolation-level-for-create", "read_committed");
			return properties;
		}

		/** A connection of its own, outside the application's pool: the run's lock lives as long as it does. */
		Connection connect() throws SQLException {
			Properties properties = new Properties();
			if (this.user != null) {
				properties.setProperty("user", this.user);
			}
			if (this.password != null) {
				properties.setProperty("password", this.password);
			}
			return DriverManager.getConnection(this.url, properties);
		}

		@Override
		public String toString() {
			return "Postgres[" + describe() + "]";
		}

		static String withoutPassword(String url) {
			return PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
		}

	}

}
