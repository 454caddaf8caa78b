package com.example.intune.statusimport.input;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import com.example.intune.statusimport.fileformat.DelimitedDialect;
import com.example.intune.statusimport.fileformat.TextEncoding;

/** The file formats the importer reads, and the extensions that select them. */
public enum InputFormat {

	CSV(','), TSV('\t'), NDJSON((char) 0), XLSX((char) 0);

	private final char separator;

	InputFormat(char separator) {
		this.separator = separator;
	}

	/** The field separator of the delimited formats. */
	public char separator() {
		return this.separator;
	}

	/** The dialect of a delimited file in this format and encoding. */
	public DelimitedDialect dialect(TextEncoding encoding) {
		if (!isDelimited()) {
			throw new IllegalStateException(this + " is not a delimited format");
		}
		return new DelimitedDialect(this.separator, encoding);
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
