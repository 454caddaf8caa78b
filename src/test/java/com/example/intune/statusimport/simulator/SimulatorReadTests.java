package com.example.intune.statusimport.simulator;

import java.net.http.HttpResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.example.intune.statusimport.simulator.SimulatorHttp.json;
import static com.example.intune.statusimport.simulator.SimulatorHttp.statusPath;
import static org.assertj.core.api.Assertions.assertThat;

/** Reads over real HTTP, as Graph answers them: one status, lists in pages, and what exists. */
class SimulatorReadTests {

	private static final String LIST = "/deviceManagement/deviceConfigurations/cfg-1/deviceStatuses";

	private static Map<String, String> values(String... pairs) {
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			values.put(pairs[i], pairs[i + 1]);
		}
		return values;
	}

	@Nested
	class OneStatus {

		@Test
		void answersEveryPropertyAndDateTimesInUtcWhateverOffsetWasWritten() throws Exception {
			try (GraphSimulator simulator = GraphSimulator.start(SimulatorSettings.healthy())) {
				SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());
				assertThat(http.patch("cfg-1", "dcs-1", "\"status\":\"compliant\","
						+ "\"lastReportedDateTime\":\"2026-12-31T23:59:59.123456789+01:00\","
						+ "\"complianceGracePeriodExpirationDateTime\":\"2027-01-05T10:00-08:00\"").statusCode())
					.isEqualTo(200);

				JsonNode status = json(http.get(statusPath("cfg-1", "dcs-1")));

				assertThat(status.path("@odata.type").asString()).isEqualTo("#microsoft.graph.deviceConfigurationDeviceStatus");
				assertThat(status.path("@odata.context").asString()).startsWith(simulator.graphUrl() + "/$metadata#");
				assertThat(status.path("id").asString()).isEqualTo("dcs-1");
				assertThat(status.path("lastReportedDateTime").asString()).as("UTC, cut to 100 ns")
					.isEqualTo("2026-12-31T22:59:59.1234567Z");
				assertThat(status.path("complianceGracePeriodExpirationDateTime").asString())
					.isEqualTo("2027-01-05T18:00:00Z");
				for (String never : List.of("deviceDisplayName", "userName", "deviceModel", "userPrincipalName")) {
					assertThat(status.has(never)).as(never).isTrue();
					assertThat(status.get(never).isNull()).as(never).isTrue();
				}
				assertThat(simulator.lastPatch("cfg-1/dcs-1").path("lastReportedDateTime").asString())
					.as("what was sent").isEqualTo("2026-12-31T23:59:59.123456789+01:00");
			}
		}

		@Test
		void selectAnswersOnlyThePropertiesNamedAndRefusesAnUnknownOneAsGraphWordsIt() throws Exception {
			try (GraphSimulator simulator = GraphSimulator.start(SimulatorSettings.healthy())) {
				SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());
				http.patch("cfg-1", "dcs-1", "\"status\":\"error\",\"userName\":\"Ann\"");

				JsonNode selected = json(http.get(statusPath("cfg-1", "dcs-1") + "?$select=id,status"));
				HttpResponse<String> unknown = http.get(statusPath("cfg-1", "dcs-1") + "?$select=status,colour");

				assertThat(selected.propertyNames()).containsExactlyInAnyOrder("@odata.context", "id", "status");
				assertThat(selected.path("status").asString()).isEqualTo("error");
				assertThat(unknown.statusCode()).isEqualTo(400);
				assertThat(json(unknown).path("error").path("message").asString()).isEqualTo(
						"Could not find a property named 'colour' on type 'microsoft.graph.deviceConfigurationDeviceStatus'.");
			}
		}

		@Test
		void withoutHeldStatusesEveryIdExistsAndOneNeverWrittenReadsAsNeverReported() throws Exception {
			try (GraphSimulator simulator = GraphSimulator.start(SimulatorSettings.healthy())) {
				SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());

				HttpResponse<String> never = http.get(statusPath("cfg-1", "dcs-9"));

				assertThat(never.statusCode()).isEqualTo(200);
				assertThat(json(never).path("id").asString()).isEqualTo("dcs-9");
				assertThat(json(never).get("status").isNull()).isTrue();
				assertThat(simulator.statuses()).as("a read creates nothing").isEmpty();
				assertThat(http.patch("cfg-1", "dcs-9", "\"userName\":\"Bo\"").statusCode()).isEqualTo(200);
				assertThat(simulator.statuses()).containsOnlyKeys("cfg-1/dcs-9");
			}
		}

		@Test
		void onceStatusesAreHeldOnlyTheyExist() throws Exception {
			try (GraphSimulator simulator = GraphSimulator.start(SimulatorSettings.healthy())) {
				simulator.hold("cfg-1", "dcs-1", values("status", "compliant", "lastReportedDateTime",
						"2026-11-28T10:00:00+02:00"));
				SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());

				JsonNode held = json(http.get(statusPath("cfg-1", "dcs-1")));
				HttpResponse<String> other = http.get(statusPath("cfg-1", "dcs-2"));
				HttpResponse<String> otherWritten = http.patch("cfg-1", "dcs-2", "\"userName\":\"Bo\"");
				HttpResponse<String> heldWritten = http.patch("cfg-1", "dcs-1", "\"userName\":\"Ann\"");
				JsonNode inBatch = http.batchOfGets(statusPath("cfg-1", "dcs-1"), statusPath("cfg-2", "dcs-1"));

				assertThat(held.path("status").asString()).isEqualTo("compliant");
				assertThat(held.path("lastReportedDateTime").asString()).isEqualTo("2026-11-28T08:00:00Z");
				assertThat(other.statusCode()).isEqualTo(404);
				assertThat(json(other).path("error").path("code").asString()).isEqualTo("ResourceNotFound");
				assertThat(otherWritten.statusCode()).isEqualTo(404);
				assertThat(heldWritten.statusCode()).isEqualTo(200);
				assertThat(json(heldWritten).path("status").asString()).as("a PATCH keeps what it does not set")
					.isEqualTo("compliant");
				assertThat(inBatch.path("1").path("status").asInt()).isEqualTo(200);
				assertThat(inBatch.path("2").path("status").asInt()).isEqualTo(404);
				assertThat(simulator.statuses()).containsOnlyKeys("cfg-1/dcs-1");
			}
		}

		@Test
		void aKnownIdExistsBeforeItIsWrittenAndOthersDoNot() throws Exception {
			try (GraphSimulator simulator = GraphSimulator
				.start(SimulatorSettings.healthy().withKnownIds(Set.of("cfg-1/dcs-1")))) {
				SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());

				assertThat(http.get(statusPath("cfg-1", "dcs-1")).statusCode()).isEqualTo(200);
				assertThat(http.get(statusPath("cfg-1", "dcs-2")).statusCode()).isEqualTo(404);
				assertThat(json(http.get(LIST)).path("value")).as("a known id is listed once written").isEmpty();
			}
		}

		@Test
		void aHeldValueGraphWouldRefuseIsRefused() {
			try (GraphSimulator simulator = GraphSimulator.start(SimulatorSettings.healthy())) {
				org.assertj.core.api.Assertions
					.assertThatThrownBy(() -> simulator.hold("cfg-1", "dcs-1", values("status", "green")))
					.hasMessageContaining("status 'green' is not one of unknown, notApplicable");
				org.assertj.core.api.Assertions
					.assertThatThrownBy(() -> simulator.hold("cfg-1", "dcs-1", values("lastReportedDateTime", "today")))
					.hasMessageContaining("lastReportedDateTime 'today' is not a date-time");
			}
		}

	}

	@Nested
	class Lists {

		private GraphSimulator seeded(int pageSize) {
			GraphSimulator simulator = GraphSimulator.start(SimulatorSettings.healthy().withPageSize(pageSize));
			for (int i = 7; i >= 1; i--) {
				simulator.hold("cfg-1", "dcs-" + i, values("status", "compliant", "userName", "User " + i));
			}
			simulator.hold("cfg-10", "dcs-1", values("status", "error"));
			simulator.hold("cfg-2", "dcs-1", values("status", "error"));
			return simulator;
		}

		/** Follows the next links from {@code first}; every page's answer. */
		private List<JsonNode> pages(SimulatorHttp http, String first) throws Exception {
			List<JsonNode> pages = new ArrayList<>();
			String next = first;
			while (next != null) {
				HttpResponse<String> page = http.get(next);
				assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
				pages.add(json(page));
				next = json(page).has("@odata.nextLink") ? json(page).path("@odata.nextLink").asString() : null;
				assertThat(pages).as("a list ends").hasSizeLessThan(20);
			}
			return pages;
		}

		private static List<String> ids(List<JsonNode> pages) {
			List<String> ids = new ArrayList<>();
			pages.forEach(page -> page.path("value").forEach(status -> ids.add(status.path("id").asString())));
			return ids;
		}

		@Test
		void pagesOfThePageSizeLinkedByAbsoluteNextLinksInAStableOrder() throws Exception {
			try (GraphSimulator simulator = seeded(3)) {
				SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());

				List<JsonNode> pages = pages(http, LIST);

				assertThat(pages).extracting(page -> page.path("value").size()).containsExactly(3, 3, 1);
				assertThat(ids(pages)).containsExactly("dcs-1", "dcs-2", "dcs-3", "dcs-4", "dcs-5", "dcs-6", "dcs-7");
				assertThat(pages.get(0).path("@odata.nextLink").asString())
					.startsWith(simulator.graphUrl() + LIST + "?")
					.contains("$skiptoken=");
				assertThat(pages.get(2).has("@odata.nextLink")).as("the last page").isFalse();
				assertThat(pages).allSatisfy(page -> assertThat(page.path("@odata.context").asString())
					.isEqualTo(simulator.graphUrl() + "/$metadata#deviceManagement/deviceConfigurations('cfg-1')/deviceStatuses"));
				assertThat(pages.get(1).path("value").get(0).path("userName").asString()).isEqualTo("User 4");
				assertThat(pages.get(1).path("value").get(0).get("deviceModel").isNull()).isTrue();
				assertThat(simulator.listPages()).isEqualTo(3);
				assertThat(simulator.reads()).isEqualTo(3);
			}
		}

		@Test
		void nextLinksNameTheHostTheRequestWasSentTo() throws Exception {
			try (GraphSimulator simulator = seeded(3)) {
				// the README's --graph-url http://localhost:PORT/v1.0 must page as 127.0.0.1 does
				String byName = simulator.graphUrl().replace("127.0.0.1", "localhost");
				SimulatorHttp http = new SimulatorHttp(byName);

				List<JsonNode> pages = pages(http, LIST);

				assertThat(pages).hasSize(3);
				assertThat(pages.get(0).path("@odata.nextLink").asString()).startsWith(byName + LIST + "?");
			}
		}

		@Test
		void aHostThatIsNotLoopbackIsNotPutInALink() throws Exception {
			try (GraphSimulator simulator = seeded(3);
					java.net.Socket socket = new java.net.Socket("127.0.0.1", URI.create(simulator.graphUrl()).getPort())) {
				// what a page in a browser could send by DNS rebinding; the JDK's client will not set Host itself
				socket.getOutputStream().write(("GET " + URI.create(simulator.graphUrl()).getPath() + LIST
						+ " HTTP/1.1\r\nHost: attacker.example:80\r\nAuthorization: Bearer t"
						+ "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
				String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

				assertThat(answer).startsWith("HTTP/1.1 200")
					.contains("\"@odata.nextLink\":\"" + simulator.graphUrl() + LIST + "?")
					.doesNotContain("attacker");
			}
		}

		@Test
		void selectAndTopAreKeptAcrossPagesAndTopIsCappedByThePageSize() throws Exception {
			try (GraphSimulator simulator = seeded(3)) {
				SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());

				List<JsonNode> small = pages(http, LIST + "?$select=id,status&$top=2");
				List<JsonNode> capped = pages(http, LIST + "?%24top=50");

				assertThat(small).extracting(page -> page.path("value").size()).containsExactly(2, 2, 2, 1);
				assertThat(small).allSatisfy(page -> page.path("value")
					.forEach(status -> assertThat(status.propertyNames()).containsExactlyInAnyOrder("id", "status")));
				assertThat(small.get(0).path("@odata.nextLink").asString()).contains("$select=id,status")
					.contains("$top=2");
				assertThat(small.get(0).path("@odata.context").asString()).endsWith("/deviceStatuses(id,status)");
				assertThat(capped).extracting(page -> page.path("value").size()).containsExactly(3, 3, 1);
			}
		}

		@Test
		void aStatusWrittenBetweenPagesNeitherRepeatsNorShiftsAPage() throws Exception {
			try (GraphSimulator simulator = seeded(3)) {
				SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());
				JsonNode first = json(http.get(LIST));
				// sorts before the token's place: a page counted by offset would answer dcs-3 again
				simulator.hold("cfg-1", "dcs-0", values("status", "error"));

				List<JsonNode> rest = pages(http, first.path("@odata.nextLink").asString());

				assertThat(ids(rest)).containsExactly("dcs-4", "dcs-5", "dcs-6", "dcs-7");
			}
		}

		@Test
		void aBadSkipTokenOrTopIsRefused() throws Exception {
			try (GraphSimulator simulator = seeded(3)) {
				SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());

				assertThat(http.get(LIST + "?$skiptoken=made-up").statusCode()).isEqualTo(400);
				assertThat(http.get(LIST + "?$skiptoken=").statusCode()).isEqualTo(400);
				assertThat(http.get(LIST + "?$top=0").statusCode()).isEqualTo(400);
				assertThat(http.get(LIST + "?$top=ten").statusCode()).isEqualTo(400);
				assertThat(http.get(LIST + "?$select=colour").statusCode()).isEqualTo(400);
				assertThat(simulator.listPages()).isZero();
			}
		}

		@Test
		void aListInsideABatchLinksToTheServiceRootAndCountsOneRead() throws Exception {
			try (GraphSimulator simulator = seeded(5)) {
				SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());

				JsonNode answer = http.batchOfGets(LIST + "?$select=id", statusPath("cfg-1", "dcs-1"));
				String next = answer.path("1").path("body").path("@odata.nextLink").asString();
				List<JsonNode> rest = pages(http, next);

				assertThat(answer.path("1").path("body").path("value").size()).isEqualTo(5);
				assertThat(next).startsWith(simulator.graphUrl() + LIST + "?$select=id&");
				assertThat(ids(rest)).containsExactly("dcs-6", "dcs-7");
				assertThat(simulator.reads()).isEqualTo(3);
				assertThat(simulator.listPages()).isEqualTo(2);
			}
		}

		@Test
		void onlyHeldStatusesAreListedWhenEveryIdExists() throws Exception {
			try (GraphSimulator simulator = GraphSimulator.start(SimulatorSettings.healthy())) {
				SimulatorHttp http = new SimulatorHttp(simulator.graphUrl());
				http.get(statusPath("cfg-1", "dcs-read"));
				http.patch("cfg-1", "dcs-written", "\"userName\":\"Ann\"");

				assertThat(ids(pages(http, LIST))).containsExactly("dcs-written");
			}
		}

	}

}
