package com.example.intune.statusimport.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * What a file given as a workbook really is, checked before POI opens it: an .xlsx is a zip file of XML parts; an
 * .xls, and any workbook protected with a password, is an older Office container (OLE2); an .ods is a zip of
 * another kind. Each is named with what to do, instead of POI's exception.
 * <p>
 * POI itself opens a damaged zip by reading it whole into memory, and parses the package's relationships and
 * properties whole: a damaged zip is refused here, and those parts are refused when they unpack to more than a
 * workbook holds, so that a hostile file cannot fill the heap before a row is read.
 */
final class WorkbookCheck {

	/** Package data (relationships, properties) that POI parses whole: a few KB in a real workbook. */
	static final long MAX_PACKAGE_DATA = 8L << 20;

	/** Parts of a workbook's zip: a few dozen in a real one; each becomes an object when POI opens it. */
	static final int MAX_ENTRIES = 1 << 16;

	private static final byte[] OLE2 = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
			(byte) 0xE1 };

	private static final String SAVE_AS_XLSX = "save it as \"Excel Workbook (.xlsx)\" and import that";

	private WorkbookCheck() {
	}

	/** Refuses a file that is not an .xlsx zip, or whose package data is too large to open safely. */
	static void refuseWhatIsNotXlsx(Path path) throws IOException {
		byte[] head = head(path);
		Optional<String> container = olderOfficeFile(path, head);
		if (container.isPresent()) {
			throw new InputProblem(container.get());
		}
		if (!isZip(head)) {
			throw new InputProblem(path + " is not an Excel workbook (.xlsx), which is a zip file"
					+ (looksLikeText(head) ? "; it looks like text: if it is CSV, name it .csv or give --format csv"
							: ""));
		}
		try (ZipFile zip = new ZipFile(path.toFile())) {
			refuseOtherZips(path, zip);
			refuseOversizedPackageData(path, zip);
		}
		catch (ZipException ex) {
			throw new InputProblem(path + " is a damaged zip file (" + ex.getMessage() + "), so it cannot be read as a"
					+ " workbook; if Excel still opens it, " + SAVE_AS_XLSX, ex);
		}
	}

	/**
	 * For a file given as text (a .csv that is a workbook): what it is and how to import it, when it is a workbook,
	 * an older Office file or another zip.
	 */
	static Optional<String> describeWorkbookGivenAsText(Path path, byte[] head) throws IOException {
		Optional<String> container = olderOfficeFile(path, head);
		if (container.isPresent() || !isZip(head)) {
			return container;
		}
		boolean xlsx;
		try (ZipFile zip = new ZipFile(path.toFile())) {
			xlsx = zip.getEntry("[Content_Types].xml") != null
					&& (zip.getEntry("xl/workbook.xml") != null || zip.getEntry("xl/workbook.bin") != null);
		}
		catch (ZipException ex) {
			xlsx = false;
		}
		return Optional.of(xlsx ? path + " is an Excel workbook, not text; name it .xlsx or give --format xlsx"
				: path + " is a zip file, not text; unpack it, or if it is a workbook name it .xlsx");
	}

	private static byte[] head(Path path) throws IOException {
		try (InputStream in = Files.newInputStream(path)) {
			return in.readNBytes(512);
		}
	}

	/** A zip's local file header (PK 3 4), or the end record that alone makes an empty archive (PK 5 6). */
	private static boolean isZip(byte[] head) {
		return head.length >= 4 && head[0] == 'P' && head[1] == 'K'
				&& (head[2] == 3 && head[3] == 4 || head[2] == 5 && head[3] == 6);
	}

	private static boolean looksLikeText(byte[] head) {
		for (byte b : head) {
			if (b == 0) {
				return false;
			}
		}
		return head.length > 0;
	}

	/** An .xls, or a workbook encrypted with a password: both are OLE2 containers, told apart by their streams. */
	private static Optional<String> olderOfficeFile(Path path, byte[] head) throws IOException {
		if (head.length < OLE2.length || !java.util.Arrays.equals(head, 0, OLE2.length, OLE2, 0, OLE2.length)) {
			return Optional.empty();
		}
		try (POIFSFileSystem container = new POIFSFileSystem(path.toFile(), true)) {
			DirectoryNode root = container.getRoot();
			if (root.hasEntry("EncryptedPackage") || root.hasEntry("EncryptionInfo")) {
				return Optional.of(path + " is protected with a password, so it cannot be read; open it in Excel, remove"
						+ " the password (File > Info > Protect Workbook > Encrypt with Password, clear it), save it and"
						+ " import that");
			}
			if (root.hasEntry("Workbook") || root.hasEntry("Book")) {
				return Optional.of(path + " is an Excel 97-2003 workbook (.xls); open it in Excel or LibreOffice, "
						+ SAVE_AS_XLSX);
			}
		}
		catch (IOException | RuntimeException ex) {
			return Optional.of(path + " is a damaged Office file (" + ex.getMessage() + "), not an .xlsx workbook");
		}
		return Optional.of(path + " is an older Office document (Word or PowerPoint 97-2003, say), not a workbook");
	}

	private static void refuseOtherZips(Path path, ZipFile zip) throws IOException {
		ZipEntry mimetype = zip.getEntry("mimetype");
		if (mimetype != null) {
			String type;
			try (InputStream in = zip.getInputStream(mimetype)) {
				type = new String(in.readNBytes(100), StandardCharsets.US_ASCII);
			}
			if (type.startsWith("application/vnd.oasis.opendocument.spreadsheet")) {
				throw new InputProblem(path + " is an OpenDocument spreadsheet (.ods); open it in LibreOffice and save it"
						+ " as \"Excel 2007-365 (.xlsx)\", then import that");
			}
			throw new InputProblem(path + " is an OpenDocument file (" + type.strip() + "), not a workbook");
		}
		if (zip.getEntry("xl/workbook.bin") != null) {
			throw new InputProblem(path + " is an Excel binary workbook (.xlsb); open it in Excel and " + SAVE_AS_XLSX);
		}
		if (zip.getEntry("[Content_Types].xml") == null) {
			throw new InputProblem(path + " is a zip file but not an Excel workbook (it has no [Content_Types].xml part)");
		}
		if (zip.size() > MAX_ENTRIES) {
			throw new InputProblem(path + " holds " + zip.size() + " parts, more than the " + MAX_ENTRIES + " a workbook"
					+ " this job reads may hold; it was not read");
		}
	}

	/**
	 * Unpacks the parts POI parses whole when it opens a package (the content types, every relationship part, the
	 * document properties) and counts their bytes as they come, whatever sizes the zip claims for them.
	 */
	private static void refuseOversizedPackageData(Path path, ZipFile zip) throws IOException {
		long total = 0;
		byte[] buffer = new byte[1 << 14];
		for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
			ZipEntry entry = entries.nextElement();
			String name = entry.getName();
			if (!name.equals("[Content_Types].xml") && !name.endsWith(".rels") && !name.startsWith("docProps/")) {
				continue;
			}
			try (InputStream in = zip.getInputStream(entry)) {
				for (int read; (read = in.read(buffer)) >= 0 && total <= MAX_PACKAGE_DATA;) {
					total += read;
				}
			}
			if (total > MAX_PACKAGE_DATA) {
				throw new InputProblem(path + " holds more package data (relationships, such as hyperlinks, and"
						+ " properties) than the " + (MAX_PACKAGE_DATA >> 20) + " MB this job reads (in " + name + " and"
						+ " before); it may be a zip bomb, so it was not read. Save the rows in a new workbook, or as CSV.");
			}
		}
	}

}
