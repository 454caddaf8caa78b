package com.example.intune.statusimport.job;

import java.sql.SQLException;

/**
 * Why a PostgreSQL job store could not be opened, in one line that names its URL (never the password) and what to
 * do: the server unreachable, the sign-in refused, the database missing, or the user without the right to make the
 * tables. By PostgreSQL's SQLSTATE classes, which do not depend on the server's language.
 */
final class PostgresProblem {

	private PostgresProblem() {
	}

	static String describe(JobStore.Postgres store, SQLException failure) {
		String state = failure.getSQLState() == null ? "" : failure.getSQLState();
		String reason = firstLine(failure);
		String prefix = "the job store " + store.describe();
		if (state.startsWith("28") || reason.contains("password")) {
			return prefix + " refused the sign-in: " + reason + ". Give the password in " + JobStore.PASSWORD_VARIABLE
					+ " (or PGPASSWORD, or ~/.pgpass) and the user as user= in the URL (or PGUSER).";
		}
		if (state.equals("3D000")) {
			return prefix + " cannot be used: " + reason + ". Create it once, e.g. psql -h HOST -U ADMIN -c"
					+ " 'CREATE DATABASE " + database(store) + " OWNER USER', or give another database.";
		}
		if (state.startsWith("08")) {
			return prefix + " cannot be reached: " + reason + ". Check the host and port in the URL, and that the"
					+ " server runs and accepts connections from this host; nothing was done.";
		}
		if (state.equals("42501")) {
			return prefix + " cannot be used: " + reason + ". The user needs the right to create tables in the"
					+ " database once (the first run makes them), e.g. as the database's owner.";
		}
		return prefix + " cannot be used: " + reason + ".";
	}

	/** The database the URL names, for the command that creates it. */
	private static String database(JobStore.Postgres store) {
		String path = store.url().substring(store.url().indexOf("//") + 2);
		String name = path.substring(path.indexOf('/') + 1);
		int query = name.indexOf('?');
		return query < 0 ? name : name.substring(0, query);
	}

	private static String firstLine(SQLException failure) {
		String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
		String line = message.lines().findFirst().orElse(message).strip();
		return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
	}

}
