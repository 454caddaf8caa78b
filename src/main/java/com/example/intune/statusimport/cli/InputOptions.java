package com.example.intune.statusimport.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

import com.example.intune.statusimport.input.InputFormat;

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
