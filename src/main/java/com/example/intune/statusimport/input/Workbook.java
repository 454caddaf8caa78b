package com.example.intune.statusimport.input;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JRuntimeException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFRelation;

/**
 * An .xlsx workbook opened with POI's event API ({@link XSSFReader}), which finds the parts of the package: the
 * sheets in their tab order, the number formats and the shared strings. The sheets are then read by
 * {@link SheetRows}, streaming. Failures come out as {@link InputProblem}s that name the file and say what to do.
 */
final class Workbook implements Closeable {

	/**
	 * A sheet as the workbook lists it.
	 *
	 * @param name its name, as its tab shows it
	 * @param relationId how the workbook part refers to the sheet's own part
	 * @param kind {@code worksheet}, or {@code chartsheet} and such, which hold no rows
	 */
	record Sheet(String name, String relationId, String kind, boolean hidden) {

		boolean hasRows() {
			return "worksheet".equals(this.kind);
		}

	}

	private static final Set<String> WORKBOOK_TYPES = Set.of(XSSFRelation.WORKBOOK.getContentType(),
			XSSFRelation.MACROS_WORKBOOK.getContentType(), XSSFRelation.TEMPLATE_WORKBOOK.getContentType(),
			XSSFRelation.MACRO_TEMPLATE_WORKBOOK.getContentType());

	/** Excel has no limit but memory; a workbook with more tabs than this is not one a person keeps rows in. */
	private static final int MAX_SHEETS = 1 << 16;

	private final Path path;

	private final OPCPackage pkg;

	private final Parts parts;

	private final List<Sheet> sheets = new ArrayList<>();

	private boolean date1904;

	private SharedStringTable strings;

	private NumberFormats formats;

	private Workbook(Path path, OPCPackage pkg, Parts parts) {
		this.path = path;
		this.pkg = pkg;
		this.parts = parts;
	}

	static Workbook open(Path path) {
		try {
			WorkbookCheck.refuseWhatIsNotXlsx(path);
		}
		catch (IOException ex) {
			throw new InputProblem(path + " cannot be read: " + ex.getMessage(), ex);
		}
		OPCPackage pkg;
		try {
			pkg = OPCPackage.open(path.toFile(), PackageAccess.READ);
		}
		catch (OpenXML4JException | OpenXML4JRuntimeException | IllegalArgumentException ex) {
			throw new InputProblem(path + " is not a readable Excel workbook (" + ex.getMessage() + "); if Excel still"
					+ " opens it, save it again as \"Excel Workbook (.xlsx)\" and import that", ex);
		}
		try {
			if (!pkg.getRelationshipsByType(PackageRelationshipTypes.STRICT_CORE_DOCUMENT).isEmpty()) {
				throw new InputProblem(path + " is saved as \"Strict Open XML Spreadsheet\", which POI cannot read;"
						+ " open it in Excel and save it as \"Excel Workbook (.xlsx)\", then import that");
			}
			Workbook workbook = new Workbook(path, pkg, new Parts(pkg));
			workbook.readWorkbookPart();
			return workbook;
		}
		catch (IOException | OpenXML4JException | XMLStreamException | RuntimeException ex) {
			pkg.revert();
			throw ex instanceof InputProblem problem ? problem : damaged(path, null, ex);
		}
	}

	/** The problem of a workbook that could not be read further: its file (and sheet), and what went wrong. */
	static InputProblem damaged(Path path, String sheet, Exception failure) {
		String where = path + (sheet == null ? "" : ", sheet '" + sheet + "'");
		String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
		boolean bomb = false;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			bomb |= cause.getMessage() != null && cause.getMessage().contains("Zip bomb");
		}
		if (bomb) {
			long ratio = Math.round(1 / ZipSecureFile.getMinInflateRatio());
			return new InputProblem(where + ": a part of the workbook unpacks to more than " + ratio + " times its packed"
					+ " size, as only a zip bomb does, so it was not read", failure);
		}
		// the XML parser's message is "ParseError at [row,col]:[1,42]" and "Message: ..." on the next line
		String detail = message.contains("\nMessage: ") ? message.substring(message.indexOf("\nMessage: ") + 10)
				: message;
		return new InputProblem(where + ": the workbook is damaged (" + detail.lines().findFirst().orElse("")
				+ "); if Excel still opens it, save it again as \"Excel Workbook (.xlsx)\" and import that", failure);
	}

	/** The sheets in tab order, hidden ones too. */
	List<Sheet> sheets() {
		return List.copyOf(this.sheets);
	}

	/** The rows of a sheet; the workbook's strings and formats are read on first use. */
	SheetRows rows(Sheet sheet) throws IOException, XMLStreamException, OpenXML4JException {
		if (this.formats == null) {
			try (InputStream styles = this.parts.getStylesData()) {
				this.formats = styles == null ? NumberFormats.none(this.date1904)
						: NumberFormats.read(styles, this.date1904);
			}
		}
		if (this.strings == null) {
			try (InputStream shared = this.parts.getSharedStringsData()) {
				this.strings = shared == null ? SharedStringTable.empty() : SharedStringTable.read(shared);
			}
		}
		InputStream part = this.parts.getSheet(sheet.relationId());
		try {
			return new SheetRows(part, this.strings, this.formats);
		}
		catch (XMLStreamException | RuntimeException ex) {
			part.close();
			throw ex;
		}
	}

	/** The workbook part: the sheets with their names, and whether dates count from 1904. */
	private void readWorkbookPart() throws IOException, OpenXML4JException, XMLStreamException {
		PackagePart workbookPart = this.parts.workbookPart();
		if (!WORKBOOK_TYPES.contains(workbookPart.getContentType())) {
			throw new InputProblem(this.path + " is an Office document but not a workbook (its main part is "
					+ workbookPart.getPartName().getName() + "); give an Excel workbook (.xlsx)");
		}
		try (InputStream in = this.parts.getWorkbookData()) {
			XMLStreamReader reader = SheetXml.open(in);
			try {
				while (reader.hasNext()) {
					if (reader.next() != XMLStreamConstants.START_ELEMENT) {
						continue;
					}
					if ("workbookPr".equals(reader.getLocalName())) {
						String date1904 = SheetXml.attribute(reader, "date1904");
						this.date1904 = "1".equals(date1904) || "true".equalsIgnoreCase(date1904);
					}
					else if ("sheet".equals(reader.getLocalName())) {
						String state = SheetXml.attribute(reader, "state");
						addSheet(workbookPart, SheetXml.attribute(reader, "name"), SheetXml.attribute(reader, "id"),
								state != null && !"visible".equals(state));
					}
				}
			}
			finally {
				reader.close();
			}
		}
	}

	private void addSheet(PackagePart workbookPart, String name, String relationId, boolean hidden)
			throws XMLStreamException {
		if (this.sheets.size() == MAX_SHEETS) {
			throw new XMLStreamException("more than " + MAX_SHEETS + " sheets");
		}
		PackageRelationship relation = relationId == null ? null : workbookPart.getRelationship(relationId);
		if (name == null || relation == null) {
			throw new XMLStreamException("the sheet '" + name + "' has no part");
		}
		String type = relation.getRelationshipType();
		String kind = type.substring(type.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
		this.sheets.add(new Sheet(name, relationId, kind, hidden));
	}

	/** Closes the package without writing to it, and drops the strings' maps. */
	@Override
	public void close() {
		if (this.strings != null) {
			this.strings.close();
		}
		this.pkg.revert();
	}

	/** POI's reader, with the workbook part it found (strict or transitional OOXML) made visible. */
	private static final class Parts extends XSSFReader {

		Parts(OPCPackage pkg) throws IOException, OpenXML4JException {
			super(pkg);
		}

		PackagePart workbookPart() {
			return this.workbookPart;
		}

	}

}
