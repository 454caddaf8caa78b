package com.example.intune.statusimport.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.xml.stream.XMLStreamException;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;

import com.example.intune.statusimport.fileformat.DelimitedRecords;
import com.example.intune.statusimport.fileformat.Printable;
import com.example.intune.statusimport.fileformat.TextEncoding;

/**
 * A workbook checked before the job starts, as {@link InputFile} checks a text file: the sheet to read (the first
 * visible one, or the one {@code --sheet} names), its header (the sheet's first row that holds something) made only
 * of known columns, its rows counted for the progress display, and the file's bytes hashed, since the hash identifies a run
 * for resuming. A workbook that cannot be read stops the run here, before anything is sent.
 */
final class WorkbookFile {

	private WorkbookFile() {
	}

	/**
	 * @param sheet the sheet's name or its number from 1, or {@code null} for the first visible one
	 * @param mapping what each column sets, the user's own names included
	 */
	static InputFile inspect(Path path, String sheet, ColumnMapping mapping) throws IOException {
		String sha256 = sha256(path);
		try (Workbook workbook = Workbook.open(path)) {
			List<Workbook.Sheet> sheets = workbook.sheets();
			int index = select(path, sheets, sheet);
			Workbook.Sheet chosen = sheets.get(index);
			String where = path + ", sheet '" + chosen.name() + "'";
			try (SheetRows rows = workbook.rows(chosen)) {
				SheetRows.Row header = rows.next();
				String others = otherSheets(sheets, index, sheet);
				if (header == null) {
					throw new InputProblem(where + " is empty: its first row must name the columns, for example"
							+ " deviceConfigurationId, id, status" + (others.isEmpty() ? "" : ". " + others));
				}
				if (header.tooLong()) {
					throw new InputProblem(where + ", row " + header.number() + ": the header holds more than the "
							+ DelimitedRecords.MAX_RECORD_CHARS + " characters a row may hold; its first row must name"
							+ " the columns, for example deviceConfigurationId, id, status");
				}
				ColumnLayout layout = ColumnLayout.fromHeader(path, header.number(), headerCells(header), (char) 0,
						mapping);
				if (layout.problem() != null && !others.isEmpty()) {
					layout = new ColumnLayout(layout.columns(), layout.properties(), layout.problem() + " " + others);
				}
				long count = 0;
				while (rows.next() != null) {
					count++;
				}
				return new InputFile(path, InputFormat.XLSX, sha256, TextEncoding.UTF_8, layout, count, mapping,
						(char) 0, new WorkbookSheet(chosen.name(), index + 1, header.number()));
			}
			catch (XMLStreamException | OpenXML4JException | IOException | IllegalArgumentException
					| org.apache.poi.ooxml.POIXMLException ex) {
				// damaged XML, a zip bomb, a read that failed half-way through the file, or a part the workbook names
				// and does not hold (POI says so with an IllegalArgumentException)
				throw Workbook.damaged(path, chosen.name(), ex);
			}
		}
	}

	/**
	 * When the first sheet was read by default and there are others, a hint that the rows may be on another: a cover
	 * sheet of notes comes first in many workbooks.
	 */
	private static String otherSheets(List<Workbook.Sheet> sheets, int index, String wanted) {
		if (wanted != null || sheets.size() < 2) {
			return "";
		}
		return "This is sheet " + (index + 1) + " '" + Printable.of(sheets.get(index).name())
				+ "'; when the rows are on another, give --sheet: the sheets are " + list(sheets) + ".";
	}

	/** The header's cells as column names: what each cell shows, an empty name for a blank cell between two. */
	private static String[] headerCells(SheetRows.Row header) {
		List<String> names = new ArrayList<>();
		for (WorkbookCell cell : header.cells()) {
			names.add(cell.text());
		}
		return names.toArray(String[]::new);
	}

	/**
	 * The sheet {@code wanted} names: a sheet of that name (Excel's names ignore letter case), else the sheet of
	 * that number among the tabs, counted from 1 as a person counts them.
	 */
	static int select(Path path, List<Workbook.Sheet> sheets, String wanted) {
		if (sheets.isEmpty()) {
			throw new InputProblem(path + " has no sheets");
		}
		int index = -1;
		if (wanted == null) {
			// the first tab a person sees: a report of sheet 2 keeps an empty, hidden sheet 1 for --sheet 2's sake
			index = 0;
			while (index < sheets.size() - 1 && sheets.get(index).hidden()) {
				index++;
			}
		}
		for (int i = 0; i < sheets.size() && index < 0; i++) {
			if (sheets.get(i).name().equalsIgnoreCase(wanted.strip())) {
				index = i;
			}
		}
		if (index < 0 && wanted.strip().matches("\\d{1,9}")) {
			int number = Integer.parseInt(wanted.strip());
			if (number < 1 || number > sheets.size()) {
				throw new InputProblem(path + " has " + sheets.size() + (sheets.size() == 1 ? " sheet" : " sheets")
						+ ", so there is no sheet number " + number + "; the sheets are " + list(sheets)
						+ ". Give --sheet with a name or a number.");
			}
			index = number - 1;
		}
		if (index < 0) {
			throw new InputProblem(path + " has no sheet named '" + Printable.of(wanted) + "'; the sheets are "
					+ list(sheets) + ". Give --sheet with a name or a number.");
		}
		Workbook.Sheet sheet = sheets.get(index);
		if (!sheet.hasRows()) {
			throw new InputProblem(path + ": sheet " + (index + 1) + " '" + sheet.name() + "' is a " + sheet.kind()
					+ ", which holds no rows; the sheets are " + list(sheets) + ". Give --sheet with a name or a number.");
		}
		return index;
	}

	private static String list(List<Workbook.Sheet> sheets) {
		List<String> listed = new ArrayList<>();
		for (int i = 0; i < sheets.size() && i < 20; i++) {
			listed.add((i + 1) + " '" + Printable.of(sheets.get(i).name()) + "'");
		}
		return String.join(", ", listed) + (sheets.size() > 20 ? " and " + (sheets.size() - 20) + " more" : "");
	}

	private static String sha256(Path path) throws IOException {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		try (InputStream in = new DigestInputStream(Files.newInputStream(path), digest)) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(digest.digest());
	}

}
