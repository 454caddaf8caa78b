package com.example.intune.statusimport.input;

import java.nio.charset.Charset;

/**
 * How the command line says a CSV or text file is to be read, where it says so: otherwise the encoding comes from
 * the byte-order mark (UTF-8 without one) and the separator from the header (a tab for {@code .tsv}).
 *
 * @param charset the character set given with {@code --encoding}, or {@code null}
 * @param separator the separator given with {@code --delimiter}, or {@code null}
 */
public record TextOptions(Charset charset, Character separator) {

	/** Nothing given: everything is found out from the file. */
	public static final TextOptions DETECT = new TextOptions(null, null);

}
