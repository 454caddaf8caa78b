package com.example.intune.statusimport.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;

import com.example.intune.statusimport.fileformat.DelimitedDialect;
import com.example.intune.statusimport.fileformat.TextEncoding;

/**
 * An input file checked before the job starts: readable, its format known, its header (for CSV and TSV) made only
 * of known columns, and its content hashed, since the hash is part of what identifies a run for resuming.
 *
 * @param path the absolute, normalized path
 * @param format how the file is read
 * @param sha256 the SHA-256 of the content, in hex
 * @param encoding the character set and byte-order mark, which the report repeats
 * @param layout the columns of a CSV or TSV file, {@code null} for NDJSON
 * @param expectedRows the non-blank lines after the header: the row count, unless quoted cells span lines
 */
public record InputFile(Path path, InputFormat format, String sha256, TextEncoding encoding, ColumnLayout layout,
		long expectedRows) {

	public static InputFile inspect(Path file, InputFormat format) {
		Path path = file.toAbsolutePath().normalize();
		if (Files.isDirectory(path)) {
			throw new InputProblem(path + " is a folder; give the path of a .csv, .tsv, .ndjson or .jsonl file");
		}
		if (Files.exists(path) && !Files.isRegularFile(path)) {
			throw new InputProblem(path + " is not a regular file (a pipe, a device or a <(...) substitution): the"
					+ " job reads its input more than once (to count and hash it, to import it, and again to resume),"
					+ " so save it to a file first, for example: command > statuses.csv");
		}
		ContentScan scan = scan(path);
		ColumnLayout layout = format.isDelimited() ? readLayout(path, format.dialect(scan.encoding())) : null;
		long rows = format.isDelimited() ? Math.max(0, scan.nonBlankLines() - 1) : scan.nonBlankLines();
		return new InputFile(path, format, scan.sha256(), scan.encoding(), layout, rows);
	}

	/** How the rows of a CSV or TSV file are read, and how its report is written. */
	public DelimitedDialect dialect() {
		return this.format.dialect(this.encoding);
	}

	private record ContentScan(String sha256, TextEncoding encoding, long nonBlankLines) {
	}

	private static ColumnLayout readLayout(Path path, DelimitedDialect dialect) {
		try (CSVReader reader = dialect.open(path)) {
			String[] header = reader.readNext();
			if (header == null || (header.length == 1 && header[0].isBlank())) {
				throw new InputProblem(path + " is empty: the first line must name the columns, for example"
						+ " deviceConfigurationId,id,status");
			}
			return ColumnLayout.fromHeader(path, header);
		}
		catch (IOException | CsvException ex) {
			throw new InputProblem(path + ", line 1: the header cannot be read (" + ex.getMessage() + ")", ex);
		}
	}

	/** One pass over the file: its hash, its encoding, and its non-blank lines for the progress display's total. */
	private static ContentScan scan(Path path) {
		try (InputStream in = new DigestInputStream(Files.newInputStream(path), MessageDigest.getInstance("SHA-256"))) {
			byte[] buffer = new byte[1 << 16];
			long lines = 0;
			boolean content = false;
			TextEncoding encoding = null;
			for (int read; (read = in.readNBytes(buffer, 0, buffer.length)) > 0;) {
				if (encoding == null) {
					encoding = TextEncoding.ofFileStart(buffer, read);
				}
				for (int i = 0; i < read; i++) {
					byte b = buffer[i];
					if (b == '\n') {
						lines += content ? 1 : 0;
						content = false;
					}
					else if (b != '\r' && b != ' ' && b != '\t' && b != ',') {
						content = true;
					}
				}
			}
			lines += content ? 1 : 0;
			return new ContentScan(HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest()),
					encoding == null ? TextEncoding.UTF_8 : encoding, lines);
		}
		catch (NoSuchFileException ex) {
			throw new InputProblem(path + " does not exist", ex);
		}
		catch (IOException ex) {
			throw new InputProblem(path + " cannot be read: " + ex.getMessage(), ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
