/**
 * What a run prints while it goes on, and where: a person's terminal as it is (a live bar, fitted to the window), a
 * scheduler's log with the time in front of every line, and {@code --log-file} with the same lines and times.
 */
package com.example.intune.statusimport.runlog;
