package com.example.intune.statusimport.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import com.example.intune.statusimport.input.InputFile;
import com.example.intune.statusimport.input.SourceRow;
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

	private final RollbackValues values;

	private RollbackRows rows;

	/** What the chunk in flight when an earlier run of this step died was about to change, by line. */
	private Map<Long, PendingRollback.Row> interrupted = new HashMap<>();

	/** The file the earlier run wrote to, when this run resumes one. */
	private Path earlier;

	/** The last line of the chunk being written that this file was told of. */
	private long lastLineInChunk;

	private Path chosen;

	private long committedRows;

	private long rowsInChunk;

	private boolean completed;

	private Path written;

	private RollbackFile(InputFile input, Path path, boolean given, RowValidator validator) {
		this.input = input;
		this.path = path;
		this.given = given;
		this.values = new RollbackValues(validator);
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

	/**
	 * Every file that holds this run's rollback rows, to name in the summary: a resumed run given another
	 * {@code --rollback} writes the rest there, and the rows before it stay in the file the run started.
	 */
	public List<Path> allWritten() {
		List<Path> files = new ArrayList<>();
		if (this.earlier != null && !this.earlier.equals(this.written) && Files.exists(this.earlier)) {
			files.add(this.earlier);
		}
		written().ifPresent(files::add);
		return files;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		if (this.input == null) {
			return;
		}
		this.completed = false;
		this.written = null;
		this.earlier = executionContext.containsKey(FILE_KEY) ? Path.of(executionContext.getString(FILE_KEY)) : null;
		if (this.earlier != null && !this.given) {
			this.chosen = this.earlier;
		}
		else {
			this.chosen = this.given ? this.path : free(this.path);
		}
		this.committedRows = this.chosen.equals(this.earlier) ? executionContext.getLong(ROWS_KEY, 0) : 0;
		// a new run has nothing in flight: a file left beside a name it chose is no run's to take up
		this.interrupted = new HashMap<>(this.earlier == null ? Map.of()
				: PendingRollback.read(PendingRollback.of(this.earlier)));
		this.lastLineInChunk = 0;
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
		this.rows.append(this.values.rowFor(row, update, before, this.rows));
		this.rowsInChunk++;
		seen(row.line());
	}

	/** A row of the chunk about to be sent: what undoes it, should the run die before the chunk commits. */
	public record Sending(long line, DeviceStatusUpdate update, Map<DeviceStatusProperty, String> before) {
	}

	/**
	 * The rows of the chunk about to be sent, kept on disk before the first request leaves ({@link PendingRollback}),
	 * so that a run killed before the chunk commits loses none of what its requests changed.
	 */
	public void sending(List<Sending> rows) {
		if (this.rows == null || rows.isEmpty()) {
			return;
		}
		// what an earlier run left in flight goes on until its rows are seen again: this run may die first
		Map<Long, PendingRollback.Row> pending = new LinkedHashMap<>(this.interrupted);
		for (Sending row : rows) {
			pending.put(row.line(), new PendingRollback.Row(PendingRollback.key(row.update()), row.before()));
			this.lastLineInChunk = Math.max(this.lastLineInChunk, row.line());
		}
		PendingRollback.write(PendingRollback.of(this.chosen), pending);
	}

	/**
	 * A row found unchanged: Graph already holds what it sets. When a run that died before its chunk committed was
	 * sending it, that run's request is why, and the row is undone with what Graph held before that run's request.
	 * @return whether it was so: the row was applied (by the run that died), not found as it is
	 */
	public boolean unchanged(SourceRow row, DeviceStatusUpdate update) {
		if (this.rows == null) {
			return false;
		}
		PendingRollback.Row interrupted = this.interrupted.get(row.line());
		boolean applied = interrupted != null && interrupted.key().equals(PendingRollback.key(update))
				&& !interrupted.before().isEmpty();
		if (applied) {
			append(row, update, interrupted.before());
		}
		seen(row.line());
		return applied;
	}

	/**
	 * A row of the chunk was handled: what an earlier run had in flight for it is done with once the chunk commits
	 * (until then it stays in the pending rows, should this run die too).
	 */
	private void seen(long line) {
		this.lastLineInChunk = Math.max(this.lastLineInChunk, line);
	}

	@Override
	public void update(ExecutionContext executionContext) {
		if (this.rows == null) {
			return;
		}
		this.rows.update(executionContext);
		this.committedRows += this.rowsInChunk;
		this.rowsInChunk = 0;
		// the rows up to here are committed: they are never read again, whatever an earlier run had in flight
		long committedLine = this.lastLineInChunk;
		this.interrupted.keySet().removeIf(line -> line <= committedLine);
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
			if (this.completed) {
				// nothing is in flight once the step has completed
				PendingRollback.delete(this.earlier == null ? List.of(PendingRollback.of(this.chosen))
						: List.of(PendingRollback.of(this.chosen), PendingRollback.of(this.earlier)));
			}
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
