package com.example.intune.statusimport.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.fileformat.TextEncoding;
import com.example.intune.statusimport.input.ColumnMapping;
import com.example.intune.statusimport.input.SourceRow;

/**
 * An NDJSON rollback file: for each applied line, an object with the line's key members as they stood (under their
 * own names, so that the same {@code --map} reads them), each restored property under the line's name for it, with
 * {@code null} for a property that held none (importing it clears it), then {@code _line} and, when something cannot
 * be restored, {@code _rollback_note}. UTF-8 without a byte-order mark, as JSON text must be.
 */
class NdjsonRollbackRows extends RollbackRows {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ColumnMapping mapping;

	NdjsonRollbackRows(Path path, ColumnMapping mapping) {
		super(path, TextEncoding.UTF_8, FileRole.ROLLBACK.what());
		this.mapping = mapping;
	}

	/** Replaces what UTF-8 cannot hold (a lone surrogate a JSON escape put in a value) rather than refusing it. */
	@Override
	protected Writer writer(OutputStream out, boolean atFileStart) {
		return new OutputStreamWriter(out, StandardCharsets.UTF_8);
	}

	@Override
	protected void writeHeader(Writer out) {
		// NDJSON has no header: a rollback file of no rows is an empty file
	}

	@Override
	void append(RollbackRow row) {
		ObjectNode object = JSON.createObjectNode();
		boolean namesConfiguration = false;
		if (row.original() instanceof SourceRow.JsonObject json) {
			for (Map.Entry<String, JsonNode> member : json.object().properties()) {
				if (!(this.mapping.meaningOf(member.getKey()) instanceof ColumnMapping.Sets sets)) {
					continue;
				}
				DeviceStatusProperty property = sets.property();
				if (property.isKey()) {
					object.set(member.getKey(), member.getValue());
					namesConfiguration |= property == DeviceStatusProperty.DEVICE_CONFIGURATION_ID;
				}
				else if (row.values().containsKey(property)) {
					object.put(member.getKey(), row.values().get(property));
				}
			}
		}
		String configuration = DeviceStatusProperty.DEVICE_CONFIGURATION_ID.graphName();
		if (!namesConfiguration && this.mapping.meaningOf(configuration) instanceof ColumnMapping.Sets sets
				&& sets.property() == DeviceStatusProperty.DEVICE_CONFIGURATION_ID) {
			// the line took --configuration-id: named here, the file needs no option to be read back
			object.put(configuration, row.deviceConfigurationId());
		}
		object.put("_line", row.line());
		if (!row.note().isEmpty()) {
			object.put(RollbackColumns.NOTE, row.note());
		}
		try {
			out().write(JSON.writeValueAsString(object));
			out().write('\n');
		}
		catch (IOException ex) {
			throw cannotWrite(ex);
		}
	}

	@Override
	boolean holdsNull() {
		return true;
	}

	@Override
	boolean holdsEmpty() {
		return true;
	}

}
