package com.example.intune.statusimport.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.example.intune.statusimport.input.SourceRow;

/**
 * A file's own columns (or keys) after the input's, in order: the failure report's, or the plan's. They start with
 * {@code _}, so an input ignores them. Each value is a {@link String}, a {@link Number} (written as a number where
 * the format has them) or {@code null} (empty).
 *
 * @param names the columns, in order
 */
record ReportColumns(List<String> names) {

	static final ReportColumns FAILURES = new ReportColumns(List.of("_line", SourceRow.EARLIER_ERROR_KEY, "_message",
			"_http_status", "_graph_code", "_request_id", "_client_request_id", "_attempts"));

	/** {@code _action} is {@code update} or the failure an import would report. */
	static final ReportColumns PLAN = new ReportColumns(List.of("_line", "_action", "_changes", "_message"));

	/** The one column that notes about the row's cells (a value cut to fit) are added to. */
	static final String NOTES = "_message";

	static boolean isReportColumn(String name) {
		String key = name.strip().toLowerCase(Locale.ROOT);
		return Arrays.asList(FAILURES, PLAN).stream().anyMatch(columns -> columns.names.contains(key))
				|| SourceRow.RawText.KEY.equals(key);
	}

	/** The values of a row that failed, or would fail. */
	List<Object> of(long line, RowFailure failure) {
		if (this == PLAN) {
			return Arrays.asList(line, failure.category().label(), null, failure.message());
		}
		return Arrays.asList(line, failure.category().label(), failure.message(),
				failure.httpStatus() == 0 ? null : failure.httpStatus(), failure.graphCode(), failure.requestId(),
				failure.clientRequestId(), failure.attempts());
	}

	/** The values of a row a plan would send, with what it changes. */
	List<Object> update(long line, String changes) {
		if (this != PLAN) {
			throw new IllegalStateException("only a plan lists the rows it would send");
		}
		return Arrays.asList(line, "update", changes, null);
	}

	/** A value as text: empty for none. */
	static String text(Object value) {
		return value == null ? "" : value.toString();
	}

}
