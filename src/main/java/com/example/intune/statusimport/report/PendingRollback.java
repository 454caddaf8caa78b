package com.example.intune.statusimport.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ItemStreamException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.devicestatus.DeviceStatusUpdate;
import com.example.intune.statusimport.files.PrivateFiles;

/**
 * What the chunk being sent is about to change, kept on disk before its first request leaves
 * ({@code .NAME.rollback-....EXT.pending}, owner-only): the rows' lines and keys, and what Graph held for each property
 * they change. A run killed after Graph applied some of those rows, but before the chunk committed, loses the
 * chunk's rollback rows with the chunk; the resumed run, comparing with Graph, then finds those rows unchanged and
 * sends nothing for them. This file is how it still knows what they replaced.
 */
final class PendingRollback {

	/** The first line: what the file is, for a person who finds it. */
	private static final String HEADER = "{\"pending\":\"device-status-import: the rollback rows of the chunk being"
			+ " sent\",\"version\":1}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** What one row about to be sent replaces. */
	record Row(String key, Map<DeviceStatusProperty, String> before) {
	}

	private PendingRollback() {
	}

	/** Beside the rollback file, hidden. */
	static Path of(Path rollbackFile) {
		return rollbackFile.resolveSibling("." + rollbackFile.getFileName() + ".pending");
	}

	static String key(DeviceStatusUpdate update) {
		return update.deviceConfigurationId() + "/" + update.id();
	}

	/** Replaces the file with the rows of the chunk about to be sent, on disk before this returns. */
	static void write(Path file, Map<Long, Row> rows) {
		StringBuilder text = new StringBuilder(HEADER).append('\n');
		rows.forEach((line, row) -> {
			ObjectNode object = JSON.createObjectNode();
			object.put("line", line);
			object.put("key", row.key());
			ObjectNode before = object.putObject("before");
			row.before().forEach((property, value) -> before.put(property.graphName(), value));
			text.append(JSON.writeValueAsString(object)).append('\n');
		});
		try {
			PrivateFiles.writeWhole(file, text.toString().getBytes(StandardCharsets.UTF_8), what(file));
		}
		catch (IOException ex) {
			throw new ItemStreamException(what(file) + " cannot be written: " + ex.getMessage(), ex);
		}
	}

	/** The rows the file holds, by line; none when there is no file. */
	static Map<Long, Row> read(Path file) {
		Map<Long, Row> rows = new HashMap<>();
		try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			PrivateFiles.refuseUnsafe(file, what(file));
			in.readLine(); // the header
			for (String line; (line = in.readLine()) != null && !line.isEmpty();) {
				JsonNode object = JSON.readTree(line);
				Map<DeviceStatusProperty, String> before = new EnumMap<>(DeviceStatusProperty.class);
				object.get("before").properties().forEach(member -> DeviceStatusProperty.forColumn(member.getKey())
					.ifPresent(property -> before.put(property, member.getValue().isNull() ? null
							: member.getValue().asString())));
				rows.put(object.get("line").asLong(), new Row(object.get("key").asString(), before));
			}
		}
		catch (NoSuchFileException ex) {
			return Map.of();
		}
		catch (IOException | JacksonException | NullPointerException ex) {
			throw new ItemStreamException(what(file) + " cannot be read (" + ex.getMessage() + "): it holds what the"
					+ " interrupted chunk was changing; move it away to resume without it, and check the rollback"
					+ " file's last rows by hand.", ex);
		}
		return rows;
	}

	static void delete(List<Path> files) {
		for (Path file : files) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				throw new ItemStreamException(what(file) + " cannot be removed: " + ex.getMessage(), ex);
			}
		}
	}

	private static String what(Path file) {
		return "the rollback file's pending rows " + file;
	}

}
