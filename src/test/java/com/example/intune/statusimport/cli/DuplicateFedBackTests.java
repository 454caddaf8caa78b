package com.example.intune.statusimport.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.intune.statusimport.support.AgainstTheSimulator;
import com.example.intune.statusimport.support.CommandRun;
import com.example.intune.statusimport.support.Workspace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A duplicate row fed back in its report has no earlier row left to repeat: sent, it would overwrite what that row
 * sent, a value the person never touched. It stays a duplicate until the person empties its {@code _error} cell.
 */
class DuplicateFedBackTests extends AgainstTheSimulator {

	private String heldStatus() {
		return this.graph.statuses().get("cfg-1/dcs-1").path("status").asString();
	}

	@Test
	void aDuplicateFedBackUnchangedIsNotSentAndFailsAgain() throws Exception {
		Path input = this.workspace.write("statuses.csv",
				"deviceConfigurationId,id,status\ncfg-1,dcs-1,compliant\ncfg-1,dcs-1,error\ncfg-1,dcs-2,compliant\n");
		assertThat(this.workspace.importInto(this.graph, input).exitCode()).isEqualTo(1);
		Path report = Workspace.reportOf(input);
		Path fedBack = Files.copy(report, this.dir.resolve("fed-back.csv"));

		CommandRun again = this.workspace.importInto(this.graph, fedBack);

		assertThat(again.exitCode()).as(again.output()).isEqualTo(1);
		assertThat(heldStatus()).as("what the first row sent").isEqualTo("compliant");
		List<Map<String, String>> rows = Workspace.readCsvRows(Workspace.reportOf(fedBack));
		assertThat(rows).singleElement().satisfies(row -> {
			assertThat(row).containsEntry("_error", "duplicate");
			assertThat(row.get("_message")).contains("empty its _error cell");
		});
	}

	@Test
	void aDuplicateWhoseErrorCellWasEmptiedIsSent() throws Exception {
		Path input = this.workspace.write("statuses.csv",
				"deviceConfigurationId,id,status\ncfg-1,dcs-1,compliant\ncfg-1,dcs-1,error\n");
		this.workspace.importInto(this.graph, input);
		String report = Files.readString(Workspace.reportOf(input));
		Path fedBack = this.workspace.write("fed-back.csv", report.replace(",duplicate,", ",,"));

		CommandRun again = this.workspace.importInto(this.graph, fedBack);

		assertThat(again.exitCode()).as(again.output()).isZero();
		assertThat(heldStatus()).isEqualTo("error");
	}

	@Test
	void anNdjsonDuplicateFedBackUnchangedIsNotSent() throws Exception {
		Path input = this.workspace.write("statuses.ndjson",
				"{\"deviceConfigurationId\":\"cfg-1\",\"id\":\"dcs-1\",\"status\":\"compliant\"}\n"
						+ "{\"deviceConfigurationId\":\"cfg-1\",\"id\":\"dcs-1\",\"status\":\"error\"}\n");
		this.workspace.importInto(this.graph, input);
		Path fedBack = Files.copy(Workspace.reportOf(input), this.dir.resolve("fed-back.ndjson"));

		CommandRun again = this.workspace.importInto(this.graph, fedBack);

		assertThat(again.exitCode()).as(again.output()).isEqualTo(1);
		assertThat(heldStatus()).isEqualTo("compliant");
	}

}
