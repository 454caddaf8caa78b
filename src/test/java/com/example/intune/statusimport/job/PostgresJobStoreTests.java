package com.example.intune.statusimport.job;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.intune.statusimport.simulator.GraphSimulator;
import com.example.intune.statusimport.simulator.SimulatorSettings;
import com.example.intune.statusimport.support.CommandRun;
import com.example.intune.statusimport.support.ForkedImport;
import com.example.intune.statusimport.support.TestPostgres;
import com.example.intune.statusimport.support.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job store in PostgreSQL that runs of many hosts share: runs of other inputs go on at once, the same run is
 * refused by the database, the recorded writes work as with H2, and a store that cannot be used is named in one line.
 */
class PostgresJobStoreTests {

	@TempDir
	Path dir;

	private Workspace workspace;

	private GraphSimulator simulator;

	@BeforeEach
	void start() {
		this.workspace = Workspace.onPostgres(this.dir, "shared");
		this.simulator = GraphSimulator.start(SimulatorSettings.healthy());
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	private Path input(String name, String prefix, int count) {
		StringBuilder csv = new StringBuilder("deviceConfigurationId,id,deviceDisplayName,status\n");
		for (int i = 1; i <= count; i++) {
			csv.append("cfg-1,").append(prefix).append(i).append(",LAPTOP-").append(i).append(",compliant\n");
		}
		return this.workspace.write(name, csv.toString());
	}

	private long writesOf(String prefix) {
		return this.simulator.writes().entrySet().stream().filter(entry -> entry.getKey().startsWith("cfg-1/" + prefix))
				.mapToLong(Map.Entry::getValue).sum();
	}

	@Test
	void runsOfOtherInputsShareTheStoreAtOnceAndTheSameRunIsRefusedByTheDatabase() throws Exception {
		Path tenantA = input("tenant-a.csv", "a-", 100);
		Path tenantB = input("tenant-b.csv", "b-", 30);
		Path paused = this.dir.resolve("a-is-running");
		ForkedImport first = ForkedImport.start(this.workspace, this.simulator.graphUrl(), tenantA,
				List.of("-D" + CommitPause.PROPERTY + "=" + paused + ":1"), "--chunk-size", "25");
		try {
			first.awaitFile(paused);

			CommandRun other = this.workspace.importInto(this.simulator, tenantB);
			CommandRun same = this.workspace.importInto(this.simulator, tenantA, "--chunk-size", "25");

			assertThat(other.exitCode()).as(other.output()).isZero();
			assertThat(writesOf("b-")).isEqualTo(30);
			assertThat(same.exitCode()).as("a scheduler may retry it: " + same.output()).isEqualTo(6);
			assertThat(same.err()).contains("another import is running on the job store "
					+ this.workspace.storeUrl() + " with this input");
			assertThat(writesOf("a-")).as("only the first run's first chunk").isEqualTo(25);
		}
		finally {
			first.kill();
		}

		// its lock died with its connection: the same command recovers the STARTED run and finishes it
		CommandRun resumed = this.workspace.importInto(this.simulator, tenantA, "--chunk-size", "25");

		assertThat(resumed.exitCode()).as(resumed.output()).isZero();
		assertThat(resumed.out()).contains("Recovered run 1").contains("Resuming run 1");
		assertThat(this.simulator.writes()).hasSize(130);
	}

	@Test
	void runsListsTheRunsOfEveryHostFromTheSharedStoreWithTheExitCodesTheyReturned() throws Exception {
		Path clean = input("tenant-a.csv", "a-", 5);
		Path withBadRow = this.workspace.write("tenant-b.csv", "deviceConfigurationId,id,status\ncfg-1,b-1,compliant\n"
				+ "cfg-1,b-2,bogus\n");
		assertThat(this.workspace.importInto(this.simulator, clean).exitCode()).isZero();
		assertThat(this.workspace.importInto(this.simulator, withBadRow).exitCode()).isEqualTo(1);
		// the password comes from the environment, as for an import
		Map<String, String> environment = Map.of(JobStore.PASSWORD_VARIABLE, TestPostgres.PASSWORD);

		CommandRun runs = CommandRun.run(environment, "runs", "--job-store", this.workspace.storeUrl(), "--json");
		CommandRun shown = CommandRun.run(environment, "runs", "show", "2", "--job-store", this.workspace.storeUrl());

		assertThat(runs.exitCode()).as(runs.output()).isZero();
		tools.jackson.databind.JsonNode listed = tools.jackson.databind.json.JsonMapper.builder().build()
			.readTree(runs.out());
		assertThat(listed.size()).isEqualTo(2);
		assertThat(listed.get(0).path("input").asString()).endsWith("tenant-b.csv");
		assertThat(listed.get(0).path("exitCode").asInt()).as("not Batch's COMPLETED").isEqualTo(1);
		assertThat(listed.get(0).path("failed").asLong()).isEqualTo(1);
		assertThat(listed.get(1).path("exitCode").asInt()).isZero();
		assertThat(shown.exitCode()).as(shown.output()).isZero();
		assertThat(shown.out()).contains("tenant-b.csv").contains("invalid").contains("'bogus'");
		assertThat(runs.output() + shown.output()).doesNotContain(TestPostgres.PASSWORD);
	}

	@Test
	void recordedWritesAreComparedAndResentWhenOlderAsWithH2() throws Exception {
		Path input = input("nightly.csv", "dcs-", 10);
		assertThat(this.workspace.importInto(this.simulator, input).exitCode()).isZero();
		// rows 1 to 4 were confirmed two hours ago, the others just now
		try (Connection store = this.workspace.openJobStore();
				PreparedStatement age = store.prepareStatement("UPDATE DSI_APPLIED_STATUS SET APPLIED_AT = ?"
						+ " WHERE STATUS_ID IN ('dcs-1', 'dcs-2', 'dcs-3', 'dcs-4')")) {
			age.setTimestamp(1, Timestamp.from(Instant.now().minus(Duration.ofHours(2))));
			assertThat(age.executeUpdate()).isEqualTo(4);
		}

		CommandRun run = this.workspace.importInto(this.simulator, input, "--compare", "recorded",
				"--resend-older-than", "1h");

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.out()).contains("applied        4").contains("unchanged      6");
		assertThat(this.simulator.writes()).containsEntry("cfg-1/dcs-1", 2L)
			.containsEntry("cfg-1/dcs-4", 2L)
			.containsEntry("cfg-1/dcs-5", 1L);
		// and the resent ones were recorded again, just now: the next night sends nothing
		CommandRun nextNight = this.workspace.importInto(this.simulator, input, "--compare", "recorded",
				"--resend-older-than", "1h");
		assertThat(nextNight.out()).contains("unchanged      10");
	}

	@Test
	void statusesALiveRunFoundUnchangedAreRecordedForTheNextRecordedRun() {
		Path input = input("nightly.csv", "dcs-", 120);
		assertThat(this.workspace.importInto(this.simulator, input).exitCode()).isZero();
		// another store, as a new team's: Graph holds every row already, so the live run reads and records them all
		Workspace newStore = new Workspace(this.dir, TestPostgres.shared().newDatabase("new_store"));
		CommandRun live = newStore.importInto(this.simulator, input);
		assertThat(live.out()).containsPattern("unchanged +120");

		CommandRun recorded = newStore.importInto(this.simulator, input, "--compare", "recorded");

		assertThat(recorded.exitCode()).as(recorded.output()).isZero();
		assertThat(recorded.out()).containsPattern("unchanged +120").containsPattern("applied +0");
		assertThat(this.simulator.writes().values()).as("each sent once, by the first run").containsOnly(1L);
	}

	@Test
	void hostsStartingTheirFirstRunsTogetherMakeTheTablesOnce() throws Exception {
		String fresh = TestPostgres.shared().newDatabase("fresh");
		JobStore.Postgres store = JobStore.postgres(fresh, Map.of(JobStore.PASSWORD_VARIABLE, TestPostgres.PASSWORD));
		int hosts = 6;
		CyclicBarrier together = new CyclicBarrier(hosts);
		ExecutorService pool = Executors.newFixedThreadPool(hosts);
		try {
			List<Future<Void>> started = new ArrayList<>();
			for (int i = 0; i < hosts; i++) {
				started.add(pool.submit(() -> {
					try (Connection connection = store.connect()) {
						together.await(30, TimeUnit.SECONDS);
						PostgresSchema.prepare(connection);
					}
					return null;
				}));
			}
			for (Future<Void> host : started) {
				host.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(tables(fresh)).contains("batch_job_instance", "batch_step_execution_context", "dsi_applied_status");
	}

	@Test
	void aWrongPasswordIsOneLineNamingTheStoreAndNeverThePassword() {
		Path input = input("nightly.csv", "dcs-", 3);

		CommandRun run = this.workspace.importWith(Map.of("GRAPH_ACCESS_TOKEN", Workspace.TOKEN,
				JobStore.PASSWORD_VARIABLE, "not-the-password-41"), this.simulator.graphUrl(), input);

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err().strip()).doesNotContain("\n")
			.contains("the job store " + this.workspace.storeUrl() + " refused the sign-in")
			.contains(JobStore.PASSWORD_VARIABLE);
		assertThat(run.output()).doesNotContain("not-the-password-41").doesNotContain("at org.");
		assertThat(this.simulator.writes()).isEmpty();
	}

	@Test
	void thePasswordAndUserMayComeFromTheStandardPostgresEnvironment() {
		Path input = input("nightly.csv", "dcs-", 3);
		String withoutUser = this.workspace.storeUrl().replace("?user=" + TestPostgres.USER, "");
		Workspace standard = new Workspace(this.dir, withoutUser);

		CommandRun run = standard.importWith(Map.of("GRAPH_ACCESS_TOKEN", Workspace.TOKEN, "PGUSER",
				TestPostgres.USER, "PGPASSWORD", TestPostgres.PASSWORD, JobStore.PASSWORD_VARIABLE, ""),
				this.simulator.graphUrl(), input);

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(this.simulator.writes()).hasSize(3);
	}

	@Test
	void aMissingDatabaseIsOneLineWithTheCommandThatCreatesIt() {
		Path input = input("nightly.csv", "dcs-", 3);
		Workspace missing = new Workspace(this.dir, TestPostgres.shared().url("no_such_db"));

		CommandRun run = missing.importInto(this.simulator, input);

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err().strip()).doesNotContain("\n")
			.contains("the job store " + missing.storeUrl() + " cannot be used")
			.contains("CREATE DATABASE no_such_db");
	}

	@Test
	void aUserWhoMayNotMakeTheTablesIsToldWhatRightIsMissing() throws Exception {
		Path input = input("nightly.csv", "dcs-", 3);
		String fresh = TestPostgres.shared().newDatabase("locked_down");
		try (Connection admin = TestPostgres.connect(fresh)) {
			admin.createStatement().execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
			admin.createStatement().execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname ="
					+ " 'importer') THEN CREATE ROLE importer LOGIN PASSWORD 'importer-pw'; END IF; END $$");
		}
		Workspace asImporter = new Workspace(this.dir, fresh.replace("user=" + TestPostgres.USER, "user=importer"));

		CommandRun run = asImporter.importWith(Map.of("GRAPH_ACCESS_TOKEN", Workspace.TOKEN,
				JobStore.PASSWORD_VARIABLE, "importer-pw"), this.simulator.graphUrl(), input);

		assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
		assertThat(run.err().strip()).doesNotContain("\n")
			.contains("the job store " + asImporter.storeUrl() + " cannot be used")
			.contains("the right to create tables");
	}

	@Test
	void anUnreachableServerIsOneLineNamingTheStore() throws Exception {
		Path input = input("nightly.csv", "dcs-", 3);
		int closedPort;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		Workspace unreachable = new Workspace(this.dir, "jdbc:postgresql://127.0.0.1:" + closedPort
				+ "/dsi?user=importer&password=secret-in-url-77");

		CommandRun run = unreachable.importInto(this.simulator, input);

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err().strip()).doesNotContain("\n")
			.contains("the job store jdbc:postgresql://127.0.0.1:" + closedPort + "/dsi?user=importer&password=***"
					+ " cannot be reached");
		assertThat(run.output()).doesNotContain("secret-in-url-77");
	}

	@Test
	void aJdbcUrlOfAnotherDatabaseIsRefusedBeforeAnythingIsRead() {
		Path input = input("nightly.csv", "dcs-", 3);

		CommandRun run = new Workspace(this.dir, "jdbc:mysql://127.0.0.1/dsi").importInto(this.simulator, input);

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("--job-store jdbc:mysql://127.0.0.1/dsi is not a job store")
			.contains("jdbc:postgresql://HOST[:PORT]/DATABASE");
		assertThat(this.simulator.requests()).isZero();
	}

	private static List<String> tables(String url) throws SQLException {
		List<String> names = new ArrayList<>();
		try (Connection connection = TestPostgres.connect(url);
				ResultSet rows = connection.createStatement()
					.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
			while (rows.next()) {
				names.add(rows.getString(1));
			}
		}
		return names;
	}

}
