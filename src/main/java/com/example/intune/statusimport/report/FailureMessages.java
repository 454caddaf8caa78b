package com.example.intune.statusimport.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * How often each kind of failure message occurred, so that a run can say "2,000 rows: status 'x' is not a
 * compliance status" instead of leaving a person to sort a report of thousands of rows. Messages name their row's
 * values, so they are counted by their shape: the message with its quoted values and its figures taken out. Each
 * shape keeps the first message seen as its example. Bounded: past {@value #MAX_SHAPES} shapes, the rest are counted
 * as one.
 */
public final class FailureMessages {

	/** Enough for every distinct rule a file can break; a run of Graph's free-text errors must not grow without end. */
	static final int MAX_SHAPES = 100;

	/** Long enough to read the message, short enough to keep a hundred of them in the job store. */
	private static final int MAX_EXAMPLE = 300;

	static final String OTHER = "(other messages)";

	private static final Pattern QUOTED = Pattern.compile("'[^']*'");

	/** A word holding a figure: a line number, an id, a date, a count. */
	private static final Pattern WITH_FIGURE = Pattern.compile("[^\\s,;:()']*\\d[^\\s,;:()']*");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * One kind of message.
	 *
	 * @param category the category of the rows it failed
	 * @param shape the message without its values, what rows are counted by
	 * @param count how many rows failed with it
	 * @param example the first such message, values included
	 */
	public record Entry(FailureCategory category, String shape, long count, String example) {
	}

	private final Map<String, Entry> entries = new LinkedHashMap<>();

	public void add(FailureCategory category, String message) {
		String text = message == null ? "" : message;
		String shape = shapeOf(text);
		count(category.label() + " " + shape, new Entry(category, shape, 1, cut(text)));
	}

	public void add(FailureMessages other) {
		other.entries.forEach(this::count);
	}

	private void count(String key, Entry entry) {
		if (!this.entries.containsKey(key) && this.entries.size() >= MAX_SHAPES && !key.equals(OTHER)) {
			count(OTHER, new Entry(null, OTHER, entry.count(), entry.example()));
			return;
		}
		this.entries.merge(key, entry, (was, more) -> new Entry(was.category(), was.shape(),
				was.count() + more.count(), was.example()));
	}

	public void clear() {
		this.entries.clear();
	}

	public boolean isEmpty() {
		return this.entries.isEmpty();
	}

	/** The {@code limit} most frequent, most frequent first; among equals, the first seen first. */
	public List<Entry> top(int limit) {
		List<Entry> sorted = new ArrayList<>(this.entries.values());
		sorted.sort(Comparator.comparingLong(Entry::count).reversed());
		return List.copyOf(sorted.subList(0, Math.min(limit, sorted.size())));
	}

	/** As kept in a step's execution context: a JSON array, in the order first seen. */
	public String toText() {
		ArrayNode array = JSON.createArrayNode();
		this.entries.forEach((key, entry) -> array.addObject()
			.put("key", key)
			.put("category", entry.category() == null ? null : entry.category().label())
			.put("shape", entry.shape())
			.put("count", entry.count())
			.put("example", entry.example()));
		return JSON.writeValueAsString(array);
	}

	/** Reads {@link #toText()}; {@code null} or empty (a run saved before the tally existed) is no message. */
	public static FailureMessages fromText(String text) {
		FailureMessages messages = new FailureMessages();
		if (text == null || text.isEmpty()) {
			return messages;
		}
		for (JsonNode node : JSON.readTree(text)) {
			String category = node.path("category").asString(null);
			messages.entries.put(node.path("key").asString(), new Entry(categoryOf(category),
					node.path("shape").asString(),
					node.path("count").asLong(), node.path("example").asString()));
		}
		return messages;
	}

	private static FailureCategory categoryOf(String label) {
		for (FailureCategory category : FailureCategory.values()) {
			if (category.label().equals(label)) {
				return category;
			}
		}
		return null;
	}

	static String shapeOf(String message) {
		String unquoted = QUOTED.matcher(message).replaceAll("'…'");
		return WITH_FIGURE.matcher(unquoted).replaceAll("#");
	}

	private static String cut(String message) {
		return message.length() <= MAX_EXAMPLE ? message
				: message.substring(0, MAX_EXAMPLE - 1) + "…";
	}

}
