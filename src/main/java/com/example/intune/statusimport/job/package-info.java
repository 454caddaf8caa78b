/**
 * The Spring Batch job and one run of it: the step's wiring, the run's identity and resume choice, change detection,
 * the counts and summary, and the exit code table with how a run ended.
 */
package com.example.intune.statusimport.job;
