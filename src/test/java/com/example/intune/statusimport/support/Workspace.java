package com.example.intune.statusimport.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;

import com.example.intune.statusimport.job.RunFileNames;
import com.example.intune.statusimport.simulator.GraphSimulator;

/**
 * A folder for one test: the input file, the report and the job store, with helpers to run the import on it.
 *
 * @param dir the folder
 * @param storeUrl a PostgreSQL job store's URL ({@link TestPostgres}), or {@code null} for an H2 file in the folder
 */
public record Workspace(Path dir, String storeUrl) {

	public Workspace(Path dir) {
		this(dir, null);
	}

	/** A workspace whose runs keep their state in a fresh database of the test PostgreSQL server. */
	public static Workspace onPostgres(Path dir, String databaseName) {
		return new Workspace(dir, TestPostgres.shared().newDatabase(databaseName));
	}

	/** What {@code --job-store} is given. */
	public String jobStoreOption() {
		return this.storeUrl != null ? this.storeUrl : jobStore().toString();
	}

	/** The environment of a run: the token, and a PostgreSQL job store's password as a user gives it. */
	public Map<String, String> environment(Map<String, String> given) {
		Map<String, String> environment = new java.util.HashMap<>(given);
		if (this.storeUrl != null) {
			environment.putIfAbsent("JOB_STORE_PASSWORD", TestPostgres.PASSWORD);
		}
		return environment;
	}

	/** A connection to the job store's database, to look at or age what it holds. */
	public java.sql.Connection openJobStore() throws java.sql.SQLException {
		return this.storeUrl != null ? TestPostgres.connect(this.storeUrl)
				: java.sql.DriverManager.getConnection("jdbc:h2:file:" + jobStore(), "sa", "");
	}

	public static final String TOKEN = "test-token-8d7f2c1e-never-print-me";

	public Path write(String name, String content) {
		try {
			Path file = this.dir.resolve(name);
			Files.createDirectories(file.getParent());
			Files.writeString(file, content, StandardCharsets.UTF_8);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A credential file; kept apart so that the search for leaked secrets does not find the credential itself. */
	public Path writeCredential(String name, String content) {
		return write("credentials/" + name, content);
	}

	public Path jobStore() {
		return this.dir.resolve("store/job-store");
	}

	/** The import against {@code simulator}, with the token in the environment and quick back-off. */
	public CommandRun importInto(GraphSimulator simulator, Path input, String... extraArgs) {
		return importInto(simulator.graphUrl(), input, extraArgs);
	}

	public CommandRun importInto(String graphUrl, Path input, String... extraArgs) {
		List<String> args = new ArrayList<>(List.of("import", "--graph-url", graphUrl, "--job-store",
				jobStoreOption(), "--retry-base-delay", "20ms", "--retry-max-delay", "200ms", "--rate",
				"10000/1s"));
		args.addAll(List.of(extraArgs));
		args.add(input.toString());
		return CommandRun.run(environment(Map.of("GRAPH_ACCESS_TOKEN", TOKEN)), args.toArray(String[]::new));
	}

	/** The import at the pace its own {@code --rate} sets, with the token in the environment and quick back-off. */
	public CommandRun importPaced(String graphUrl, Path input, String... extraArgs) {
		List<String> args = new ArrayList<>(List.of("import", "--graph-url", graphUrl, "--job-store",
				jobStoreOption(), "--retry-base-delay", "20ms", "--retry-max-delay", "200ms"));
		args.addAll(List.of(extraArgs));
		args.add(input.toString());
		return CommandRun.run(environment(Map.of("GRAPH_ACCESS_TOKEN", TOKEN)), args.toArray(String[]::new));
	}

	/** The import with its own environment (a credential) and arguments, plus the job store and quick back-off. */
	public CommandRun importWith(Map<String, String> environment, String graphUrl, Path input, String... extraArgs) {
		List<String> args = new ArrayList<>(List.of("import", "--graph-url", graphUrl, "--job-store",
				jobStoreOption(), "--retry-base-delay", "20ms", "--retry-max-delay", "200ms", "--rate",
				"10000/1s"));
		args.addAll(List.of(extraArgs));
		args.add(input.toString());
		return CommandRun.run(environment(environment), args.toArray(String[]::new));
	}

	/**
	 * The report of the last run of {@code input}: the copy of the newest one, {@code NAME.failures.latest.EXT}, as a
	 * script opens it (each run's own is {@code NAME.failures-<start>.EXT}, see {@link #runReportsOf}).
	 */
	public static Path reportOf(Path input) {
		String name = input.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return input.resolveSibling(name.substring(0, dot) + ".failures.latest" + name.substring(dot));
	}

	/** Each run's own report of {@code input} ({@code NAME.failures-<start>.EXT}), oldest first. */
	public static List<Path> runReportsOf(Path input) {
		return runFilesOf(input, ".failures-");
	}

	/** Each run's own summary of {@code input} ({@code NAME.summary-<start>.json}), oldest first. */
	public static List<Path> runSummariesOf(Path input) {
		return runFilesOf(input, ".summary-");
	}

	private static List<Path> runFilesOf(Path input, String kind) {
		String name = input.getFileName().toString();
		String prefix = name.substring(0, name.lastIndexOf('.')) + kind;
		try (Stream<Path> files = Files.list(input.getParent())) {
			RunFileNames names = RunFileNames.beside(input, name.substring(name.lastIndexOf('.')));
			return files.filter(file -> file.getFileName().toString().startsWith(prefix))
				.sorted(Comparator.comparing((Path file) -> names.startOf(file).orElseThrow(), RunFileNames.START_ORDER))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The rows of a CSV report, header first. */
	public static List<String[]> readCsv(Path file) {
		try (CSVReader reader = new CSVReaderBuilder(Files.newBufferedReader(file))
			.withCSVParser(new RFC4180ParserBuilder().build())
			.build()) {
			return reader.readAll();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The report rows as column-name to value maps. */
	public static List<Map<String, String>> readCsvRows(Path file) {
		List<String[]> rows = readCsv(file);
		String[] header = rows.get(0);
		List<Map<String, String>> result = new ArrayList<>();
		for (String[] row : rows.subList(1, rows.size())) {
			Map<String, String> map = new java.util.LinkedHashMap<>();
			for (int i = 0; i < header.length; i++) {
				map.put(header[i], i < row.length ? row[i] : "");
			}
			result.add(map);
		}
		return result;
	}

	/**
	 * Every file under the folder but the credentials, as text: the input, the report, the job store and the logs,
	 * and the job store's tables read through the database (the step's saved contexts among them), for checking that
	 * a secret never reached the disk.
	 */
	public String allFilesAsText() {
		StringBuilder text = new StringBuilder();
		Path credentials = this.dir.resolve("credentials");
		try (Stream<Path> files = Files.walk(this.dir)) {
			for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(credentials)).toList()) {
				text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
				String name = file.getFileName().toString();
				if (name.endsWith(".mv.db")) {
					text.append(databaseAsText(file.resolveSibling(name.substring(0, name.length() - 6))));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return text.toString();
	}

	/** Every value of every table of an H2 job store, as the database gives them back. */
	public static String databaseAsText(Path store) {
		StringBuilder text = new StringBuilder();
		try (java.sql.Connection connection = java.sql.DriverManager
			.getConnection("jdbc:h2:file:" + store + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r", "sa", "")) {
			List<String> tables = new ArrayList<>();
			try (java.sql.ResultSet names = connection.createStatement()
				.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
				while (names.next()) {
					tables.add(names.getString(1));
				}
			}
			for (String table : tables) {
				try (java.sql.ResultSet rows = connection.createStatement().executeQuery("SELECT * FROM " + table)) {
					int columns = rows.getMetaData().getColumnCount();
					while (rows.next()) {
						for (int i = 1; i <= columns; i++) {
							text.append(rows.getString(i)).append('\n');
						}
					}
				}
			}
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException("the job store " + store + " cannot be read: " + ex.getMessage(), ex);
		}
		return text.toString();
	}

}
