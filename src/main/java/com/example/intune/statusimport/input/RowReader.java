package com.example.intune.statusimport.input;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;

/**
 * What the CSV, NDJSON and workbook readers share: restart by re-reading up to the committed row count (cheap next to a
 * PATCH), and duplicate detection that sees every row of the file, also the rows a resumed run skips over, so that
 * a duplicate is recognised the same way before and after a crash.
 */
public abstract class RowReader extends AbstractItemCountingItemStreamItemReader<SourceRow> {

	protected final InputFile input;

	private final String defaultConfigurationId;

	private final DuplicateKeyIndex firstLines = new DuplicateKeyIndex();

	protected RowReader(InputFile input, String defaultConfigurationId) {
		this.input = input;
		this.defaultConfigurationId = defaultConfigurationId;
		setName("input");
	}

	public static RowReader forInput(InputFile input, String defaultConfigurationId) {
		return switch (input.format()) {
			case CSV, TSV -> new CsvRowReader(input, defaultConfigurationId);
			case NDJSON -> new NdjsonRowReader(input, defaultConfigurationId);
			case XLSX -> new XlsxRowReader(input, defaultConfigurationId);
		};
	}

	@Override
	protected final void doOpen() throws Exception {
		this.firstLines.clear();
		openFile();
	}

	protected abstract void openFile() throws Exception;

	/** Builds a readable row, noting the line of an earlier row with the same keys. */
	protected SourceRow row(long line, Map<DeviceStatusProperty, String> values, SourceRow.Original original,
			List<String> problems) {
		return row(line, values, original, problems, Set.of(), null);
	}

	/**
	 * Builds a readable row whose read problems are about the cells of {@code problemProperties}, and which a failure
	 * report fed back said failed with {@code earlierError} (or {@code null}).
	 */
	protected SourceRow row(long line, Map<DeviceStatusProperty, String> values, SourceRow.Original original,
			List<String> problems, Set<DeviceStatusProperty> problemProperties, String earlierError) {
		String id = values.get(DeviceStatusProperty.ID);
		String configurationId = values.containsKey(DeviceStatusProperty.DEVICE_CONFIGURATION_ID)
				? values.get(DeviceStatusProperty.DEVICE_CONFIGURATION_ID) : this.defaultConfigurationId;
		long duplicateOf = 0;
		if (id != null && !id.isBlank() && configurationId != null && !configurationId.isBlank()) {
			duplicateOf = this.firstLines.firstLineOf(configurationId, id, line);
		}
		return new SourceRow(line, values, original, problems, false, duplicateOf, problemProperties, earlierError);
	}

	protected static SourceRow malformed(long line, SourceRow.Original original, String problem) {
		return new SourceRow(line, Map.of(), original, List.of(problem), true, 0);
	}

}
