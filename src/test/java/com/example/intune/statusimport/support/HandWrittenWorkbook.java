package com.example.intune.statusimport.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * An .xlsx written part by part from XML given as text, for what neither POI nor LibreOffice writes: rows and cells
 * without references, inline and ISO-date cells, escapes, broken references, hostile sizes. Sheets, shared strings
 * and styles are given as the content of their root element.
 */
public final class HandWrittenWorkbook {

	private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

	private final Map<String, String> sheets = new LinkedHashMap<>();

	private String sharedStrings;

	private String styles;

	private String workbookProperties = "";

	private final Map<String, byte[]> extraParts = new LinkedHashMap<>();

	/** A sheet; {@code sheetData} is the content of {@code <sheetData>}, its rows. */
	public HandWrittenWorkbook sheet(String name, String sheetData) {
		this.sheets.put(name, sheetData);
		return this;
	}

	/** A chart sheet, a tab that holds a chart and no rows; its name maps to {@code null}. */
	public HandWrittenWorkbook chartSheet(String name) {
		this.sheets.put(name, null);
		return this;
	}

	/** The content of {@code <sst>}: {@code <si>} elements. */
	public HandWrittenWorkbook sharedStrings(String items) {
		this.sharedStrings = items;
		return this;
	}

	/** The content of {@code <styleSheet>}: {@code <numFmts>} and {@code <cellXfs>}. */
	public HandWrittenWorkbook styles(String content) {
		this.styles = content;
		return this;
	}

	/** Dates count from 1904, as in workbooks of old Mac Excel. */
	public HandWrittenWorkbook date1904() {
		this.workbookProperties = "<workbookPr date1904=\"1\"/>";
		return this;
	}

	/** Any other zip entry, such as a huge relationship part. */
	public HandWrittenWorkbook part(String name, byte[] content) {
		this.extraParts.put(name, content);
		return this;
	}

	public Path write(Path file) {
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
			StringBuilder types = new StringBuilder("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
					+ "content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
					+ "relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
					+ override("/xl/workbook.xml", "sheet.main"));
			StringBuilder relations = new StringBuilder();
			StringBuilder sheetList = new StringBuilder();
			List<String> names = new ArrayList<>(this.sheets.keySet());
			for (int i = 1; i <= names.size(); i++) {
				String rows = this.sheets.get(names.get(i - 1));
				String kind = rows == null ? "chartsheet" : "worksheet";
				types.append(override("/xl/" + kind + "s/sheet" + i + ".xml", kind));
				relations.append(relation("rId" + i, kind, kind + "s/sheet" + i + ".xml"));
				sheetList.append("<sheet name=\"" + names.get(i - 1) + "\" sheetId=\"" + i + "\" r:id=\"rId" + i + "\"/>");
				put(zip, "xl/" + kind + "s/sheet" + i + ".xml", rows == null ? "<chartsheet xmlns=\"" + MAIN + "\"/>"
						: "<worksheet xmlns=\"" + MAIN + "\"><sheetData>" + rows + "</sheetData></worksheet>");
			}
			if (this.sharedStrings != null) {
				types.append(override("/xl/sharedStrings.xml", "sharedStrings"));
				relations.append(relation("rIdStrings", "sharedStrings", "sharedStrings.xml"));
				put(zip, "xl/sharedStrings.xml", "<sst xmlns=\"" + MAIN + "\">" + this.sharedStrings + "</sst>");
			}
			if (this.styles != null) {
				types.append(override("/xl/styles.xml", "styles"));
				relations.append(relation("rIdStyles", "styles", "styles.xml"));
				put(zip, "xl/styles.xml", "<styleSheet xmlns=\"" + MAIN + "\">" + this.styles + "</styleSheet>");
			}
			put(zip, "[Content_Types].xml", types + "</Types>");
			put(zip, "_rels/.rels", relations(relation("rId1", "officeDocument", "xl/workbook.xml")));
			put(zip, "xl/_rels/workbook.xml.rels", relations(relations.toString()));
			put(zip, "xl/workbook.xml", "<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"http://schemas.openxmlformats.org/"
					+ "officeDocument/2006/relationships\">" + this.workbookProperties + "<sheets>" + sheetList
					+ "</sheets></workbook>");
			for (Map.Entry<String, byte[]> part : this.extraParts.entrySet()) {
				zip.putNextEntry(new ZipEntry(part.getKey()));
				zip.write(part.getValue());
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

	private static void put(ZipOutputStream zip, String name, String xml) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + xml)
			.getBytes(StandardCharsets.UTF_8));
		zip.closeEntry();
	}

	private static String override(String part, String type) {
		return "<Override PartName=\"" + part + "\" ContentType=\"application/vnd.openxmlformats-officedocument."
				+ "spreadsheetml." + type + "+xml\"/>";
	}

	private static String relations(String content) {
		return "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" + content
				+ "</Relationships>";
	}

	private static String relation(String id, String type, String target) {
		return "<Relationship Id=\"" + id + "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
				+ "relationships/" + type + "\" Target=\"" + target + "\"/>";
	}

}
