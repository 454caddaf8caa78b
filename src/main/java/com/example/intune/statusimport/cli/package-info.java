/**
 * The command line: {@code import}, {@code simulate} and {@code template}, their options grouped by concern, the
 * values that check themselves, and the one place that prints how a command ended.
 */
package com.example.intune.statusimport.cli;
