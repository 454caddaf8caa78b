/**
 * The rules a row must pass before it is sent, each explained to the person holding the spreadsheet: the column,
 * the value, and what would be accepted. Date-times without an offset are read here too, in the zone the command
 * line gives, and sent in UTC.
 */
package com.example.intune.statusimport.validation;
