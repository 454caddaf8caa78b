package com.example.intune.statusimport.input;

import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * What a number cell is and shows, decided by the number format of its style: a date or date-time when the format
 * has date or time parts (POI's {@link DateUtil#isADateFormat}), otherwise a number as the cell displays it. Numbers
 * are shown the way an Excel with English (United States) settings shows them ({@link Locale#US}), whatever the
 * machine's locale, so that a run reads the same everywhere.
 */
final class NumberFormats {

	/** Excel allows 64,000 cell formats; more is a damaged or hostile file. */
	private static final int MAX_STYLES = 1 << 16;

	private static final DateTimeFormatter LOCAL_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

	/** 10000-01-01, the first day Excel cannot show. */
	private static final double PAST_LAST_DATE = 2_958_466;

	private static final MathContext EXCEL_PRECISION = new MathContext(15);

	private final int[] formatIds;

	private final Map<Integer, String> customFormats;

	private final boolean date1904;

	private final DataFormatter formatter = new DataFormatter(Locale.US);

	private NumberFormats(int[] formatIds, Map<Integer, String> customFormats, boolean date1904) {
		this.formatIds = formatIds;
		this.customFormats = customFormats;
		this.date1904 = date1904;
	}

	/** A workbook without a styles part: every number is General. */
	static NumberFormats none(boolean date1904) {
		return new NumberFormats(new int[0], Map.of(), date1904);
	}

	/**
	 * Reads the cell styles ({@code <cellXfs>}) and custom formats ({@code <numFmts>}) of a styles part.
	 *
	 * @param date1904 whether the workbook counts days from 1904 (old Mac Excel) instead of 1900
	 */
	static NumberFormats read(InputStream styles, boolean date1904) throws XMLStreamException {
		int[] formatIds = new int[64];
		int count = 0;
		Map<Integer, String> customFormats = new HashMap<>();
		XMLStreamReader reader = SheetXml.open(styles);
		try {
			boolean inCellStyles = false;
			while (reader.hasNext()) {
				int event = reader.next();
				if (event == XMLStreamConstants.START_ELEMENT) {
					String name = reader.getLocalName();
					if ("numFmt".equals(name) && customFormats.size() < MAX_STYLES) {
						customFormats.put(number(reader, "numFmtId"), SheetXml.attribute(reader, "formatCode"));
					}
					else if ("cellXfs".equals(name)) {
						inCellStyles = true;
					}
					else if ("xf".equals(name) && inCellStyles) {
						if (count == MAX_STYLES) {
							throw new XMLStreamException("more than " + MAX_STYLES + " cell styles");
						}
						formatIds = count == formatIds.length ? Arrays.copyOf(formatIds, count * 2) : formatIds;
						formatIds[count++] = SheetXml.attribute(reader, "numFmtId") == null ? 0 : number(reader, "numFmtId");
					}
				}
				else if (event == XMLStreamConstants.END_ELEMENT && "cellXfs".equals(reader.getLocalName())) {
					break;
				}
			}
		}
		finally {
			reader.close();
		}
		return new NumberFormats(Arrays.copyOf(formatIds, count), customFormats, date1904);
	}

	private static int number(XMLStreamReader reader, String attribute) throws XMLStreamException {
		try {
			return Integer.parseInt(SheetXml.attribute(reader, attribute));
		}
		catch (NumberFormatException ex) {
			throw new XMLStreamException("the style attribute " + attribute + " is not a number");
		}
	}

	/** A number cell ({@code t="n"}, or no type) with the style {@code style}: a number or a date. */
	WorkbookCell number(double value, int style) {
		int formatId = style >= 0 && style < this.formatIds.length ? this.formatIds[style] : 0;
		String format = this.customFormats.containsKey(formatId) ? this.customFormats.get(formatId)
				: BuiltinFormats.getBuiltinFormat(formatId);
		if (format == null || format.startsWith("reserved-")) {
			format = "General"; // a format only a localised Excel knows; shown as General, as POI does
		}
		if (DateUtil.isADateFormat(formatId, format) && value >= 0 && value < PAST_LAST_DATE) {
			LocalDateTime local = DateUtil.getLocalDateTime(value, this.date1904, true);
			return new WorkbookCell(WorkbookCell.Type.DATE, LOCAL_DATE_TIME.format(local), value, format);
		}
		String shown = isGeneral(format) ? general(value) : this.formatter.formatRawCellContents(value, formatId, format);
		return new WorkbookCell(WorkbookCell.Type.NUMBER, shown, value, format);
	}

	/**
	 * A date cell stored as ISO 8601 text ({@code t="d"}, which strict OOXML writers use): a date, or a text cell
	 * when the text is not a local date or date-time.
	 */
	WorkbookCell isoDate(String text, int style) {
		LocalDateTime local;
		try {
			local = text.contains("T") ? LocalDateTime.parse(text) : LocalDate.parse(text).atStartOfDay();
		}
		catch (DateTimeParseException ex) {
			return WorkbookCell.text(text);
		}
		local = local.truncatedTo(ChronoUnit.SECONDS);
		WorkbookCell styled = number(DateUtil.getExcelDate(local, this.date1904), style);
		String format = styled.type() == WorkbookCell.Type.DATE ? styled.numberFormat() : "yyyy-mm-dd hh:mm:ss";
		return new WorkbookCell(WorkbookCell.Type.DATE, LOCAL_DATE_TIME.format(local), styled.number(), format);
	}

	/**
	 * General and text ({@code @}) formats show a number with up to 15 significant digits, all of them: Excel's
	 * precision, and what its formula bar shows. POI's General switches to 1.23457E+11 from 12 digits on, as a narrow
	 * column would, which would turn a numeric id into another value.
	 */
	private static boolean isGeneral(String format) {
		return "General".equalsIgnoreCase(format) || "@".equals(format);
	}

	static String general(double value) {
		if (!Double.isFinite(value)) {
			return Double.toString(value);
		}
		return new BigDecimal(value).round(EXCEL_PRECISION).stripTrailingZeros().toPlainString();
	}

}
