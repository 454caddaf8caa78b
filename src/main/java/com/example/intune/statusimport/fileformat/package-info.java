/**
 * The file formats shared by reading the input and writing the report: the delimited dialect (separator, quoting,
 * line ends), text encodings with their byte-order marks, and formula escaping.
 */
package com.example.intune.statusimport.fileformat;
