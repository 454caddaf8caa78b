package com.example.intune.statusimport.report;

import java.nio.file.Path;

import com.example.intune.statusimport.fileformat.TextEncoding;
import com.example.intune.statusimport.input.InputFile;
import com.example.intune.statusimport.input.InputFormat;
import com.example.intune.statusimport.input.SourceRow;

/**
 * The failure report, written as a transactional output of the step ({@link TransactionalFile}): a row of a chunk
 * that was rolled back by a crash is written once, by the run that commits it, and a report that changed between
 * runs is refused rather than cut or replaced, since it holds the failures of the rows already done, which no later
 * run reports again. A new run replaces an earlier run's report. The report is written even when nothing fails, so
 * that a scheduler always finds it.
 */
public abstract class FailureReport extends TransactionalFile {

	protected FailureReport(Path path, TextEncoding encoding) {
		this(path, encoding, FileRole.REPORT.what());
	}

	/** @param what how messages name the file, for a report that writes it as a journal of another */
	protected FailureReport(Path path, TextEncoding encoding, String what) {
		super(path, encoding, FileRole.REPORT, what);
	}

	/**
	 * The report in the input's own format, so that it can be fixed and fed back in; a CSV or TSV report also in the
	 * input's encoding, byte-order mark and separator (a mark is how a spreadsheet knows to read it as UTF-8 or
	 * UTF-16, and without one it reads the ANSI code page), so that fixing it and feeding it back never changes a
	 * value nobody touched.
	 */
	public static FailureReport forInput(InputFile input, Path path) {
		if (input.format() == InputFormat.XLSX) {
			return new WorkbookFailureReport(path, input.path(), input.layout(), input.sheet());
		}
		return input.format().isDelimited() ? new DelimitedFailureReport(path, input.dialect(), input.layout())
				: new NdjsonFailureReport(path);
	}

	/** Adds a row; it reaches the disk when the chunk commits. */
	public abstract void append(SourceRow row, RowFailure failure);

}
