package com.example.intune.statusimport.report;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import com.example.intune.statusimport.input.WorkbookCell;

/**
 * The lines of a workbook report's journal: one JSON object per failed row, holding its typed cells, the report's
 * column values and the columns whose cells failed validation, from which the workbook is written whole. A cell is
 * {@code null} when blank, a string for text, {@code true} or {@code false}, or {@code ["n"|"d", number, format,
 * text]} for a number or date and {@code ["e", code]} for an error.
 */
final class FailureJournal {

	/** The first line: what the file is, for a person who finds it. */
	static final String HEADER = "{\"journal\":\"device-status-import: the failed rows of a workbook report\","
			+ "\"version\":1}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private FailureJournal() {
	}

	/**
	 * One failed row.
	 *
	 * @param line the row's number in the sheet
	 * @param cells the row's cells from column A
	 * @param reportValues the values of the report's own columns, in their order
	 * @param failedColumns the input columns (from 0 for A) whose cells failed validation
	 */
	record Row(long line, List<WorkbookCell> cells, List<String> reportValues, Set<Integer> failedColumns) {

		Row {
			cells = List.copyOf(cells);
			reportValues = List.copyOf(reportValues);
			failedColumns = Set.copyOf(failedColumns);
		}

	}

	static String line(Row row) {
		ObjectNode object = JSON.createObjectNode();
		object.put("line", row.line());
		ArrayNode cells = object.putArray("cells");
		for (WorkbookCell cell : row.cells()) {
			switch (cell.type()) {
				case BLANK -> cells.addNull();
				case TEXT -> cells.add(cell.text());
				case BOOLEAN -> cells.add("TRUE".equalsIgnoreCase(cell.text()));
				case ERROR -> cells.addArray().add("e").add(cell.text());
				case NUMBER, DATE -> cells.addArray()
					.add(cell.type() == WorkbookCell.Type.NUMBER ? "n" : "d")
					.add(cell.number())
					.add(cell.numberFormat())
					.add(cell.text());
			}
		}
		ArrayNode values = object.putArray("report");
		row.reportValues().forEach(values::add);
		ArrayNode failed = object.putArray("failed");
		new TreeSet<>(row.failedColumns()).forEach(failed::add);
		return JSON.writeValueAsString(object);
	}

	static Row parse(String line) {
		JsonNode object = JSON.readTree(line);
		List<WorkbookCell> cells = new ArrayList<>();
		for (JsonNode cell : object.get("cells")) {
			cells.add(cell(cell));
		}
		List<String> values = new ArrayList<>();
		object.get("report").forEach(value -> values.add(value.asString()));
		Set<Integer> failed = new TreeSet<>();
		object.get("failed").forEach(column -> failed.add(column.asInt()));
		return new Row(object.get("line").asLong(), cells, values, failed);
	}

	private static WorkbookCell cell(JsonNode cell) {
		if (cell.isNull()) {
			return WorkbookCell.BLANK;
		}
		if (cell.isString()) {
			return WorkbookCell.text(cell.asString());
		}
		if (cell.isBoolean()) {
			return new WorkbookCell(WorkbookCell.Type.BOOLEAN, cell.asBoolean() ? "TRUE" : "FALSE", 0, null);
		}
		String kind = cell.get(0).asString();
		if (kind.equals("e")) {
			return new WorkbookCell(WorkbookCell.Type.ERROR, cell.get(1).asString(), 0, null);
		}
		JsonNode format = cell.get(2);
		return new WorkbookCell(kind.equals("d") ? WorkbookCell.Type.DATE : WorkbookCell.Type.NUMBER,
				cell.get(3).asString(), cell.get(1).asDouble(), format.isNull() ? null : format.asString());
	}

	/** The rows in the journal's first {@code length} bytes, in order; they are read as they are asked for. */
	static Rows read(Path journal, long length) throws IOException {
		BufferedReader in = new BufferedReader(new InputStreamReader(open(journal, length), StandardCharsets.UTF_8),
				1 << 16);
		in.readLine(); // the header
		return new Rows(in);
	}

	/** The journal's rows, one at a time. */
	static final class Rows implements AutoCloseable {

		private final BufferedReader in;

		private Rows(BufferedReader in) {
			this.in = in;
		}

		/** The next row, or {@code null} after the last. */
		Row next() throws IOException {
			String line = this.in.readLine();
			return line == null || line.isEmpty() ? null : parse(line);
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

	}

	/** The first {@code length} bytes: what a crash left after the last commit is not read. */
	private static InputStream open(Path journal, long length) throws IOException {
		return new FilterInputStream(Files.newInputStream(journal, LinkOption.NOFOLLOW_LINKS)) {

			private long left = length;

			@Override
			public int read() throws IOException {
				if (this.left <= 0) {
					return -1;
				}
				int read = super.read();
				this.left -= read < 0 ? 0 : 1;
				return read;
			}

			@Override
			public int read(byte[] buffer, int offset, int count) throws IOException {
				if (this.left <= 0) {
					return -1;
				}
				int read = super.read(buffer, offset, (int) Math.min(count, this.left));
				this.left -= Math.max(read, 0);
				return read;
			}

		};
	}

}
