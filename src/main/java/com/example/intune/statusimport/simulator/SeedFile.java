package com.example.intune.statusimport.simulator;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.graph.DeviceStatusResource.Address;
import com.example.intune.statusimport.input.InputFile;
import com.example.intune.statusimport.input.InputFormat;
import com.example.intune.statusimport.input.InputProblem;
import com.example.intune.statusimport.input.RowReader;
import com.example.intune.statusimport.input.SourceRow;

/**
 * Statuses to hold before a run, from a file the importer itself reads (CSV with a header of Graph names, as
 * {@code scripts/generate-rows} writes, TSV, NDJSON, or a workbook): read with the importer's own readers, so that
 * quoting and encodings mean the same on both sides. Every row must name its {@code deviceConfigurationId} and
 * {@code id}, once.
 */
final class SeedFile {

	/** Where each status read goes. */
	@FunctionalInterface
	interface Holder {

		/** @throws IllegalArgumentException when Graph would not hold these values */
		void hold(Address address, Map<String, String> values);

	}

	private SeedFile() {
	}

	/**
	 * Reads every row of {@code file} into {@code holder}.
	 * @return how many statuses were read
	 * @throws IllegalArgumentException naming the file, the line and what is wrong, for the first row that is
	 */
	static long read(Path file, Holder holder) {
		InputFormat format = InputFormat.forFileName(file)
			.orElseThrow(() -> new IllegalArgumentException(file + " is not named .csv, .txt, .tsv, .ndjson, .jsonl or"
					+ " .xlsx, so its format is unknown"));
		InputFile input;
		try {
			input = InputFile.inspect(file, format);
		}
		catch (InputProblem ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
		if (input.headerProblem() != null) {
			throw new IllegalArgumentException(input.headerProblem());
		}
		RowReader reader = RowReader.forInput(input, null);
		long count = 0;
		try {
			reader.open(new ExecutionContext());
			for (SourceRow row = reader.read(); row != null; row = reader.read()) {
				hold(input.path(), row, holder);
				count++;
			}
		}
		catch (InputProblem ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
		catch (IllegalArgumentException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalArgumentException(file + " cannot be read: " + ex.getMessage(), ex);
		}
		finally {
			reader.close();
		}
		return count;
	}

	private static void hold(Path file, SourceRow row, Holder holder) {
		String where = file + " line " + row.line() + ": ";
		if (!row.readProblems().isEmpty()) {
			throw new IllegalArgumentException(where + row.readProblems().get(0));
		}
		if (row.isDuplicate()) {
			throw new IllegalArgumentException(where + "the status is held already, from line " + row.duplicateOfLine());
		}
		String configurationId = row.values().get(DeviceStatusProperty.DEVICE_CONFIGURATION_ID);
		String id = row.values().get(DeviceStatusProperty.ID);
		if (configurationId == null || configurationId.isBlank() || id == null || id.isBlank()) {
			throw new IllegalArgumentException(where + "a held status needs its deviceConfigurationId and its id");
		}
		Map<String, String> values = new LinkedHashMap<>();
		row.values().forEach((property, value) -> {
			if (!property.isKey()) {
				values.put(property.graphName(), value);
			}
		});
		try {
			holder.hold(new Address(configurationId, id), values);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(where + ex.getMessage(), ex);
		}
	}

}
