package com.example.intune.statusimport.runreport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.example.intune.statusimport.support.AgainstTheSimulator;
import com.example.intune.statusimport.support.CommandRun;
import com.example.intune.statusimport.support.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --html-report}: the run as one page a person can open anywhere, written however the run ended, never
 * through a link or over another file of the run. What the page looks like in a browser is
 * {@link HtmlReportScreenshotTests}'.
 */
class HtmlReportTests extends AgainstTheSimulator {

	private static final String SCRIPT = ReportedRun.SCRIPT;

	/** Rows 1-6: dcs-3 is not known to Graph, row 5's status is a script. */
	private Path input() {
		StringBuilder csv = new StringBuilder("deviceConfigurationId,id,deviceDisplayName,status\n");
		for (int i = 1; i <= 6; i++) {
			csv.append("cfg-1,dcs-").append(i).append(",LAPTOP-").append(i).append(',')
				.append(i == 5 ? "\"" + SCRIPT + "\"" : "compliant").append('\n');
		}
		return this.workspace.write("nightly.csv", csv.toString());
	}

	private CommandRun run(String command, Path html, String... more) {
		List<String> args = new java.util.ArrayList<>(List.of(command, "--graph-url", this.graph.graphUrl(),
				"--job-store", this.workspace.jobStore().toString(), "--retry-base-delay", "20ms", "--retry-max-delay",
				"200ms", "--html-report", html.toString()));
		args.addAll(List.of(more));
		args.add(input().toString());
		return CommandRun.run(Map.of("GRAPH_ACCESS_TOKEN", Workspace.TOKEN), args.toArray(String[]::new));
	}

	private static String figure(String page, String label) {
		String start = "<th scope=\"row\">" + label + "</th><td>";
		int at = page.indexOf(start);
		assertThat(at).as("the figure " + label + " in the page").isNotNegative();
		return page.substring(at + start.length(), page.indexOf("</td>", at));
	}

	@Test
	void theRunsFiguresFailuresAndMessagesAreInOneOwnerOnlyPageThatShowsAScriptAsText() throws Exception {
		this.graph.close();
		this.graph = com.example.intune.statusimport.simulator.GraphSimulator.start(
				com.example.intune.statusimport.simulator.SimulatorSettings.healthy()
					.withKnownIds(Set.of("dcs-1", "dcs-2", "dcs-4", "dcs-5", "dcs-6")));
		Path html = this.dir.resolve("pages/nightly.html");

		CommandRun run = run("import", html);

		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		assertThat(this.graph.statuses()).hasSize(4);
		String page = Files.readString(html, StandardCharsets.UTF_8);
		assertThat(Files.getPosixFilePermissions(html)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(figure(page, "rows read")).isEqualTo("6");
		assertThat(figure(page, "applied")).isEqualTo(String.valueOf(this.graph.statuses().size()));
		assertThat(figure(page, "failed")).isEqualTo("2");
		assertThat(page).contains("Exit code 1: the run finished; some rows failed and are in the report")
			.contains("<tr><td>invalid</td><td class=\"n\">1</td></tr>")
			.contains("<tr><td>not_found</td><td class=\"n\">1</td></tr>")
			.contains("<table id=\"messages\">")
			.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timeline\"")
			.contains("class=\"applied\"");
		// the row's value shows as it was written, and nowhere as markup
		assertThat(page).contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;")
			.doesNotContainIgnoringCase("<script")
			.doesNotContain("'pwned'");
		// nothing to fetch when it is opened: no link, no source, no import; the page's policy forbids them anyway
		assertThat(page).doesNotContain("src=").doesNotContain("href=").doesNotContain("url(")
			.doesNotContain("@import")
			.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\"");
	}

	@Test
	void aDryRunSaysItSendsNothing() throws Exception {
		Path html = this.dir.resolve("dry.html");

		CommandRun run = run("import", html, "--dry-run");

		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		String page = Files.readString(html);
		assertThat(page).contains("<h1 id=\"heading\">Dry run of ")
			.contains("A dry run sends nothing: no row was applied and Graph was not asked")
			.contains("Exit code 1: some rows are not valid and are in the report; nothing was sent");
		assertThat(figure(page, "valid")).isEqualTo("5");
		assertThat(page).doesNotContain("<th scope=\"row\">applied</th>");
		assertThat(this.graph.requests()).isZero();
	}

	@Test
	void aPlanSaysItWritesNothing() throws Exception {
		Path html = this.dir.resolve("plan.html");

		CommandRun run = run("plan", html);

		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		String page = Files.readString(html);
		assertThat(page).contains("<h1 id=\"heading\">Plan of ")
			.contains("A plan writes nothing: no row was applied")
			.contains("nothing was written");
		assertThat(figure(page, "to update")).startsWith("5 ");
		assertThat(this.graph.writeCount()).isZero();
	}

	@Test
	void aRunStoppedMidwayWritesWhatItDidAndWhy() throws Exception {
		Path html = this.dir.resolve("stopped.html");
		Path input = this.workspace.write("many.csv", "deviceConfigurationId,id,status\n"
				+ "cfg-1,dcs-1,compliant\n" + "cfg-1,dcs-2,bad\n".repeat(1) + "cfg-1,dcs-3,bad\ncfg-1,dcs-4,bad\n"
				+ "cfg-1,dcs-5,compliant\n".repeat(1) + "cfg-1,dcs-6,compliant\n");

		CommandRun run = this.workspace.importInto(this.graph, input, "--chunk-size", "2", "--max-failures", "1",
				"--html-report", html.toString());

		assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
		String page = Files.readString(html);
		assertThat(page).contains("Exit code 2: the run stopped because failures passed --max-failures")
			.contains("<p id=\"problem\" class=\"problem\">")
			.contains("more than --max-failures 1")
			.contains("The run did not reach the end of the file");
		assertThat(Integer.parseInt(figure(page, "rows read"))).isBetween(2, 5);
		assertThat(figure(page, "applied")).isEqualTo(String.valueOf(this.graph.statuses().size()));
	}

	@Test
	void aRunThatNeverStartsStillReplacesLastNightsPageWithWhy() throws Exception {
		Path html = this.workspace.write("never.html", "last night's page");
		Path input = this.workspace.write("no-id.csv", "deviceConfigurationId,status\ncfg-1,compliant\n");

		CommandRun run = this.workspace.importInto(this.graph, input, "--html-report", html.toString());

		assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
		String page = Files.readString(html);
		assertThat(page).doesNotContain("last night").contains("Exit code 3: the run could not start")
			.contains("The run stopped before its job started: there are no figures.")
			.contains("<p id=\"problem\" class=\"problem\">");
	}

	@Test
	void aLinkOrAnotherFileOfTheRunIsNeverWrittenOver() throws Exception {
		Path target = this.workspace.write("elsewhere.txt", "keep me");
		Path link = Files.createSymbolicLink(this.dir.resolve("link.html"), target);

		CommandRun throughLink = run("import", link);

		assertThat(throughLink.exitCode()).isEqualTo(3);
		assertThat(throughLink.err()).contains("--html-report " + link + " is a symbolic link");
		assertThat(Files.readString(target)).isEqualTo("keep me");
		assertThat(this.graph.requests()).as("stopped before anything is sent").isZero();

		Path input = input();
		String before = Files.readString(input);
		CommandRun overInput = this.workspace.importInto(this.graph, input, "--html-report", input.toString());

		assertThat(overInput.exitCode()).isEqualTo(3);
		assertThat(overInput.err()).contains("--html-report " + input + " is the same file as the input");
		assertThat(Files.readString(input)).isEqualTo(before);
	}

}
