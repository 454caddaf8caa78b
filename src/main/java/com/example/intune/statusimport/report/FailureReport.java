package com.example.intune.statusimport.report;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemStreamException;

import com.example.intune.statusimport.fileformat.TextEncoding;
import com.example.intune.statusimport.files.PrivateFiles;
import com.example.intune.statusimport.input.InputFile;
import com.example.intune.statusimport.input.SourceRow;

/**
 * The failure report, written as a transactional output of the step: its length is saved with every committed
 * chunk, and a resumed run cuts the file back to that length before appending. A row of a chunk that was rolled back
 * by a crash is therefore written once, by the run that commits it. The report is written even when nothing fails,
 * so that a scheduler always finds it.
 */
public abstract class FailureReport implements ItemStream {

	private static final String POSITION_KEY = "report.position";

	private static final String WHAT = "the failure report";

	private final Path path;

	private final TextEncoding encoding;

	private FileChannel channel;

	private Writer out;

	private long committedPosition;

	protected FailureReport(Path path, TextEncoding encoding) {
		this.path = path;
		this.encoding = encoding;
	}

	/**
	 * The report in the input's own format, so that it can be fixed and fed back in; a CSV or TSV report also in the
	 * input's encoding, with its byte-order mark, which is how a spreadsheet knows to read it as UTF-8.
	 */
	public static FailureReport forInput(InputFile input, Path path) {
		return input.format().isDelimited() ? new DelimitedFailureReport(path, input.dialect(), input.layout())
				: new NdjsonFailureReport(path);
	}

	public Path path() {
		return this.path;
	}

	/** Adds a row; it reaches the disk when the chunk commits. */
	public abstract void append(SourceRow row, RowFailure failure);

	protected abstract void writeHeader(Writer out) throws IOException;

	protected Writer out() {
		return this.out;
	}

	/** A write that failed (a full disk): the run stops with the report as it was at the last commit. */
	protected ItemStreamException cannotWrite(IOException failure) {
		return new ItemStreamException(WHAT + " " + this.path + " cannot be written: " + failure.getMessage(), failure);
	}

	/**
	 * A new run starts the report afresh: its header is written to a new owner-only file beside it, which then
	 * replaces whatever was at the path (a link there is refused, never followed). A resumed run cuts the report back
	 * to its last committed length and appends.
	 */
	@Override
	public void open(ExecutionContext executionContext) throws ItemStreamException {
		try {
			// a link or a folder at the path is refused by PrivateFiles, whichever way the report is opened
			long committed = executionContext.containsKey(POSITION_KEY) ? executionContext.getLong(POSITION_KEY) : -1;
			boolean resume = committed >= 0 && Files.isRegularFile(this.path) && Files.size(this.path) >= committed;
			long start = committed;
			if (!resume) {
				ByteArrayOutputStream head = new ByteArrayOutputStream();
				try (Writer header = this.encoding.writer(head, true)) {
					writeHeader(header);
				}
				PrivateFiles.writeWhole(this.path, head.toByteArray(), WHAT);
				start = head.size();
			}
			this.channel = PrivateFiles.openForWriting(this.path, WHAT);
			this.channel.truncate(start);
			this.channel.position(start);
			this.out = new BufferedWriter(this.encoding.writer(Channels.newOutputStream(this.channel), false), 1 << 16);
			this.committedPosition = start;
		}
		catch (IOException ex) {
			throw cannotWrite(ex);
		}
	}

	@Override
	public void update(ExecutionContext executionContext) throws ItemStreamException {
		try {
			this.out.flush();
			this.channel.force(false);
			this.committedPosition = this.channel.position();
			executionContext.putLong(POSITION_KEY, this.committedPosition);
		}
		catch (IOException ex) {
			throw cannotWrite(ex);
		}
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
			throw new ItemStreamException("the failure report " + this.path + " cannot be closed: " + ex.getMessage(),
					ex);
		}
		finally {
			this.out = null;
			this.channel = null;
		}
	}

}
