package com.example.intune.statusimport.graph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.graph.DeviceStatusResource.Address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How {@link LiveStatusReader} reads what Graph holds: by list pages when the file covers a configuration densely, one
 * by one (in batches) when it names few statuses of a large one, and never at more than twice the cheaper cost.
 * Graph here is a MockWebServer that pages a configuration's statuses as Graph does.
 */
class LiveStatusReaderTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern LIST = Pattern
		.compile("/v1\\.0/deviceManagement/deviceConfigurations/([^/?]+)/deviceStatuses\\?(.*)");

	private static final Pattern ONE = Pattern
		.compile("/v1\\.0/deviceManagement/deviceConfigurations/([^/?]+)/deviceStatuses/([^/?]+)(\\?.*)?");

	private MockGraph graph;

	/** What the mock holds, by configuration then id. */
	private final Map<String, Map<String, String>> held = new TreeMap<>();

	private int pageSize = 100;

	private String nextLinkHost;

	@TempDir
	Path dir;

	private final AtomicLong pages = new AtomicLong();

	private final AtomicLong singles = new AtomicLong();

	@BeforeEach
	void start() throws Exception {
		this.graph = new MockGraph();
		this.graph.fallback = this::answer;
	}

	@AfterEach
	void stop() {
		this.graph.close();
	}

	@Test
	void aFileCoveringAConfigurationIsReadByItsPagesAlone() {
		hold("cfg", 250);
		LiveStatusReader reader = new LiveStatusReader(this.graph.client(3));

		LiveReads reads = reader.read(addresses("cfg", 0, 100), 250);

		assertThat(this.pages.get()).isEqualTo(3);
		assertThat(this.singles.get()).isZero();
		assertThat(reads.held()).hasSize(100);
		LiveStatus first = reads.of(new Address("cfg", "s-0"));
		assertThat(first.values().get(DeviceStatusProperty.STATUS)).isEqualTo("compliant");
		assertThat(first.values().get(DeviceStatusProperty.DEVICE_MODEL)).isNull();
		// the next chunk of the same configuration costs nothing more
		reader.read(addresses("cfg", 100, 250), 150);
		assertThat(this.pages.get()).isEqualTo(3);
		assertThat(this.singles.get()).isZero();
	}

	@Test
	void severalConfigurationsAreEachListedOnce() {
		List<Address> wanted = new ArrayList<>();
		for (String configuration : List.of("cfg-a", "cfg-b", "cfg-c")) {
			hold(configuration, 250);
			wanted.addAll(addresses(configuration, 0, 250));
		}
		LiveStatusReader reader = new LiveStatusReader(this.graph.client(3));

		LiveReads reads = reader.read(wanted, wanted.size());

		assertThat(reads.held()).hasSize(750);
		assertThat(reads.of(new Address("cfg-b", "s-249")).id()).isEqualTo("s-249");
		assertThat(this.pages.get()).isEqualTo(9);
		assertThat(this.singles.get()).isZero();
	}

	@Test
	void aFewRowsOfALargeConfigurationCostAtMostTwiceTheirSingleReads() {
		hold("cfg", 5_000);
		LiveStatusReader reader = new LiveStatusReader(this.graph.client(3));
		List<Address> few = List.of(new Address("cfg", "s-4990"), new Address("cfg", "s-4991"),
				new Address("cfg", "s-10"));

		LiveReads reads = reader.read(few, 3);

		assertThat(reads.held()).hasSize(3);
		// three pages (the budget), in which s-10 was found, then the two others one by one: 50 pages were not read
		assertThat(this.pages.get()).isEqualTo(3);
		assertThat(this.singles.get()).isEqualTo(2);
		assertThat(this.pages.get() + this.singles.get()).isLessThanOrEqualTo(2 * few.size());
	}

	@Test
	void aConfigurationWithFewRowsInAMixedFileIsNotListedWhole() {
		hold("big", 50_000);
		hold("small", 2_000);
		LiveStatusReader reader = new LiveStatusReader(this.graph.client(3));
		List<Address> chunk = new ArrayList<>(addresses("big", 0, 5));
		chunk.addAll(addresses("small", 0, 95));

		LiveReads reads = reader.read(chunk, 2_005);

		assertThat(reads.held()).hasSize(100);
		// big's share of the rows so far is 5 in 100: 101 of the 2,005 rows left may be big's, so at most 101 of its
		// 500 pages are worth reading; small's 20 pages are all read (its whole file share would cost more one by one)
		assertThat(this.pages.get()).isEqualTo(20 + 101);
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void statusesBeyondTheHeapsShareWaitOnDiskSoThatAFileInAnyOrderCostsThePages(boolean reversed) throws Exception {
		Map<String, String> statuses = this.held.computeIfAbsent("cfg", key -> new TreeMap<>());
		IntStream.range(0, 1_000).forEach(i -> statuses.put(String.format("p-%04d", i), "compliant"));
		Path spills = Files.createDirectory(this.dir.resolve("spills"));
		Path spilled;
		try (LiveStatusReader reader = new LiveStatusReader(this.graph.client(3), System::nanoTime, 300, spills)) {
			for (int from = 0; from < 1_000; from += 100) {
				int start = reversed ? 900 - from : from;
				List<Address> chunk = IntStream.range(start, start + 100)
					.mapToObj(i -> new Address("cfg", String.format("p-%04d", i)))
					.toList();
				LiveReads reads = reader.read(chunk, 1_000 - from);
				assertThat(reads.held()).hasSize(100);
				// as Graph answered it, whether it waited on the heap or on disk
				LiveStatus second = reads.of(chunk.get(1));
				assertThat(second.id()).isEqualTo(chunk.get(1).id());
				assertThat(second.values()).containsEntry(DeviceStatusProperty.STATUS, "compliant")
					.containsEntry(DeviceStatusProperty.LAST_REPORTED_DATE_TIME, "2026-11-30T08:00:00Z")
					.containsEntry(DeviceStatusProperty.DEVICE_MODEL, null);
			}
			assertThat(reader.spilled()).as("beyond the 300 the heap holds").isEqualTo(700);
			try (var folders = Files.list(spills)) {
				spilled = folders.findFirst().orElseThrow();
			}
			assertThat(Files.getPosixFilePermissions(spilled)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
					PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
			assertThat(Files.getPosixFilePermissions(spilled.resolve("statuses.mv")))
				.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
		}

		// every page once, none read one by one, whatever the file's order; the folder goes with the run
		assertThat(this.pages.get()).isEqualTo(10);
		assertThat(this.singles.get()).isZero();
		assertThat(spilled).doesNotExist();
	}

	@Test
	void aFolderLeftByAProcessThatIsGoneIsRemovedAndOthersAreNot() throws Exception {
		Path spills = Files.createDirectory(this.dir.resolve("spills"));
		long gone = ProcessHandle.current().pid() + 4_000_000L;
		Path leftBehind = Files.createDirectory(spills.resolve("device-status-import-listings-" + gone + "-1"));
		Files.writeString(leftBehind.resolve("statuses.mv"), "names");
		Path alive = Files.createDirectory(spills.resolve("device-status-import-listings-1-1"));
		// a container's process often has the same number at every start: a folder with ours is an earlier one's
		Path earlierStart = Files.createDirectory(spills.resolve("device-status-import-listings-"
				+ ProcessHandle.current().pid() + "-1"));
		Path other = Files.createDirectory(spills.resolve("something-else"));
		hold("cfg", 1_000);
		try (LiveStatusReader reader = new LiveStatusReader(this.graph.client(3), System::nanoTime, 300, spills)) {
			reader.read(addresses("cfg", 900, 1_000), 1_000);
		}

		assertThat(leftBehind).doesNotExist();
		assertThat(earlierStart).doesNotExist();
		assertThat(alive).exists();
		assertThat(other).exists();
	}

	@Test
	void statusesThatCannotBeKeptOnDiskStopTheRunNamingTheTemporaryFolder() {
		hold("cfg", 1_000);
		Path missing = this.dir.resolve("no-such-folder");
		try (LiveStatusReader reader = new LiveStatusReader(this.graph.client(3), System::nanoTime, 300, missing)) {
			assertThatThrownBy(() -> reader.read(addresses("cfg", 900, 1_000), 1_000))
				.isInstanceOf(GraphFatalException.class)
				.hasMessageStartingWith("The statuses listed beyond a quarter of the heap cannot be kept in " + missing
						+ ": no such folder. Give Java another temporary folder")
				.hasMessageContaining("-Djava.io.tmpdir=");
		}
		assertThat(missing).doesNotExist();
	}

	@Test
	void aStatusMissingFromTheListIsAskedForOnceMoreAndOnlyThenMissing() {
		hold("cfg", 20);
		LiveStatusReader reader = new LiveStatusReader(this.graph.client(3));

		LiveReads reads = reader.read(List.of(new Address("cfg", "s-1"), new Address("cfg", "gone")), 2);

		assertThat(reads.of(new Address("cfg", "s-1"))).isNotNull();
		assertThat(reads.of(new Address("cfg", "gone"))).isNull();
		assertThat(reads.failure(new Address("cfg", "gone")).notFound()).isTrue();
		assertThat(this.singles.get()).isEqualTo(1);
	}

	@Test
	void idsAreComparedWithoutLetterCase() {
		hold("cfg", 3);
		LiveStatusReader reader = new LiveStatusReader(this.graph.client(3));

		LiveReads reads = reader.read(List.of(new Address("CFG", "S-2")), 1);

		assertThat(reads.of(new Address("CFG", "S-2"))).isNotNull();
		assertThat(this.singles.get()).isZero();
	}

	@Test
	void theRowsOfAConfigurationGraphDoesNotHaveAreMissingWithoutAReadEach() {
		LiveStatusReader reader = new LiveStatusReader(this.graph.client(3));

		LiveReads reads = reader.read(addresses("nowhere", 0, 40), 40);

		assertThat(reads.held()).isEmpty();
		assertThat(reads.failed()).hasSize(40).allSatisfy((key, outcome) -> assertThat(outcome.notFound()).isTrue());
		assertThat(this.pages.get()).isEqualTo(1);
		assertThat(this.singles.get()).isZero();
	}

	@Test
	void aListingIsTrustedForItsMaximumAgeThenReadAgain() {
		hold("cfg", 150);
		long[] now = { 0 };
		LiveStatusReader reader = new LiveStatusReader(this.graph.client(3), () -> now[0]);
		reader.read(addresses("cfg", 0, 50), 150);
		assertThat(this.pages.get()).isEqualTo(2);

		now[0] += LiveStatusReader.MAX_AGE.toNanos() - 1;
		reader.read(addresses("cfg", 50, 100), 100);
		assertThat(this.pages.get()).isEqualTo(2);

		now[0] += 2;
		LiveReads reads = reader.read(addresses("cfg", 100, 150), 50);
		assertThat(this.pages.get()).isEqualTo(4);
		assertThat(reads.held()).hasSize(50);
	}

	@Test
	void aNextPageElsewhereStopsTheRunAndGetsNoToken() throws Exception {
		hold("cfg", 150);
		try (MockGraph elsewhere = new MockGraph()) {
			this.nextLinkHost = "http://127.0.0.1:" + elsewhere.server.getPort();
			LiveStatusReader reader = new LiveStatusReader(this.graph.client(3));

			assertThatThrownBy(() -> reader.read(addresses("cfg", 0, 10), 150)).isInstanceOf(GraphFatalException.class)
				.hasMessageContaining("not below the Graph URL")
				.hasMessageContaining("--compare recorded");
			assertThat(elsewhere.requests).isEmpty();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1.0/..", "/v1.0/%2e%2E", "/v1.0/.", "/v1.0/..%2F.." })
	void aNextPageThatClimbsOutOfTheGraphUrlStopsTheRunAndGetsNoToken(String climb) {
		hold("cfg", 150);
		this.nextLinkHost = "http://127.0.0.1:" + this.graph.server.getPort() + climb;
		LiveStatusReader reader = new LiveStatusReader(this.graph.client(3));

		assertThatThrownBy(() -> reader.read(addresses("cfg", 0, 10), 150)).isInstanceOf(GraphFatalException.class)
			.hasMessageContaining("not below the Graph URL");
		assertThat(this.graph.requests).hasSize(1);
	}

	@Test
	void aListPageThatFailsLeavesTheRestToSingleReads() {
		hold("cfg", 30);
		this.graph.script.add(MockGraph.error(403, "Forbidden", null));
		LiveStatusReader reader = new LiveStatusReader(this.graph.client(1));

		LiveReads reads = reader.read(addresses("cfg", 0, 5), 30);

		assertThat(reads.held()).hasSize(5);
		assertThat(this.singles.get()).isEqualTo(5);
	}

	private void hold(String configuration, int count) {
		Map<String, String> statuses = this.held.computeIfAbsent(configuration, key -> new TreeMap<>());
		IntStream.range(0, count).forEach(i -> statuses.put("s-" + i, "compliant"));
	}

	private static List<Address> addresses(String configuration, int from, int to) {
		return IntStream.range(from, to).mapToObj(i -> new Address(configuration, "s-" + i)).toList();
	}

	private MockResponse answer(RecordedRequest request) {
		String target = request.getTarget();
		if (target.endsWith("/$batch")) {
			List<String> answers = new ArrayList<>();
			for (JsonNode inner : JSON.readTree(request.getBody().utf8()).path("requests")) {
				Reply one = reply(inner.path("url").asString());
				answers.add("{\"id\":\"" + inner.path("id").asString() + "\",\"status\":" + one.code()
						+ ",\"headers\":{},\"body\":" + one.body() + "}");
			}
			return MockGraph.batchAnswer(answers.toArray(String[]::new));
		}
		Reply reply = reply(target.substring(target.indexOf("/v1.0")));
		return new MockResponse.Builder().code(reply.code())
			.addHeader("Content-Type", "application/json")
			.addHeader("request-id", "req-" + reply.code())
			.body(reply.body())
			.build();
	}

	private record Reply(int code, String body) {

		static Reply error(int code, String graphCode) {
			return new Reply(code, "{\"error\":{\"code\":\"" + graphCode + "\",\"message\":\"Graph says " + code
					+ "\"}}");
		}

	}

	private Reply reply(String target) {
		String path = target.startsWith("/v1.0") ? target : "/v1.0" + target;
		Matcher list = LIST.matcher(path);
		if (list.matches()) {
			this.pages.incrementAndGet();
			Map<String, String> statuses = this.held.get(list.group(1).toLowerCase());
			if (statuses == null) {
				return Reply.error(404, "ResourceNotFound");
			}
			Matcher skip = Pattern.compile("\\$skiptoken=(\\d+)").matcher(list.group(2));
			int from = skip.find() ? Integer.parseInt(skip.group(1)) : 0;
			List<String> ids = new ArrayList<>(statuses.keySet());
			ObjectNode page = JSON.createObjectNode();
			ArrayNode value = page.putArray("value");
			ids.subList(from, Math.min(ids.size(), from + this.pageSize)).forEach(id -> value.add(status(id)));
			if (from + this.pageSize < ids.size()) {
				String host = this.nextLinkHost != null ? this.nextLinkHost
						: "http://127.0.0.1:" + this.graph.server.getPort();
				page.put("@odata.nextLink", host + "/v1.0/deviceManagement/deviceConfigurations/" + list.group(1)
						+ "/deviceStatuses?" + LiveStatusReader.SELECT + "&$skiptoken=" + (from + this.pageSize));
			}
			return new Reply(200, page.toString());
		}
		Matcher one = ONE.matcher(path);
		if (one.matches()) {
			this.singles.incrementAndGet();
			Map<String, String> statuses = this.held.getOrDefault(one.group(1).toLowerCase(), Map.of());
			String id = one.group(2).toLowerCase();
			return statuses.containsKey(id) ? new Reply(200, status(one.group(2)).toString())
					: Reply.error(404, "ResourceNotFound");
		}
		return Reply.error(400, "BadRequest");
	}

	private static ObjectNode status(String id) {
		ObjectNode status = JSON.createObjectNode();
		status.put("id", id);
		status.put("status", "compliant");
		status.put("lastReportedDateTime", "2026-11-30T08:00:00Z");
		status.putNull("deviceModel");
		return status;
	}


}
