package com.example.intune.statusimport.cli;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The values of {@code --encoding} and {@code --delimiter}, each read and checked once, by its type. */
final class TextOptionValues {

	static final String ENCODING_EXAMPLES = "windows-1252, ISO-8859-1, ISO-8859-15, UTF-8, UTF-16LE, UTF-16BE or"
			+ " IBM850";

	private TextOptionValues() {
	}

	/**
	 * A character set Java knows by this name or an alias ({@code cp1252}, {@code latin1}), and can also write, since
	 * the failure report is written in the input's encoding.
	 */
	static final class EncodingValue implements ITypeConverter<Charset> {

		@Override
		public Charset convert(String value) {
			Charset charset;
			try {
				charset = Charset.forName(value.strip());
			}
			catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
				throw new TypeConversionException("'" + value + "' is not an encoding this job knows; give one such"
						+ " as " + ENCODING_EXAMPLES);
			}
			if (!charset.canEncode()) {
				throw new TypeConversionException("'" + value + "' can be read but not written, and the failure report"
						+ " is written in the input's encoding; give one such as " + ENCODING_EXAMPLES);
			}
			return charset;
		}

	}

	/** One of the separators a header is searched for: {@code ,} {@code ;} {@code |} or a tab. */
	static final class DelimiterValue implements ITypeConverter<Character> {

		@Override
		public Character convert(String value) {
			switch (value.toLowerCase(Locale.ROOT)) {
				case ",", ";", "|" -> {
					return value.charAt(0);
				}
				case "tab", "\\t", "\t" -> {
					return '\t';
				}
				default -> throw new TypeConversionException("'" + value + "' is not a separator this job reads; give"
						+ " one of , ; | tab (in quotes for the shell: --delimiter ';')");
			}
		}

	}

}
