package com.example.intune.statusimport.job;

import java.nio.file.Path;
import java.util.List;

/** The files H2 and the job keep for a job store named {@code PATH}: {@code PATH.mv.db} and {@code PATH.lock}. */
public final class JobStoreFiles {

	/** What H2 appends to a database name; given on the command line too, it is taken off, not doubled. */
	public static final String DATABASE_SUFFIX = ".mv.db";

	private JobStoreFiles() {
	}

	/** The job store's name as given, without a trailing {@code .mv.db}. */
	public static Path named(Path given) {
		String name = given.getFileName() == null ? "" : given.getFileName().toString();
		return name.endsWith(DATABASE_SUFFIX) && name.length() > DATABASE_SUFFIX.length()
				? given.resolveSibling(name.substring(0, name.length() - DATABASE_SUFFIX.length())) : given;
	}

	public static Path database(Path jobStore) {
		return jobStore.resolveSibling(jobStore.getFileName() + DATABASE_SUFFIX);
	}

	public static Path lock(Path jobStore) {
		return jobStore.resolveSibling(jobStore.getFileName() + ".lock");
	}

	/** Every file of the job store, which no output of the run may be. */
	public static List<Path> all(Path jobStore) {
		return List.of(database(jobStore), lock(jobStore), jobStore.resolveSibling(jobStore.getFileName()
				+ ".trace.db"));
	}

}
