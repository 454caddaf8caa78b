package com.example.intune.statusimport.report;

import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.xssf.streaming.DeferredSXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;

/**
 * The few cell styles of a report, and one per number format met, with and without the highlight. Every style is
 * made before the rows: the workbook's styles are written before its rows are made.
 */
final class ReportCellStyles {

	/**
	 * The default style, given to a cell explicitly: POI looks a cell without one up among the column widths, for
	 * every cell, which made writing ten times slower.
	 */
	final CellStyle plain;

	final CellStyle header;

	final CellStyle highlight;

	/** Text cells are formatted as text, so that an id a person types over stays text (00123, not 123). */
	final CellStyle text;

	final CellStyle highlightedText;

	private final Map<String, CellStyle> numbers = new HashMap<>();

	/** @param formats the keys of the number styles to make */
	ReportCellStyles(DeferredSXSSFWorkbook workbook, Set<String> formats) {
		this.plain = workbook.getCellStyleAt(0);
		Font bold = workbook.createFont();
		bold.setBold(true);
		this.header = workbook.createCellStyle();
		this.header.setFont(bold);
		this.highlight = highlighted(workbook.createCellStyle());
		this.text = workbook.createCellStyle();
		this.text.setDataFormat(workbook.createDataFormat().getFormat("@"));
		this.highlightedText = highlighted(workbook.createCellStyle());
		this.highlightedText.setDataFormat(this.text.getDataFormat());
		Set<String> keys = new HashSet<>(formats);
		for (boolean failed : new boolean[] { false, true }) {
			keys.add(key("General", failed));
			keys.add(key(FailureWorkbook.FALLBACK_DATE, failed));
		}
		for (String key : keys) {
			CellStyle style = key.startsWith("!") ? highlighted(workbook.createCellStyle())
					: workbook.createCellStyle();
			style.setDataFormat(workbook.createDataFormat().getFormat(key.substring(1)));
			this.numbers.put(key, style);
		}
	}

	private static CellStyle highlighted(CellStyle style) {
		((XSSFCellStyle) style).setFillForegroundColor(new XSSFColor(HexFormat.of().parseHex(FailureWorkbook.HIGHLIGHT_RGB)));
		style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
		return style;
	}

	/** The cell style of a number or date in {@code format}; one of a format the survey did not meet is plain. */
	CellStyle number(String format, boolean date, boolean failed) {
		CellStyle style = this.numbers.get(key(format, failed));
		return style != null ? style : this.numbers.get(key(date ? FailureWorkbook.FALLBACK_DATE : "General", failed));
	}

	static String key(String format, boolean failed) {
		return (failed ? "!" : " ") + (format == null || format.isBlank() ? "General" : format);
	}

}
