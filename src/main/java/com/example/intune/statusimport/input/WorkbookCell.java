package com.example.intune.statusimport.input;

/**
 * One cell of a workbook row as the sheet holds it: its type, what a person sees in it, and for numbers and dates the
 * stored value and its number format, so that a report workbook writes the cell back as it was read.
 *
 * @param type what the cell holds (for a formula, what its cached value is)
 * @param text for text the text; for a number its displayed text ({@code 42}, not {@code 42.0}); for a date cell
 * the local date-time in ISO 8601 without an offset ({@code 2026-11-28T14:05:00}); for a boolean {@code TRUE} or
 * {@code FALSE}; for an error its code ({@code #N/A}); empty for a blank cell
 * @param number the stored value of a number or date cell (for a date, Excel's serial day number), else 0
 * @param numberFormat the number format of a number or date cell ({@code General}, {@code dd.mm.yyyy hh:mm}), else
 * {@code null}
 */
public record WorkbookCell(Type type, String text, double number, String numberFormat) {

	/** What a cell holds. */
	public enum Type {
		BLANK, TEXT, NUMBER, DATE, BOOLEAN, ERROR
	}

	public static final WorkbookCell BLANK = new WorkbookCell(Type.BLANK, "", 0, null);

	public static WorkbookCell text(String text) {
		return new WorkbookCell(Type.TEXT, text, 0, null);
	}

}
