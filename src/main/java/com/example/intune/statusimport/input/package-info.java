/**
 * Reading the input: CSV, TSV and NDJSON rows with the lines they start on, the one column mapping (what each header
 * or key sets, the user's own names included), the header check (unknown columns stop a real run), the hash that
 * identifies a run, and duplicate detection across the whole file. Workbooks (.xlsx) are read streaming, a sheet's
 * rows of typed cells one at a time ({@code Workbook}, {@code SheetRows}), with the line of a row its row number.
 */
package com.example.intune.statusimport.input;
