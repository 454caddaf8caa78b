package com.example.intune.statusimport.input;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which line a repeated (deviceConfigurationId, id) pair points back to, in files of many rows.
 */
class DuplicateKeyIndexTests {

	/** More rows than the first table holds, so that it grows several times. */
	private static final int MANY = 20_000;

	private final DuplicateKeyIndex index = new DuplicateKeyIndex();

	@Test
	void aPairSeenBeforeNamesTheLineWhereItWasFirstSeen() {
		assertThat(this.index.firstLineOf("cfg-1", "device-a", 2)).isZero();
		assertThat(this.index.firstLineOf("cfg-1", "device-b", 3)).isZero();
		assertThat(this.index.firstLineOf("cfg-1", "device-a", 4)).isEqualTo(2);
		assertThat(this.index.firstLineOf("cfg-1", "device-a", 5)).isEqualTo(2);
		assertThat(this.index.firstLineOf("cfg-1", "device-b", 6)).isEqualTo(3);
	}

	@Test
	void letterCaseAndSurroundingSpacesDoNotMakeADifferentPair() {
		assertThat(this.index.firstLineOf("Cfg-1", "Device-A", 2)).isZero();
		assertThat(this.index.firstLineOf(" cfg-1", "device-a ", 3)).isEqualTo(2);
	}

	@Test
	void manyDifferentIdsAreNoneOfThemDuplicatesAndEachRepeatNamesItsOwnLine() {
		for (int i = 0; i < MANY; i++) {
			assertThat(this.index.firstLineOf("cfg-1", "device-" + i, i + 2)).as("first row of device-%d", i).isZero();
		}
		for (int i = 0; i < MANY; i++) {
			assertThat(this.index.firstLineOf("cfg-1", "device-" + i, MANY + i + 2)).as("repeat of device-%d", i)
				.isEqualTo(i + 2);
		}
	}

	@Test
	void theSameIdUnderManyConfigurationsIsNoDuplicate() {
		for (int i = 0; i < MANY; i++) {
			assertThat(this.index.firstLineOf("cfg-" + i, "device-a", i + 2)).as("device-a under cfg-%d", i).isZero();
		}
		assertThat(this.index.firstLineOf("cfg-" + (MANY - 1), "device-a", MANY + 2)).isEqualTo(MANY + 1);
	}

	@Test
	void whereTheConfigurationEndsAndTheIdBeginsMatters() {
		assertThat(this.index.firstLineOf("cfg-1", "0", 2)).isZero();
		assertThat(this.index.firstLineOf("cfg-", "10", 3)).isZero();
		assertThat(this.index.firstLineOf("", "cfg-10", 4)).isZero();
	}

	@Test
	void afterClearingNothingIsADuplicateOfWhatWasSeenBefore() {
		for (int i = 0; i < MANY; i++) {
			this.index.firstLineOf("cfg-1", "device-" + i, i + 2);
		}
		this.index.clear();
		for (int i = 0; i < MANY; i++) {
			assertThat(this.index.firstLineOf("cfg-1", "device-" + i, i + 2)).as("device-%d after clearing", i)
				.isZero();
		}
		assertThat(this.index.firstLineOf("cfg-1", "device-7", MANY + 2)).isEqualTo(9);
	}

}
