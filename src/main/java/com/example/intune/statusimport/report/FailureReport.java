package com.example.intune.statusimport.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
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

	private final ReportColumns columns;

	/**
	 * @param role the failure report, or the plan
	 * @param what how messages name the file, for a report that writes it as a journal of another
	 * @param columns the file's own columns after the input's
	 */
	FailureReport(Path path, TextEncoding encoding, FileRole role, String what, ReportColumns columns) {
		super(path, encoding, role, what);
		this.columns = columns;
	}

	ReportColumns columns() {
		return this.columns;
	}

	/**
	 * The report in the input's own format, so that it can be fixed and fed back in; a CSV or TSV report also in the
	 * input's encoding, byte-order mark and separator (a mark is how a spreadsheet knows to read it as UTF-8 or
	 * UTF-16, and without one it reads the ANSI code page), so that fixing it and feeding it back never changes a
	 * value nobody touched.
	 */
	public static FailureReport forInput(InputFile input, Path path) {
		return forInput(input, path, FileRole.REPORT, ReportColumns.FAILURES);
	}

	/**
	 * The plan, in the input's format like the report: each row that would be sent, with what it changes, and each
	 * that would fail, with why; written where an import writes its report, in the same transactions.
	 */
	public static FailureReport planFor(InputFile input, Path path) {
		return forInput(input, path, FileRole.PLAN, ReportColumns.PLAN);
	}

	private static FailureReport forInput(InputFile input, Path path, FileRole role, ReportColumns columns) {
		if (input.format() == InputFormat.XLSX) {
			return new WorkbookFailureReport(path, input.path(), input.layout(), input.sheet(), role, columns);
		}
		return input.format().isDelimited()
				? new DelimitedFailureReport(path, input.dialect(), input.layout(), role, columns)
				: new NdjsonFailureReport(path, role, columns);
	}

	/** Adds a row that failed (or, in a plan, would fail); it reaches the disk when the chunk commits. */
	public void append(SourceRow row, RowFailure failure) {
		appendRow(row, this.columns.of(row.line(), failure), failure.failedProperties());
	}

	/** Adds a row a plan would send, with what it changes ({@code property: Graph's value -> the new one; ...}). */
	public void appendUpdate(SourceRow row, String changes) {
		appendRow(row, this.columns.update(row.line(), changes), Set.of());
	}

	/**
	 * Adds the row with the file's own values after it.
	 * @param failedProperties the properties whose cells a workbook marks
	 */
	protected abstract void appendRow(SourceRow row, List<Object> own, Set<DeviceStatusProperty> failedProperties);

}
