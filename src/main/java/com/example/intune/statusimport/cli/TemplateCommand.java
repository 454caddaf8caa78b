package com.example.intune.statusimport.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import com.example.intune.statusimport.files.PrivateFiles;
import com.example.intune.statusimport.job.UsageProblem;
import com.example.intune.statusimport.template.InputTemplate;

/** {@code template FILE}: an empty input to fill in, the first step of an import from a spreadsheet. */
@Command(name = "template", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
		description = { "Writes an empty input to fill in and import.", "FILE.xlsx is a workbook with the columns, a"
				+ " drop-down list of the statuses, the date columns formatted as date-times and the others as text,"
				+ " and a second sheet that explains each column. FILE.csv (or .tsv) is the header line, in UTF-8"
				+ " with a byte-order mark so that Excel opens and saves it as UTF-8.", "" },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:the template was written",
				"3:nothing was written: FILE exists (give --force), is a link or a folder, is not named .xlsx, .csv or"
						+ " .tsv, or cannot be written; the message says which" })
final class TemplateCommand implements Callable<Integer> {

	private static final String WHAT = "the template";

	private final Console console;

	@Parameters(paramLabel = "FILE", description = "The file to write: .xlsx, .csv or .tsv.")
	Path file;

	@Option(names = "--force", description = "Replace FILE if it exists. A link is never followed, even so.")
	boolean force;

	TemplateCommand(Console console) {
		this.console = console;
	}

	@Override
	public Integer call() {
		InputTemplate.Kind kind = InputTemplate.Kind.of(this.file)
			.orElseThrow(() -> new OptionProblem(this.file + ": name the template .xlsx (a workbook with a drop-down"
					+ " list of the statuses and a sheet that explains the columns), .csv or .tsv. Nothing was"
					+ " written."));
		Path path = this.file.toAbsolutePath().normalize();
		PrivateFiles.refuseUnsafe(path, WHAT);
		boolean exists = Files.exists(path, LinkOption.NOFOLLOW_LINKS);
		if (exists && !this.force) {
			throw new UsageProblem(path + " already exists; give --force to replace it, or another name. Nothing was"
					+ " written.");
		}
		try {
			InputTemplate.write(path, kind);
		}
		catch (IOException ex) {
			throw new UsageProblem(WHAT + " " + path + " cannot be written: " + ex.getMessage(), ex);
		}
		this.console.out().println((exists ? "Replaced " : "Wrote ") + path + ", an empty input to fill in."
				+ " Check it with 'device-status-import import --dry-run " + path + "', which sends nothing; then"
				+ " import it without --dry-run.");
		return 0;
	}

}
