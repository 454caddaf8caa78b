package com.example.intune.statusimport.cli;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Option;

import com.example.intune.statusimport.input.ColumnMapping;
import com.example.intune.statusimport.input.InputFormat;
import com.example.intune.statusimport.input.InputProblem;
import com.example.intune.statusimport.input.TextOptions;

/** What the input is and how to read it. */
final class InputOptions {

	@Option(names = "--format", paramLabel = "csv|tsv|ndjson|xlsx", converter = OptionValues.FormatValue.class,
			description = "Read FILE in this format, whatever its extension. Default: from the extension.")
	InputFormat format;

	@Option(names = "--sheet", paramLabel = "NAME|NUMBER",
			description = "For a workbook: the sheet to read, by its name or its number among the tabs (1 is the"
					+ " first). Default: the first sheet.")
	String sheet;

	@Option(names = "--configuration-id", paramLabel = "ID", converter = OptionValues.PathSegmentValue.class,
			description = "The deviceConfigurationId for rows that carry none.")
	String configurationId;

	@Option(names = "--map", paramLabel = "HEADER=PROPERTY",
			description = "Read the column (or NDJSON key) HEADER as the Graph property PROPERTY, or ignore it when"
					+ " PROPERTY starts with _. Letter case and spaces are ignored. Repeatable.")
	List<String> maps; // null when not given: an empty list would be shown, and read back, as the default "[]"

	@Option(names = "--mapping", paramLabel = "FILE",
			description = "A CSV file of HEADER,PROPERTY lines, each read like a --map; a first line"
					+ " header,property is skipped.")
	Path mappingFile;

	/** The user's names for columns, checked before anything is read or sent. */
	ColumnMapping mapping() {
		try {
			return ColumnMapping.of(this.maps == null ? List.of() : this.maps, this.mappingFile);
		}
		catch (InputProblem ex) {
			throw new OptionProblem(ex.getMessage());
		}
	}

	@Option(names = "--delimiter", paramLabel = "SEPARATOR", converter = TextOptionValues.DelimiterValue.class,
			description = "The separator of a CSV or text file: , ; | or tab (quote ; and | for the shell)."
					+ " Default: the one the header line holds (tab for .tsv).")
	Character delimiter;

	@Option(names = "--encoding", paramLabel = "NAME", converter = TextOptionValues.EncodingValue.class,
			description = "The encoding of a CSV or text file, such as windows-1252 (Excel's plain CSV in Western"
					+ " Europe) or ISO-8859-1. Default: UTF-8, or UTF-16 by its byte-order mark.")
	Charset encoding;

	/** How a CSV or text file is read; NDJSON and workbooks have no encoding or separator to give. */
	TextOptions textOptions(InputFormat format) {
		if (!format.isDelimited() && (this.encoding != null || this.delimiter != null)) {
			throw new OptionProblem((this.encoding != null ? "--encoding" : "--delimiter") + " is for CSV and text"
					+ " files; " + (format == InputFormat.NDJSON ? "NDJSON is always UTF-8 (RFC 8259) and has no"
							+ " separator" : "a workbook has no encoding or separator") + ", so leave it out");
		}
		return new TextOptions(this.encoding, this.delimiter);
	}

	InputFormat formatOf(Path file) {
		if (this.format != null) {
			return this.format;
		}
		return InputFormat.forFileName(file)
			.orElseThrow(() -> new OptionProblem("cannot tell the format of " + file + " from its name; name it .csv,"
					+ " .tsv, .ndjson, .jsonl or .xlsx, or give --format"));
	}

	/** The {@code --sheet} of a workbook; refused for text, which has no sheets. */
	String sheetFor(Path file, InputFormat format) {
		if (this.sheet != null && format != InputFormat.XLSX) {
			throw new OptionProblem("--sheet is for workbooks (.xlsx), and " + file + " is read as "
					+ format.name().toLowerCase(java.util.Locale.ROOT) + "; leave --sheet out, or give a workbook");
		}
		return this.sheet;
	}

}
