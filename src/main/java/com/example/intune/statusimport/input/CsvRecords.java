package com.example.intune.statusimport.input;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;

/**
 * How delimited files are opened: RFC 4180 quoting (a quote inside a quoted field is doubled, backslash is an
 * ordinary character), CRLF or LF, UTF-8. One place for the CSV dialect.
 */
final class CsvRecords {

	/** A quoted field that spans more lines than this is taken for a quote that was never closed. */
	static final int MULTILINE_LIMIT = 100;

	private CsvRecords() {
	}

	static CSVReader open(Path path, InputFormat format) throws IOException {
		Reader reader = new java.io.InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8
			.newDecoder()
			.onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE));
		return new CSVReaderBuilder(new java.io.BufferedReader(reader, 1 << 16))
			.withCSVParser(new RFC4180ParserBuilder().withSeparator(format.separator()).build())
			.withMultilineLimit(MULTILINE_LIMIT)
			.build();
	}

	static String stripBom(String cell) {
		return cell.startsWith("\uFEFF") ? cell.substring(1) : cell;
	}

}
