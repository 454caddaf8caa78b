package com.example.intune.statusimport.input;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/** Which extension selects which format, and what separates the fields of each. */
class InputFormatTests {

	@Test
	void theExtensionSelectsTheFormatInAnyLetterCase() {
		assertThat(InputFormat.forFileName(Path.of("a/statuses.CSV"))).contains(InputFormat.CSV);
		assertThat(InputFormat.forFileName(Path.of("statuses.txt"))).contains(InputFormat.CSV);
		assertThat(InputFormat.forFileName(Path.of("statuses.Tsv"))).contains(InputFormat.TSV);
		assertThat(InputFormat.forFileName(Path.of("statuses.ndjson"))).contains(InputFormat.NDJSON);
		assertThat(InputFormat.forFileName(Path.of("statuses.JSONL"))).contains(InputFormat.NDJSON);
		assertThat(InputFormat.forFileName(Path.of("statuses.XLSX"))).contains(InputFormat.XLSX);
		assertThat(InputFormat.forFileName(Path.of("statuses.json"))).isEmpty();
		assertThat(InputFormat.forFileName(Path.of("statuses.xls"))).isEmpty();
		assertThat(InputFormat.forFileName(Path.of("statuses.csv.gz"))).isEmpty();
	}

	@Test
	void csvIsSeparatedByCommasAndTsvByTabs() {
		assertThat(InputFormat.CSV.separator()).isEqualTo(',');
		assertThat(InputFormat.TSV.separator()).isEqualTo('\t');
	}

	@Test
	void ndjsonIsNotDelimited() {
		assertThat(InputFormat.NDJSON.isDelimited()).isFalse();
	}

}
