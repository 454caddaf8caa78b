/**
 * The empty input a person starts from: the Graph columns, with a workbook's drop-down list, formats and a sheet
 * that explains each column.
 */
package com.example.intune.statusimport.template;
