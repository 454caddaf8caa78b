package com.example.intune.statusimport.fileformat;

/**
 * Cells that a spreadsheet would run as a formula are written with a leading apostrophe, which spreadsheets show as
 * plain text. Reading reverses it, so that a failure report fed back in sends the original value. This is the one
 * place for the rule.
 */
public final class FormulaEscaping {

	private FormulaEscaping() {
	}

	public static String escape(String cell) {
		return startsLikeFormula(cell, 0) ? "'" + cell : cell;
	}

	public static String unescape(String cell) {
		return cell.length() > 1 && cell.charAt(0) == '\'' && startsLikeFormula(cell, 1) ? cell.substring(1) : cell;
	}

	private static boolean startsLikeFormula(String cell, int at) {
		if (cell == null || cell.length() <= at) {
			return false;
		}
		char first = cell.charAt(at);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
	}

}
