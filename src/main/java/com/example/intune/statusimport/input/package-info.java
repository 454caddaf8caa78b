/**
 * Reading the input: CSV, TSV and NDJSON rows with the lines they start on, the header check (unknown columns stop
 * the run), the hash that identifies a run, and duplicate detection across the whole file.
 */
package com.example.intune.statusimport.input;
