/**
 * The rules a row must pass before it is sent, each explained to the person holding the spreadsheet: the column,
 * the value, and what would be accepted.
 */
package com.example.intune.statusimport.validation;
