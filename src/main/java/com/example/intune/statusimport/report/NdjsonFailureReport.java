package com.example.intune.statusimport.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.fileformat.TextEncoding;
import com.example.intune.statusimport.input.SourceRow;

/**
 * An NDJSON report: each failed line's original object (or its raw text under {@code _raw}) plus the report's
 * {@code _} keys. Keys of an earlier report fed back in are replaced, not repeated.
 */
class NdjsonFailureReport extends FailureReport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** UTF-8 without a byte-order mark whatever the input had: JSON text must not carry one (RFC 8259). */
	NdjsonFailureReport(Path path) {
		super(path, TextEncoding.UTF_8);
	}

	@Override
	protected void writeHeader(Writer out) {
		// NDJSON has no header: an empty report is an empty file
	}

	@Override
	public void append(SourceRow row, RowFailure failure) {
		ObjectNode object = JSON.createObjectNode();
		if (row.original() instanceof SourceRow.JsonObject json) {
			json.object().properties().forEach(field -> {
				if (!ReportColumns.isReportColumn(field.getKey())) {
					object.set(field.getKey(), field.getValue());
				}
			});
		}
		else if (row.original() instanceof SourceRow.RawText raw) {
			object.put(ReportColumns.RAW, raw.text());
		}
		List<String> values = ReportColumns.values(row.line(), failure);
		object.put("_line", row.line());
		object.put("_error", values.get(1));
		object.put("_message", values.get(2));
		putNumberOrNull(object, "_http_status", failure.httpStatus());
		object.put("_graph_code", failure.graphCode());
		object.put("_request_id", failure.requestId());
		object.put("_client_request_id", failure.clientRequestId());
		object.put("_attempts", failure.attempts());
		try {
			out().write(JSON.writeValueAsString(object));
			out().write('\n');
		}
		catch (IOException ex) {
			throw cannotWrite(ex);
		}
	}

	private static void putNumberOrNull(ObjectNode object, String key, int value) {
		if (value == 0) {
			object.putNull(key);
		}
		else {
			object.put(key, value);
		}
	}

}
