package com.example.intune.statusimport.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

import com.example.intune.statusimport.input.InputFormat;

/** What the input is and how to read it. */
final class InputOptions {

	@Option(names = "--format", paramLabel = "csv|tsv|ndjson", converter = OptionValues.FormatValue.class,
			description = "Read FILE in this format, whatever its extension. Default: from the extension.")
	InputFormat format;

	@Option(names = "--configuration-id", paramLabel = "ID", converter = OptionValues.PathSegmentValue.class,
			description = "The deviceConfigurationId for rows that carry none.")
	String configurationId;

	InputFormat formatOf(Path file) {
		if (this.format != null) {
			return this.format;
		}
		return InputFormat.forFileName(file)
			.orElseThrow(() -> new OptionProblem("cannot tell the format of " + file + " from its name; name it .csv,"
					+ " .tsv, .ndjson or .jsonl, or give --format"));
	}

}
