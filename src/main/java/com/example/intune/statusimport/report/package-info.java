/**
 * The failure report, written in the chunk's transaction in the input's own format and encoding, so that each
 * failed row appears once after a resume and the report can be fixed and fed back in.
 */
package com.example.intune.statusimport.report;
