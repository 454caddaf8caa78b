package com.example.intune.statusimport.report;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemStreamException;

import com.example.intune.statusimport.fileformat.TextEncoding;
import com.example.intune.statusimport.files.PrivateFiles;
import com.example.intune.statusimport.input.InputFile;
import com.example.intune.statusimport.input.InputFormat;
import com.example.intune.statusimport.input.SourceRow;

/**
 * The failure report, written as a transactional output of the step: its length and the SHA-256 of its bytes are
 * saved with every committed chunk, and a resumed run cuts the file back to that length before appending. A row of a
 * chunk that was rolled back by a crash is therefore written once, by the run that commits it. A report that changed
 * between runs (edited, shortened, removed) is refused rather than cut or replaced, since it holds the failures of
 * the rows already done, which no later run reports again. The report is written even when nothing fails, so that a
 * scheduler always finds it. A report that is written whole when the step ends (a workbook) does so as a step
 * listener, before the step's state is saved for the last time.
 */
public abstract class FailureReport implements ItemStream, StepExecutionListener {

	private static final String POSITION_KEY = "report.position";

	/** Absent from the job store of an earlier version, whose report is resumed by its length alone. */
	private static final String DIGEST_KEY = "report.sha256";

	/** Which report the digest is of: a resumed run given another {@code --report} starts that one afresh. */
	private static final String PATH_KEY = "report.path";

	private final String what;

	private final Path path;

	private final TextEncoding encoding;

	private FileChannel channel;

	private Writer out;

	private long committedPosition;

	private WrittenBytes written;

	protected FailureReport(Path path, TextEncoding encoding) {
		this(path, encoding, "the failure report");
	}

	/** @param what how messages name the file, for a report that writes it as a journal of another */
	protected FailureReport(Path path, TextEncoding encoding, String what) {
		this.path = path;
		this.encoding = encoding;
		this.what = what;
	}

	/**
	 * The report in the input's own format, so that it can be fixed and fed back in; a CSV or TSV report also in the
	 * input's encoding, byte-order mark and separator (a mark is how a spreadsheet knows to read it as UTF-8 or
	 * UTF-16, and without one it reads the ANSI code page), so that fixing it and feeding it back never changes a
	 * value nobody touched.
	 */
	public static FailureReport forInput(InputFile input, Path path) {
		if (input.format() == InputFormat.XLSX) {
			return new WorkbookFailureReport(path, input.path(), input.layout(), input.sheet());
		}
		return input.format().isDelimited() ? new DelimitedFailureReport(path, input.dialect(), input.layout())
				: new NdjsonFailureReport(path);
	}

	public Path path() {
		return this.path;
	}

	/** Adds a row; it reaches the disk when the chunk commits. */
	public abstract void append(SourceRow row, RowFailure failure);

	protected abstract void writeHeader(Writer out) throws IOException;

	/**
	 * A writer in the report's encoding, which refuses a character the encoding cannot hold: a delimited report holds
	 * the input's own cells, which were read in that encoding and can always be written back in it.
	 * @param atFileStart whether the writer starts the file, where the byte-order mark goes when there is one
	 */
	protected Writer writer(OutputStream out, boolean atFileStart) throws IOException {
		return this.encoding.writer(out, atFileStart);
	}

	protected Writer out() {
		return this.out;
	}

	/** How long the file is as of the last commit: what a crash left after that is not the report's. */
	protected long committedLength() {
		return this.committedPosition;
	}

	/** A write that failed (a full disk): the run stops with the report as it was at the last commit. */
	protected ItemStreamException cannotWrite(IOException failure) {
		return new ItemStreamException(this.what + " " + this.path + " cannot be written: " + failure.getMessage(),
				failure);
	}

	/**
	 * A new run, or a resumed one given another {@code --report}, starts the report afresh: its header is written to
	 * a new owner-only file beside it, which then replaces whatever was at the path (a link there is refused, never
	 * followed). A resumed run checks that the report still holds exactly what it committed, cuts off what a crash
	 * left after that, and appends.
	 */
	@Override
	public void open(ExecutionContext executionContext) throws ItemStreamException {
		try {
			// a link or a folder at the path is refused, whichever way the report is opened
			PrivateFiles.refuseUnsafe(this.path, this.what);
			long committed = executionContext.containsKey(POSITION_KEY) ? executionContext.getLong(POSITION_KEY) : -1;
			String committedDigest = executionContext.containsKey(DIGEST_KEY) ? executionContext.getString(DIGEST_KEY)
					: null;
			String committedPath = executionContext.containsKey(PATH_KEY) ? executionContext.getString(PATH_KEY) : null;
			boolean samePath = committedPath == null || committedPath.equals(pathKey());
			long start = committed;
			if (committed >= 0 && samePath && committedDigest != null) {
				this.written = committedPart(committed, committedDigest);
			}
			else if (committed >= 0 && samePath && Files.isRegularFile(this.path)
					&& Files.size(this.path) >= committed) {
				// the job store of an earlier version has no digest: resumed by length, as that version did
				this.written = WrittenBytes.ofFirst(this.path, committed).orElseThrow();
			}
			else {
				start = startAfresh(committed >= 0 && !samePath ? committedPath : null);
			}
			this.channel = PrivateFiles.openForWriting(this.path, this.what);
			this.channel.truncate(start);
			this.channel.position(start);
			this.out = new BufferedWriter(writer(this.written.counting(Channels.newOutputStream(
					this.channel)), false), 1 << 16);
			this.committedPosition = start;
			// saved with the step even when it stops before its first commit, so that a new path is known as this run's
			remember(executionContext);
		}
		catch (IOException ex) {
			throw cannotWrite(ex);
		}
	}

	/**
	 * Writes the header as the whole report; returns its length. A resumed run given another {@code --report} (its
	 * failures so far in {@code earlierReport}) does not replace a file at the new path, which may be that run's
	 * first report given again, unless the file holds nothing but the header: a start there that never committed.
	 */
	private long startAfresh(String earlierReport) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		try (Writer header = writer(head, true)) {
			writeHeader(header);
		}
		if (earlierReport != null && Files.exists(this.path) && (Files.size(this.path) != head.size()
				|| !Arrays.equals(Files.readAllBytes(this.path), head.toByteArray()))) {
			throw new ItemStreamException(this.what + " " + this.path + " already exists, and this resumed run wrote"
					+ " its failures so far to " + earlierReport + ": give --report with a path where no file is, or"
					+ " move that file away.");
		}
		PrivateFiles.writeWhole(this.path, head.toByteArray(), this.what);
		this.written = WrittenBytes.none();
		this.written.add(head.toByteArray());
		return head.size();
	}

	/**
	 * The running digest of the report's first {@code committed} bytes, which must be the ones this run committed;
	 * the file is left untouched when they are not.
	 */
	private WrittenBytes committedPart(long committed, String committedDigest) throws IOException {
		Optional<WrittenBytes> onDisk;
		try {
			onDisk = WrittenBytes.ofFirst(this.path, committed);
		}
		catch (NoSuchFileException ex) {
			throw changed("was removed");
		}
		if (onDisk.isEmpty()) {
			throw changed("was shortened");
		}
		if (!onDisk.get().hex().equals(committedDigest)) {
			throw changed("was changed");
		}
		return onDisk.get();
	}

	/** A fatal stop the user can fix: one line, exit code 3, nothing sent. */
	private ItemStreamException changed(String how) {
		return new ItemStreamException(this.what + " " + this.path + " " + how + " since this run last wrote it (it"
				+ " holds the failures of the rows already done): put it back as it was, or give --report with a new"
				+ " path for the rest of this run's failures.");
	}

	private String pathKey() {
		return this.path.toAbsolutePath().normalize().toString();
	}

	@Override
	public void update(ExecutionContext executionContext) throws ItemStreamException {
		try {
			this.out.flush();
			this.channel.force(false);
			this.committedPosition = this.channel.position();
			remember(executionContext);
		}
		catch (IOException ex) {
			throw cannotWrite(ex);
		}
	}

	private void remember(ExecutionContext executionContext) {
		executionContext.putLong(POSITION_KEY, this.committedPosition);
		executionContext.putString(DIGEST_KEY, this.written.hex());
		executionContext.putString(PATH_KEY, pathKey());
	}

	/**
	 * Rows of a chunk that was rolled back (a fatal stop, an interruption) are cut off, so that the report on disk
	 * always matches what the job store says was committed.
	 */
	@Override
	public void close() throws ItemStreamException {
		if (this.out == null) {
			return;
		}
		try {
			// what is still buffered belongs to the chunk that is cut off here: it is never flushed
			this.channel.truncate(this.committedPosition);
			this.channel.close();
		}
		catch (IOException ex) {
			throw new ItemStreamException(this.what + " " + this.path + " cannot be closed: " + ex.getMessage(),
					ex);
		}
		finally {
			this.out = null;
			this.channel = null;
			this.written = null;
		}
	}

}
