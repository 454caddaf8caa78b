package com.example.intune.statusimport.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunFileNamesTests {

	@Test
	void runsOfTheSameSecondAreOrderedByTheirNumberNotByTheirNames() {
		List<String> starts = new ArrayList<>(List.of("20261130T020000Z-10", "20261130T020001Z", "20261130T020000Z-2",
				"20261130T020000Z", "20261129T235959Z-9"));

		starts.sort(RunFileNames.START_ORDER);

		assertThat(starts).containsExactly("20261129T235959Z-9", "20261130T020000Z", "20261130T020000Z-2",
				"20261130T020000Z-10", "20261130T020001Z");
	}

	@Test
	void onlyThisInputsRunFilesHaveAStart() {
		RunFileNames names = RunFileNames.beside(Path.of("/data/devices.csv"), ".csv");

		assertThat(names.startOf(Path.of("/data/devices.failures-20261130T020000Z-2.csv"))).hasValue(
				"20261130T020000Z-2");
		assertThat(names.startOf(Path.of("/data/devices.summary-20261130T020000Z.json"))).hasValue("20261130T020000Z");
		assertThat(names.startOf(Path.of("/data/devices.failures.latest.csv"))).isEmpty();
		assertThat(names.startOf(Path.of("/data/other.failures-20261130T020000Z.csv"))).isEmpty();
		assertThat(names.startOf(Path.of("/data/devices.failures-20261130T020000Z.xlsx"))).isEmpty();
	}

}
