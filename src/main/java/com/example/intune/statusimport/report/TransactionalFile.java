package com.example.intune.statusimport.report;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
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

/**
 * A file written as a transactional output of the step (the failure report, the rollback file): its length and the
 * SHA-256 of its bytes are saved with every committed chunk, and a resumed run cuts the file back to that length
 * before appending. A row of a chunk that was rolled back by a crash is therefore written once, by the run that
 * commits it. A file that changed between runs (edited, shortened, removed) is refused rather than cut or replaced,
 * since it holds rows already done, which no later run writes again. A file that is written whole when the step ends
 * (a workbook) does so as a step listener, before the step's state is saved for the last time.
 */
public abstract class TransactionalFile implements ItemStream, StepExecutionListener {

	private final FileRole role;

	private final String what;

	private final Path path;

	private final TextEncoding encoding;

	private FileChannel channel;

	private Writer out;

	private long committedPosition;

	private WrittenBytes written;

	/** @param what how messages name the file: the role's own name, or that of the journal of a workbook */
	TransactionalFile(Path path, TextEncoding encoding, FileRole role, String what) {
		this.path = path;
		this.encoding = encoding;
		this.role = role;
		this.what = what;
	}

	public Path path() {
		return this.path;
	}

	FileRole role() {
		return this.role;
	}

	protected abstract void writeHeader(Writer out) throws IOException;

	/**
	 * A writer in the file's encoding, which refuses a character the encoding cannot hold: a delimited file holds the
	 * input's own cells, which were read in that encoding and can always be written back in it.
	 * @param atFileStart whether the writer starts the file, where the byte-order mark goes when there is one
	 */
	protected Writer writer(OutputStream out, boolean atFileStart) throws IOException {
		return this.encoding.writer(out, atFileStart);
	}

	protected Writer out() {
		return this.out;
	}

	/** How long the file is as of the last commit: what a crash left after that is not the file's. */
	protected long committedLength() {
		return this.committedPosition;
	}

	/** A write that failed (a full disk): the run stops with the file as it was at the last commit. */
	protected ItemStreamException cannotWrite(IOException failure) {
		return new ItemStreamException(this.what + " " + this.path + " cannot be written: " + failure.getMessage(),
				failure);
	}

	/**
	 * A new run, or a resumed one given another path, starts the file afresh with its header (a link there is
	 * refused, never followed). A resumed run checks that the file still holds exactly what it committed, cuts off
	 * what a crash left after that, and appends.
	 */
	@Override
	public void open(ExecutionContext executionContext) throws ItemStreamException {
		try {
			// a link or a folder at the path is refused, whichever way the file is opened
			PrivateFiles.refuseUnsafe(this.path, this.what);
			String positionKey = this.role.key("position");
			String digestKey = this.role.key("sha256"); // absent from the job store of an earlier version
			String pathKey = this.role.key("path");
			long committed = executionContext.containsKey(positionKey) ? executionContext.getLong(positionKey) : -1;
			String committedDigest = executionContext.containsKey(digestKey) ? executionContext.getString(digestKey)
					: null;
			String committedPath = executionContext.containsKey(pathKey) ? executionContext.getString(pathKey) : null;
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
	 * Writes the header as the whole file; returns its length. A file the role replaces (the report) is written over
	 * unless a resumed run given another path (its rows so far in {@code earlierFile}) finds a file there, which may
	 * be that run's first file given again, that holds more than the header (a start there that never committed). A
	 * file the role does not replace (the rollback file) is created only where no file is.
	 */
	private long startAfresh(String earlierFile) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		try (Writer header = writer(head, true)) {
			writeHeader(header);
		}
		if (!this.role.replaces()) {
			try {
				PrivateFiles.createNew(this.path, head.toByteArray(), this.what);
			}
			catch (FileAlreadyExistsException ex) {
				throw new ItemStreamException(this.role.notOurs(this.what, this.path), ex);
			}
		}
		else {
			if (earlierFile != null && Files.exists(this.path) && (Files.size(this.path) != head.size()
					|| !Arrays.equals(Files.readAllBytes(this.path), head.toByteArray()))) {
				throw new ItemStreamException(this.what + " " + this.path + " already exists, and this resumed run"
						+ " wrote " + this.role.soFar() + " to " + earlierFile + ": give " + this.role.option()
						+ " with a path where no file is, or move that file away.");
			}
			PrivateFiles.writeWhole(this.path, head.toByteArray(), this.what);
		}
		this.written = WrittenBytes.none();
		this.written.add(head.toByteArray());
		return head.size();
	}

	/**
	 * The running digest of the file's first {@code committed} bytes, which must be the ones this run committed; the
	 * file is left untouched when they are not.
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
				+ " holds " + this.role.holds() + "): put it back as it was, or give " + this.role.option()
				+ " with a new path for " + this.role.rest() + ".");
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
		executionContext.putLong(this.role.key("position"), this.committedPosition);
		executionContext.putString(this.role.key("sha256"), this.written.hex());
		executionContext.putString(this.role.key("path"), pathKey());
	}

	/**
	 * Rows of a chunk that was rolled back (a fatal stop, an interruption) are cut off, so that the file on disk
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
