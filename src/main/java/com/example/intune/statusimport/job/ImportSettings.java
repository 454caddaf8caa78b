package com.example.intune.statusimport.job;

import com.example.intune.statusimport.graph.GraphSettings;
import com.example.intune.statusimport.input.InputFile;
import com.example.intune.statusimport.validation.DateTimeReading;

/**
 * Everything one run needs, decided by the command line before the job starts.
 *
 * @param input the checked input file
 * @param defaultConfigurationId the deviceConfigurationId for rows that carry none, or {@code null}
 * @param graph how to reach Graph and how hard to push it
 * @param run how the run is kept, resumed and bounded
 * @param output where the report, the figures and the progress go
 * @param dateTimes how date-times without an offset are read ({@code --date-format}, {@code --time-zone})
 */
public record ImportSettings(InputFile input, String defaultConfigurationId, GraphSettings graph, RunSettings run,
		OutputSettings output, DateTimeReading dateTimes) {

	/** The same run writing where {@code output} says (a resumed run's files, named by its first start). */
	public ImportSettings withOutput(OutputSettings output) {
		return new ImportSettings(this.input, this.defaultConfigurationId, this.graph, this.run, output, this.dateTimes);
	}

	public boolean dryRun() {
		return this.run.dryRun();
	}

}
