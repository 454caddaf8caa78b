package com.example.intune.statusimport.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.fileformat.TextEncoding;
import com.example.intune.statusimport.input.SourceRow;

/**
 * An NDJSON report: each failed line's original object (or its raw text under {@code _raw}) plus the report's
 * {@code _} keys. Keys of an earlier report fed back in are replaced, not repeated.
 */
class NdjsonFailureReport extends FailureReport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** UTF-8 without a byte-order mark whatever the input had: JSON text must not carry one (RFC 8259). */
	NdjsonFailureReport(Path path, FileRole role, ReportColumns columns) {
		super(path, TextEncoding.UTF_8, role, role.what(), columns);
	}

	/**
	 * Replaces what UTF-8 cannot hold rather than refusing it: a JSON escape such as {@code "\\ud800"} puts a lone
	 * surrogate into a value, which the report writes back as it holds it.
	 */
	@Override
	protected Writer writer(OutputStream out, boolean atFileStart) {
		return new OutputStreamWriter(out, StandardCharsets.UTF_8);
	}

	@Override
	protected void writeHeader(Writer out) {
		// NDJSON has no header: an empty report is an empty file
	}

	@Override
	protected void appendRow(SourceRow row, List<Object> own, Set<DeviceStatusProperty> failedProperties) {
		ObjectNode reportKeys = JSON.createObjectNode();
		for (int i = 0; i < own.size(); i++) {
			String key = columns().names().get(i);
			Object value = own.get(i);
			if (value instanceof Number number) {
				reportKeys.put(key, number.longValue());
			}
			else {
				reportKeys.put(key, (String) value);
			}
		}
		String line;
		if (row.original() instanceof SourceRow.JsonObject json) {
			line = withReportKeys(json, reportKeys);
		}
		else {
			ObjectNode object = JSON.createObjectNode();
			object.put(SourceRow.RawText.KEY, row.original() instanceof SourceRow.RawText raw ? raw.text() : "");
			object.setAll(reportKeys);
			line = JSON.writeValueAsString(object);
		}
		try {
			out().write(line);
			out().write('\n');
		}
		catch (IOException ex) {
			throw cannotWrite(ex);
		}
	}

	/**
	 * The line as it stood in the file, every byte of it, with the report's keys added before its closing brace; an
	 * earlier report's keys, which come last, are cut off first. Only when those were moved about is the object
	 * written anew from its parsed form, which keeps every value but not necessarily how it was spelt.
	 */
	static String withReportKeys(SourceRow.JsonObject json, ObjectNode reportKeys) {
		String text = json.text().strip();
		int cut = startOfReportKeys(text);
		String keys = JSON.writeValueAsString(reportKeys);
		keys = keys.substring(1, keys.length() - 1);
		if (cut > 0) {
			String kept = text.substring(0, cut).stripTrailing();
			return kept + (kept.endsWith("{") ? "" : ",") + keys + "}";
		}
		ObjectNode rewritten = JSON.createObjectNode();
		json.object().properties().forEach(field -> {
			if (!ReportColumns.isReportColumn(field.getKey())) {
				rewritten.set(field.getKey(), field.getValue());
			}
		});
		rewritten.setAll(reportKeys);
		return JSON.writeValueAsString(rewritten);
	}

	/**
	 * Where the row's own members end: just after the last of them (or after the opening brace when it has none), so
	 * that a trailing run of report keys is cut off; -1 when report keys stand between the row's own members.
	 */
	private static int startOfReportKeys(String text) {
		int ownEnd = text.indexOf('{') + 1;
		boolean reportKeySeen = false;
		try (JsonParser parser = JSON.createParser(text)) {
			parser.nextToken(); // the opening brace
			for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
				boolean report = ReportColumns.isReportColumn(parser.currentName());
				if (parser.nextToken().isStructStart()) {
					parser.skipChildren();
				}
				else {
					parser.finishToken(); // a string is read lazily: its end is known only once it is finished
				}
				if (report) {
					reportKeySeen = true;
				}
				else if (reportKeySeen) {
					return -1;
				}
				else {
					ownEnd = (int) parser.currentLocation().getCharOffset();
				}
			}
		}
		return ownEnd;
	}

}
