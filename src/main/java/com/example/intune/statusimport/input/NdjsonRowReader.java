package com.example.intune.statusimport.input;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;

/**
 * Reads one JSON object per line. A missing key leaves its property unchanged and an explicit {@code null} clears
 * it. A line that is not a JSON object is a malformed row; an unknown key makes its row invalid.
 */
class NdjsonRowReader extends RowReader {

	static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private BufferedReader lines;

	private long lineNumber;

	NdjsonRowReader(InputFile input, String defaultConfigurationId) {
		super(input, defaultConfigurationId);
	}

	@Override
	protected void openFile() throws Exception {
		this.lines = this.input.encoding().reader(Files.newInputStream(this.input.path()));
		this.lineNumber = 0;
	}

	@Override
	protected SourceRow doRead() throws Exception {
		String text;
		while ((text = this.lines.readLine()) != null) {
			this.lineNumber++;
			if (!text.isBlank()) {
				return toRow(this.lineNumber, text);
			}
		}
		return null;
	}

	private SourceRow toRow(long line, String text) {
		JsonNode node;
		try {
			node = JSON.readTree(text);
		}
		catch (JacksonException ex) {
			return malformed(line, new SourceRow.RawText(text), "the line is not valid JSON" + where(ex) + " ("
					+ plainMessage(ex) + "), each line must be one JSON object such as"
					+ " {\"id\":\"...\",\"status\":\"compliant\"}");
		}
		if (!(node instanceof ObjectNode object)) {
			return malformed(line, new SourceRow.RawText(text), "the line is a JSON " + node.getNodeType()
				.toString()
				.toLowerCase() + ", not an object, each line must be one JSON object such as {\"id\":\"...\",\"status\":\"compliant\"}");
		}
		Map<DeviceStatusProperty, String> values = new EnumMap<>(DeviceStatusProperty.class);
		List<String> problems = new ArrayList<>();
		for (Map.Entry<String, JsonNode> field : object.properties()) {
			String key = field.getKey();
			if (DeviceStatusProperty.isIgnoredColumn(key)) {
				continue;
			}
			Optional<DeviceStatusProperty> property = DeviceStatusProperty.forColumn(key);
			if (property.isEmpty()) {
				problems.add("unknown key '" + key + "', accepted keys (any letter case): "
						+ String.join(", ", DeviceStatusProperty.acceptedColumnNames())
						+ ", keys starting with _ are ignored");
				continue;
			}
			if (values.containsKey(property.get())) {
				problems.add("key '" + key + "' sets " + property.get().graphName() + " a second time");
				continue;
			}
			JsonNode value = field.getValue();
			if (value.isNull()) {
				values.put(property.get(), null);
			}
			else if (value.isString()) {
				values.put(property.get(), value.asString());
			}
			else {
				problems.add(key + ": " + value + " is a JSON " + value.getNodeType().toString().toLowerCase()
						+ ", write the value as text in quotes, or null to clear it");
			}
		}
		return row(line, values, new SourceRow.JsonObject(object), problems);
	}

	private static String where(JacksonException ex) {
		return ex.getLocation() == null || ex.getLocation().getColumnNr() < 1 ? ""
				: " at column " + ex.getLocation().getColumnNr();
	}

	/** Jackson's message without its parser internals, which mean nothing to the owner of the file. */
	private static String plainMessage(JacksonException ex) {
		String message = ex.getOriginalMessage() == null ? "unreadable" : ex.getOriginalMessage();
		message = message.lines().findFirst().orElse(message);
		return message.replaceAll("\\s*\\(start marker at \\[Source.*$", "").replaceAll("\\s*at \\[Source.*$", "").strip();
	}

	@Override
	protected void doClose() throws Exception {
		if (this.lines != null) {
			this.lines.close();
			this.lines = null;
		}
	}

}
