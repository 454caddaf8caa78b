package com.example.intune.statusimport.input;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The file formats the importer reads, and the extensions that select them. */
public enum InputFormat {

	CSV(','), TSV('\t'), NDJSON((char) 0), XLSX((char) 0);

	private final char separator;

	InputFormat(char separator) {
		this.separator = separator;
	}

	/**
	 * The field separator a delimited file of this format has unless its header or {@code --delimiter} says another:
	 * a comma for CSV, a tab for TSV.
	 */
	public char separator() {
		return this.separator;
	}

	public boolean isDelimited() {
		return this == CSV || this == TSV;
	}

	/**
	 * {@code .csv} and {@code .txt} are CSV, {@code .tsv} is tab-separated, {@code .ndjson} and {@code .jsonl} NDJSON,
	 * {@code .xlsx} a workbook.
	 */
	public static Optional<InputFormat> forFileName(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (name.endsWith(".csv") || name.endsWith(".txt")) {
			return Optional.of(CSV);
		}
		if (name.endsWith(".tsv")) {
			return Optional.of(TSV);
		}
		if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
			return Optional.of(NDJSON);
		}
		if (name.endsWith(".xlsx")) {
			return Optional.of(XLSX);
		}
		return Optional.empty();
	}

}
