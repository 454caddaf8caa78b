import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an .xlsx of N device status rows, the same rows as scripts/generate-rows writes as CSV, for benchmarks.
 * Streaming and without dependencies (run it with {@code java scripts/GenerateWorkbook.java N FILE}), so that a
 * million rows need neither POI's heap nor LibreOffice.
 * <p>
 * By default the text cells go to a shared string table, as Excel and LibreOffice save them: the worst case for a
 * reader, which must look each one up (with {@code --inline}, each text is in its cell, as POI's SXSSFWorkbook writes
 * by default). With {@code --date-cells}, lastReportedDateTime is a date cell (a local time) instead of ISO text.
 */
public class GenerateWorkbook {

	private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

	private static final String[] STATUSES = "unknown notApplicable compliant remediated nonCompliant error conflict notAssigned"
		.split(" ");

	private static final List<String> HEADER = List.of("deviceConfigurationId", "id", "deviceDisplayName", "userName",
			"deviceModel", "status", "lastReportedDateTime", "userPrincipalName");

	private final boolean inline;

	private final boolean dateCells;

	private final Map<String, Integer> repeated = new HashMap<>();

	private Writer strings;

	private int uniqueStrings;

	private long stringCells;

	GenerateWorkbook(boolean inline, boolean dateCells) {
		this.inline = inline;
		this.dateCells = dateCells;
	}

	public static void main(String[] args) throws IOException {
		List<String> options = List.of(args).subList(Math.min(2, args.length), args.length);
		if (args.length < 2 || !List.of("--inline", "--date-cells").containsAll(options)) {
			System.err.println("usage: java scripts/GenerateWorkbook.java N FILE.xlsx [--inline] [--date-cells]");
			System.exit(2);
		}
		new GenerateWorkbook(options.contains("--inline"), options.contains("--date-cells"))
			.write(Long.parseLong(args[0]), Path.of(args[1]));
	}

	void write(long rows, Path file) throws IOException {
		Path stringsFile = Files.createTempFile("shared-strings", ".xml");
		try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
			Writer out = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 1 << 16);
			this.strings = Files.newBufferedWriter(stringsFile, StandardCharsets.UTF_8);
			part(zip, out, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
					+ "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
					+ "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
					+ override("/xl/workbook.xml", "sheet.main") + override("/xl/worksheets/sheet1.xml", "worksheet")
					+ override("/xl/styles.xml", "styles") + override("/xl/sharedStrings.xml", "sharedStrings") + "</Types>");
			part(zip, out, "_rels/.rels", relationships(relationship("rId1", "officeDocument", "xl/workbook.xml")));
			part(zip, out, "xl/_rels/workbook.xml.rels", relationships(relationship("rId1", "worksheet",
					"worksheets/sheet1.xml") + relationship("rId2", "styles", "styles.xml")
					+ relationship("rId3", "sharedStrings", "sharedStrings.xml")));
			part(zip, out, "xl/workbook.xml", "<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"http://schemas.openxmlformats.org/"
					+ "officeDocument/2006/relationships\"><sheets><sheet name=\"Statuses\" sheetId=\"1\" r:id=\"rId1\"/>"
					+ "</sheets></workbook>");
			part(zip, out, "xl/styles.xml", "<styleSheet xmlns=\"" + MAIN + "\"><numFmts count=\"1\"><numFmt numFmtId=\"164\""
					+ " formatCode=\"yyyy\\-mm\\-dd hh:mm:ss\"/></numFmts><fonts count=\"1\"><font><sz val=\"11\"/>"
					+ "<name val=\"Calibri\"/></font></fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/>"
					+ "</fill><fill><patternFill patternType=\"gray125\"/></fill></fills><borders count=\"1\"><border>"
					+ "<left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count=\"1\"><xf"
					+ " numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\"2\"><xf"
					+ " numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"164\" fontId=\"0\""
					+ " fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>");
			zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
			out.write(declaration() + "<worksheet xmlns=\"" + MAIN + "\"><sheetData>");
			out.write("<row r=\"1\">");
			for (int column = 0; column < HEADER.size(); column++) {
				text(out, column, 1, HEADER.get(column), false);
			}
			out.write("</row>");
			LocalDateTime november = LocalDateTime.of(2026, 11, 1, 0, 0);
			for (long i = 1; i <= rows; i++) {
				long r = i + 1;
				out.write("<row r=\"" + r + "\">");
				text(out, 0, r, String.format("cfg-%02d", i % 7), true);
				text(out, 1, r, String.format("dcs-%07d", i), false);
				text(out, 2, r, String.format("DEVICE-%07d", i), false);
				text(out, 3, r, "User " + i, false);
				text(out, 4, r, "Surface Laptop " + (i % 6 + 1), true);
				text(out, 5, r, STATUSES[(int) (i % 8)], true);
				LocalDateTime reported = november.plusDays(i % 28).plusHours(i % 24).plusMinutes(i % 60);
				if (this.dateCells) {
					double serial = ChronoUnit.SECONDS.between(LocalDateTime.of(1899, 12, 30, 0, 0), reported) / 86400.0;
					out.write("<c r=\"G" + r + "\" s=\"1\"><v>" + serial + "</v></c>");
				}
				else {
					text(out, 6, r, reported + ":00Z", true);
				}
				text(out, 7, r, "user" + i + "@contoso.onmicrosoft.com", false);
				out.write("</row>");
			}
			out.write("</sheetData></worksheet>");
			out.flush();
			zip.closeEntry();
			this.strings.close();
			zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
			out.write(declaration() + "<sst xmlns=\"" + MAIN + "\" count=\"" + this.stringCells + "\" uniqueCount=\""
					+ this.uniqueStrings + "\">");
			out.flush();
			Files.copy(stringsFile, zip);
			out.write("</sst>");
			out.flush();
			zip.closeEntry();
		}
		finally {
			Files.deleteIfExists(stringsFile);
		}
	}

	/** A text cell; {@code repeats} when the value recurs in other rows, so that the shared table holds it once. */
	private void text(Writer out, int column, long row, String value, boolean repeats) throws IOException {
		String reference = (char) ('A' + column) + Long.toString(row);
		if (this.inline) {
			out.write("<c r=\"" + reference + "\" t=\"inlineStr\"><is><t>" + value + "</t></is></c>");
			return;
		}
		Integer index = repeats ? this.repeated.get(value) : null;
		if (index == null) {
			index = this.uniqueStrings++;
			this.strings.write("<si><t>" + value + "</t></si>");
			if (repeats) {
				this.repeated.put(value, index);
			}
		}
		this.stringCells++;
		out.write("<c r=\"" + reference + "\" t=\"s\"><v>" + index + "</v></c>");
	}

	private static void part(ZipOutputStream zip, Writer out, String name, String xml) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		out.write(declaration() + xml);
		out.flush();
		zip.closeEntry();
	}

	private static String declaration() {
		return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
	}

	private static String override(String part, String type) {
		return "<Override PartName=\"" + part + "\" ContentType=\"application/vnd.openxmlformats-officedocument."
				+ "spreadsheetml." + type + "+xml\"/>";
	}

	private static String relationships(String content) {
		return "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" + content
				+ "</Relationships>";
	}

	private static String relationship(String id, String type, String target) {
		return "<Relationship Id=\"" + id + "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
				+ "relationships/" + type + "\" Target=\"" + target + "\"/>";
	}

}
