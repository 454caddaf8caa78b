package com.example.intune.statusimport.input;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.example.intune.statusimport.fileformat.TextEncoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
		assertThat(InputFormat.TSV.dialect(TextEncoding.UTF_8).separator()).isEqualTo('\t');
	}

	@Test
	void ndjsonHasNoDelimitedDialect() {
		assertThat(InputFormat.NDJSON.isDelimited()).isFalse();
		assertThatThrownBy(() -> InputFormat.NDJSON.dialect(TextEncoding.UTF_8))
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("NDJSON is not a delimited format");
	}

}
