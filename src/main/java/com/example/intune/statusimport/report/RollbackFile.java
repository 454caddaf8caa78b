package com.example.intune.statusimport.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemStreamException;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.devicestatus.DeviceStatusUpdate;
import com.example.intune.statusimport.devicestatus.SameValue;
import com.example.intune.statusimport.fileformat.Printable;
import com.example.intune.statusimport.input.InputFile;
import com.example.intune.statusimport.input.SourceRow;
import com.example.intune.statusimport.validation.RowValidation;
import com.example.intune.statusimport.validation.RowValidator;

/**
 * The rollback file of a run: for each applied row, the values Graph held before the change, in the input's format,
 * so that importing it (with the same command) restores what the run changed. It is written in the chunk's
 * transaction, as the failure report is, so that after a crash and resume it holds each applied row once and never a
 * row that was not applied; a resumed run continues the file it started, under the name it chose then.
 * <p>
 * A run never writes over a file it did not write: a {@code --rollback} path where a file is stops the run, and the
 * default name ({@code NAME.rollback-<run start, UTC>.EXT}) takes a number ({@code -2}, ...) when that name is taken.
 * A run that completes having applied nothing leaves no file. A value the file cannot restore (one that was empty
 * before, in a format where an empty cell leaves a property as it is) is named in the row's {@code _rollback_note}.
 */
public final class RollbackFile implements ItemStream, StepExecutionListener {

	/** The file this run writes to, chosen by its first start. */
	private static final String FILE_KEY = "rollback.file";

	/** The rows committed to that file. */
	private static final String ROWS_KEY = "rollback.rows";

	private final InputFile input;

	private final Path path;

	private final boolean given;

	private final RowValidator validator;

	private RollbackRows rows;

	private Path chosen;

	private long committedRows;

	private long rowsInChunk;

	private boolean completed;

	private Path written;

	private RollbackFile(InputFile input, Path path, boolean given, RowValidator validator) {
		this.input = input;
		this.path = path;
		this.given = given;
		this.validator = validator;
	}

	/**
	 * @param path the file, or the default name to start from
	 * @param given whether {@code path} was given ({@code --rollback}): then a file there stops the run, and a resumed
	 * run given another path continues there
	 * @param validator the run's own rules, by which a value that the import of the file would refuse or change is
	 * found and left out
	 */
	public static RollbackFile forInput(InputFile input, Path path, boolean given, RowValidator validator) {
		return new RollbackFile(input, path, given, validator);
	}

	/** No rollback file: a dry run sends nothing. */
	public static RollbackFile none() {
		return new RollbackFile(null, null, false, null);
	}

	/**
	 * The rollback file of the run once its step has ended, to name in the summary: empty for a dry run and for a run
	 * that completed having applied nothing.
	 */
	public Optional<Path> written() {
		return Optional.ofNullable(this.written);
	}

	@Override
	public void open(ExecutionContext executionContext) {
		if (this.input == null) {
			return;
		}
		this.completed = false;
		this.written = null;
		String earlier = executionContext.containsKey(FILE_KEY) ? executionContext.getString(FILE_KEY) : null;
		if (earlier != null && !this.given) {
			this.chosen = Path.of(earlier);
		}
		else {
			this.chosen = this.given ? this.path : free(this.path);
		}
		this.committedRows = earlier != null && Path.of(earlier).equals(this.chosen)
				? executionContext.getLong(ROWS_KEY, 0) : 0;
		this.rowsInChunk = 0;
		this.rows = RollbackRows.forInput(this.input, this.chosen);
		this.rows.open(executionContext);
		this.written = this.rows.path();
		remember(executionContext);
	}

	/**
	 * The default name, or the first of {@code NAME-2.EXT}, {@code NAME-3.EXT}, ... where no file is (nor a
	 * workbook's journal), so that two runs started in the same second keep a file each.
	 */
	private static Path free(Path path) {
		String name = path.getFileName().toString();
		int dot = name.lastIndexOf('.');
		for (int number = 1;; number++) {
			Path candidate = number == 1 ? path
					: path.resolveSibling(name.substring(0, dot) + "-" + number + name.substring(dot));
			if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)
					&& !Files.exists(JournaledWorkbook.journalOf(candidate), LinkOption.NOFOLLOW_LINKS)) {
				return candidate;
			}
		}
	}

	/**
	 * Adds the row that undoes an applied row; it reaches the disk when the chunk commits.
	 * @param row the applied row as read
	 * @param update what was sent for it
	 * @param before what Graph held, as read before sending, for each property the row changed ({@code null}: none);
	 * empty when nothing was read
	 */
	public void append(SourceRow row, DeviceStatusUpdate update, Map<DeviceStatusProperty, String> before) {
		if (this.rows == null) {
			return;
		}
		Map<DeviceStatusProperty, String> values = new EnumMap<>(DeviceStatusProperty.class);
		List<String> notes = new ArrayList<>();
		if (before.isEmpty()) {
			notes.add("what Graph held before this row was applied was not read (--compare recorded or none), so this"
					+ " row cannot undo it");
		}
		before.forEach((property, value) -> {
			String refusal = refusal(property, value, update);
			if (refusal == null) {
				values.put(property, value);
			}
			else {
				notes.add(refusal);
			}
		});
		this.rows.append(new RollbackRow(row.line(), row.original(), update.deviceConfigurationId(), values,
				String.join("; ", notes)));
		this.rowsInChunk++;
	}

	/**
	 * Why importing the file would not restore {@code value}, for the row's note; {@code null} when it would. An empty
	 * cell leaves its property as it is, so a value that was empty is restored only where the format can say
	 * {@code null} (NDJSON); a value the import would refuse or send otherwise (surrounding spaces, a control
	 * character) is left out, so that the rest of the row is still restored.
	 */
	private String refusal(DeviceStatusProperty property, String value, DeviceStatusUpdate update) {
		String name = property.graphName();
		if (value == null && !property.isClearable()) {
			return name + " had no value before this run, and Graph cannot clear it: it keeps the value this run set";
		}
		if (value == null ? !this.rows.holdsNull() : value.isEmpty() && !this.rows.holdsEmpty()) {
			return name + " was empty before this run, and an empty cell leaves a property as it is: clear it in"
					+ " Intune by hand";
		}
		if (value == null || value.isEmpty()) {
			return null;
		}
		String was = name + " was '" + Printable.of(value) + "' before this run, which ";
		String cannotHold = this.rows.cannotHold(value);
		if (cannotHold != null) {
			return was + cannotHold + ": set it in Intune by hand";
		}
		Map<DeviceStatusProperty, String> alone = new EnumMap<>(DeviceStatusProperty.class);
		alone.put(DeviceStatusProperty.DEVICE_CONFIGURATION_ID, update.deviceConfigurationId());
		alone.put(DeviceStatusProperty.ID, update.id());
		alone.put(property, value);
		RowValidation validation = this.validator.validate(new SourceRow(0, alone,
				new SourceRow.DelimitedCells(List.of()), List.of(), false, 0));
		if (!validation.isValid()) {
			return was + "an import refuses (" + validation.problem() + "): set it in Intune by hand";
		}
		String sent = validation.update().changes().get(property);
		if (!SameValue.of(property, value, sent)) {
			return was + "an import would send as '" + Printable.of(sent) + "': set it in Intune by hand";
		}
		return null;
	}

	@Override
	public void update(ExecutionContext executionContext) {
		if (this.rows == null) {
			return;
		}
		this.rows.update(executionContext);
		this.committedRows += this.rowsInChunk;
		this.rowsInChunk = 0;
		remember(executionContext);
	}

	private void remember(ExecutionContext executionContext) {
		executionContext.putString(FILE_KEY, this.chosen.toString());
		executionContext.putLong(ROWS_KEY, this.committedRows);
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (this.rows == null) {
			return null;
		}
		ExitStatus exit = this.rows.afterStep(stepExecution);
		this.completed = stepExecution.getStatus() == BatchStatus.COMPLETED;
		return exit;
	}

	/**
	 * Cuts off what the last chunk did not commit. A run that completed having applied nothing leaves no file: there
	 * is nothing to undo.
	 */
	@Override
	public void close() {
		if (this.rows == null) {
			return;
		}
		try {
			this.rows.close();
			if (this.completed && this.committedRows == 0) {
				Files.deleteIfExists(this.rows.path());
				this.written = null;
			}
		}
		catch (IOException ex) {
			throw new ItemStreamException(FileRole.ROLLBACK.what() + " " + this.rows.path() + " cannot be removed: "
					+ ex.getMessage(), ex);
		}
		finally {
			this.rows = null;
			this.rowsInChunk = 0;
		}
	}

}
