package com.example.intune.statusimport.input;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.fileformat.DelimitedRecords;
import com.example.intune.statusimport.fileformat.LineReader;
import com.example.intune.statusimport.fileformat.Printable;
import com.example.intune.statusimport.fileformat.UndecodableText;

/**
 * Reads one JSON object per line. A missing key leaves its property unchanged and an explicit {@code null} clears
 * it (validation refuses it for the properties Graph requires). A line that is not a JSON object is a malformed row;
 * an unknown key makes its row invalid.
 */
class NdjsonRowReader extends RowReader {

	static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private LineReader lines;

	NdjsonRowReader(InputFile input, String defaultConfigurationId) {
		super(input, defaultConfigurationId);
	}

	@Override
	protected void openFile() throws Exception {
		this.lines = new LineReader(this.input.encoding().reader(Files.newInputStream(this.input.path())));
	}

	@Override
	protected SourceRow doRead() throws Exception {
		for (LineReader.Line line; (line = nextLine()) != null;) {
			if (line.tooLong()) {
				return malformed(line.number(), new SourceRow.RawText(""), "the line is " + line.length()
						+ " characters long, more than the " + DelimitedRecords.MAX_RECORD_CHARS + " a row may hold, so"
						+ " it was not read (nor copied here); check the file at this line");
			}
			if (!line.text().isBlank()) {
				return toRow(line.number(), line.text());
			}
		}
		return null;
	}

	private LineReader.Line nextLine() throws java.io.IOException {
		try {
			return this.lines.next();
		}
		catch (UndecodableText ex) {
			// the first pass decoded every byte: the file changed since
			throw FileEncoding.changedDuringTheRun(this.input.path(), ex);
		}
	}

	private SourceRow toRow(long line, String text) {
		return toRow(line, text, false);
	}

	/** @param rawAlready whether {@code text} came from a report's {@code _raw} key, which is read back once only */
	private SourceRow toRow(long line, String text, boolean rawAlready) {
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
		JsonNode raw = object.get(SourceRow.RawText.KEY);
		if (raw != null && raw.isString() && !rawAlready && object.propertyStream()
			.allMatch(field -> DeviceStatusProperty.isIgnoredColumn(field.getKey()))) {
			// a report's line for a line that was not an object: read what the line said, to fail or pass as it does
			return toRow(line, raw.asString(), true);
		}
		Map<DeviceStatusProperty, String> values = new EnumMap<>(DeviceStatusProperty.class);
		List<String> problems = new ArrayList<>();
		for (Map.Entry<String, JsonNode> field : object.properties()) {
			String key = field.getKey();
			ColumnMapping.Meaning meaning = this.input.mapping().meaningOf(key);
			if (meaning instanceof ColumnMapping.Unknown) {
				problems.add("unknown key '" + Printable.of(key) + "'" + ColumnMapping.closest(key)
						+ ", accepted keys (letter case and spaces ignored): "
						+ String.join(", ", DeviceStatusProperty.acceptedColumnNames())
						+ ", keys starting with _ are ignored; map a key of your own with --map \"KEY=property\"");
				continue;
			}
			if (!(meaning instanceof ColumnMapping.Sets sets)) {
				continue;
			}
			DeviceStatusProperty property = sets.property();
			if (values.containsKey(property)) {
				problems.add("key '" + Printable.of(key) + "' sets " + property.graphName() + " a second time");
				continue;
			}
			JsonNode value = field.getValue();
			if (value.isNull()) {
				values.put(property, null);
			}
			else if (value.isString()) {
				values.put(property, value.asString());
			}
			else {
				problems.add(key + ": " + Printable.of(value.toString()) + " is a JSON "
						+ value.getNodeType().toString().toLowerCase(Locale.ROOT)
						+ ", write the value as text in quotes"
						+ (property.isClearable() ? ", or null to clear it" : ""));
			}
		}
		JsonNode error = object.has(SourceRow.EARLIER_ERROR_KEY) ? object.get(SourceRow.EARLIER_ERROR_KEY)
				: object.get(SourceRow.PLANNED_ACTION_KEY);
		return row(line, values, new SourceRow.JsonObject(text, object), problems, Set.of(),
				error != null && error.isString() ? error.asString() : null);
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
