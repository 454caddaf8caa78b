/**
 * The run report a person reads after (or while a scheduler keeps) a run: a timeline of the run kept in memory, and
 * the self-contained HTML page that shows it with the run's figures and failures.
 */
package com.example.intune.statusimport.runreport;
