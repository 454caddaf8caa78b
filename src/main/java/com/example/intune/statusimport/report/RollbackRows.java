package com.example.intune.statusimport.report;

import java.nio.file.Path;

import com.example.intune.statusimport.fileformat.TextEncoding;
import com.example.intune.statusimport.input.InputFile;
import com.example.intune.statusimport.input.InputFormat;

/**
 * The rollback file in one format, written in the chunk's transaction ({@link TransactionalFile}), never over a file
 * this run did not write. What a format can hold decides what a row can restore: an empty CSV or workbook cell
 * leaves its property as it is, so it cannot say "clear it"; NDJSON can, with {@code null}.
 */
abstract class RollbackRows extends TransactionalFile {

	RollbackRows(Path path, TextEncoding encoding, String what) {
		super(path, encoding, FileRole.ROLLBACK, what);
	}

	/** In the input's own format, as its failure report is. */
	static RollbackRows forInput(InputFile input, Path path) {
		if (input.format() == InputFormat.XLSX) {
			return new WorkbookRollbackRows(path, input);
		}
		return input.format().isDelimited() ? new DelimitedRollbackRows(path, input)
				: new NdjsonRollbackRows(path, input.mapping());
	}

	/** Adds a row; it reaches the disk when the chunk commits. */
	abstract void append(RollbackRow row);

	/** Whether a value can be written as {@code null}, which clears it when the file is imported. */
	boolean holdsNull() {
		return false;
	}

	/** Whether an empty text can be written as such, rather than read back as "leave it as it is". */
	boolean holdsEmpty() {
		return false;
	}

	/**
	 * Why the file cannot hold {@code value} (not empty) so that it is read back as it is, for a note; {@code null}
	 * when it can.
	 */
	String cannotHold(String value) {
		return null;
	}

}
