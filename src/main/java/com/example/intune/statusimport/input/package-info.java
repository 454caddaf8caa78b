/**
 * Reading the input: CSV, TSV and NDJSON rows with the lines they start on, the one column mapping (what each header
 * or key sets, the user's own names included), the header check (unknown columns stop a real run), the hash that
 * identifies a run, and duplicate detection across the whole file.
 */
package com.example.intune.statusimport.input;
