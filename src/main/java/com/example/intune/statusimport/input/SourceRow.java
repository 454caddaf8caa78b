package com.example.intune.statusimport.input;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;

/**
 * One row as it was read, before validation.
 *
 * @param line the line of the file where the row starts
 * @param values the properties the row sets; a property mapped to {@code null} is to be cleared
 * @param original the row as it stood in the file, for the failure report
 * @param readProblems what made the row unreadable or unusable while reading (empty for a readable row)
 * @param malformed whether the row could not be parsed at all
 * @param duplicateOfLine the line of an earlier row with the same keys, or 0
 * @param problemProperties the properties whose cells the read problems are about (a workbook's {@code TRUE} or
 * {@code #N/A} in the status column), so that a report can point at those cells
 * @param earlierError in a failure report fed back, the row's {@value #EARLIER_ERROR_KEY} cell as it stands now (the
 * person may have emptied it), or in a plan its {@value #PLANNED_ACTION_KEY} cell; else {@code null}
 */
public record SourceRow(long line, Map<DeviceStatusProperty, String> values, Original original,
		List<String> readProblems, boolean malformed, long duplicateOfLine, Set<DeviceStatusProperty> problemProperties,
		String earlierError) {

	/** The column (or key) of a failure report that says why its row failed. */
	public static final String EARLIER_ERROR_KEY = "_error";

	/** The column (or key) of a plan that says what an import would do with its row, or why it would fail. */
	public static final String PLANNED_ACTION_KEY = "_action";

	/** Whether a column (or key) says why its row failed earlier: a report's, or a plan's. */
	public static boolean isEarlierErrorKey(String name) {
		String key = name.strip();
		return key.equalsIgnoreCase(EARLIER_ERROR_KEY) || key.equalsIgnoreCase(PLANNED_ACTION_KEY);
	}

	public SourceRow {
		EnumMap<DeviceStatusProperty, String> copy = new EnumMap<>(DeviceStatusProperty.class);
		copy.putAll(values);
		values = Collections.unmodifiableMap(copy);
		readProblems = List.copyOf(readProblems);
		problemProperties = Set.copyOf(problemProperties);
	}

	/** A row whose read problems, if any, are about no cell in particular. */
	public SourceRow(long line, Map<DeviceStatusProperty, String> values, Original original, List<String> readProblems,
			boolean malformed, long duplicateOfLine) {
		this(line, values, original, readProblems, malformed, duplicateOfLine, Set.of(), null);
	}

	public boolean isDuplicate() {
		return this.duplicateOfLine > 0;
	}

	/** The row as it stood in the file. */
	public sealed interface Original {
	}

	/** The cells of a CSV or TSV record, as read (before formula un-escaping). */
	public record DelimitedCells(List<String> cells) implements Original {
		public DelimitedCells {
			cells = Collections.unmodifiableList(new java.util.ArrayList<>(cells));
		}
	}

	/**
	 * The cells of a workbook row, by column from the first (A), as the sheet holds them.
	 */
	public record WorkbookCells(List<WorkbookCell> cells) implements Original {
		public WorkbookCells {
			cells = List.copyOf(cells);
		}
	}

	/** An NDJSON line that parsed as a JSON object, with its text as it stood in the file. */
	public record JsonObject(String text, ObjectNode object) implements Original {
	}

	/** A line that could not be parsed, as raw text. */
	public record RawText(String text) implements Original {

		/** The key under which a report keeps such a line, and from which the line is read back. */
		public static final String KEY = "_raw";

	}

}
