package com.example.intune.statusimport.input;

/**
 * The sheet of a workbook that a run reads, as the check before the job found it.
 *
 * @param name the sheet's name, as its tab shows it
 * @param number its place among the tabs, from 1
 * @param headerRow the row that names the columns: the sheet's first row that holds something
 */
public record WorkbookSheet(String name, int number, long headerRow) {
}
