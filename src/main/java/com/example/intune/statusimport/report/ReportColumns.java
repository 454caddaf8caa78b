package com.example.intune.statusimport.report;

import java.util.List;

import com.example.intune.statusimport.input.SourceRow;

/** The report's own columns (or keys), in order. They start with {@code _}, so an input ignores them. */
final class ReportColumns {

	static final List<String> NAMES = List.of("_line", SourceRow.EARLIER_ERROR_KEY, "_message", "_http_status",
			"_graph_code", "_request_id", "_client_request_id", "_attempts");


	private ReportColumns() {
	}

	static boolean isReportColumn(String name) {
		String key = name.strip().toLowerCase(java.util.Locale.ROOT);
		return NAMES.contains(key) || SourceRow.RawText.KEY.equals(key);
	}

	static List<String> values(long line, RowFailure failure) {
		return List.of(Long.toString(line), failure.category().label(), failure.message(),
				failure.httpStatus() == 0 ? "" : Integer.toString(failure.httpStatus()), orEmpty(failure.graphCode()),
				orEmpty(failure.requestId()), orEmpty(failure.clientRequestId()), Integer.toString(failure.attempts()));
	}

	private static String orEmpty(String value) {
		return value == null ? "" : value;
	}

}
