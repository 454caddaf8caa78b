package com.example.intune.statusimport.cli;

import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Option;

import com.example.intune.statusimport.input.ColumnMapping;
import com.example.intune.statusimport.input.InputFormat;
import com.example.intune.statusimport.input.InputProblem;

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
