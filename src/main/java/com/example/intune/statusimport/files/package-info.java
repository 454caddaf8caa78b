/**
 * The files the job writes (report, summary, job store): owner-only, never through a symbolic link, never over the
 * input or one another, and whole or not at all.
 */
package com.example.intune.statusimport.files;
