package com.example.intune.statusimport.cli;

import java.time.ZoneId;
import java.util.List;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import com.example.intune.statusimport.validation.DateTimePattern;
import com.example.intune.statusimport.validation.DateTimeReading;

/** How the values of the rows are read: the text forms of date-times, and the zone of those without an offset. */
final class ValueOptions {

	@Option(names = "--date-format", paramLabel = "PATTERN", converter = DateFormatValue.class,
			description = "Also accept date-times written in this java.time pattern, such as 'dd.MM.yyyy HH:mm' or"
					+ " 'M/d/yyyy h:mm a'; repeatable. Read strictly (31.02.2026 and 2-digit years under yyyy are"
					+ " refused); month names and AM/PM in English, any letter case; a pattern without a time reads"
					+ " midnight. ISO 8601 is always accepted.")
	List<DateTimePattern> dateFormats;

	@Option(names = "--time-zone", paramLabel = "ZONE", converter = TimeZoneValue.class,
			description = "The zone of date-times without an offset (--date-format values, ISO 8601 local times,"
					+ " workbook dates): an IANA name such as Europe/Berlin, or UTC. They are sent in UTC. Default:"
					+ " none, and such date-times are invalid.")
	ZoneId timeZone;

	DateTimeReading dateTimes() {
		try {
			return new DateTimeReading(this.dateFormats == null ? List.of() : this.dateFormats, this.timeZone);
		}
		catch (IllegalArgumentException ex) {
			throw new OptionProblem("--date-format: " + ex.getMessage());
		}
	}

	static final class DateFormatValue implements ITypeConverter<DateTimePattern> {

		@Override
		public DateTimePattern convert(String value) {
			try {
				return DateTimePattern.of(value);
			}
			catch (IllegalArgumentException ex) {
				throw new TypeConversionException(ex.getMessage());
			}
		}

	}

	static final class TimeZoneValue implements ITypeConverter<ZoneId> {

		@Override
		public ZoneId convert(String value) {
			try {
				return DateTimeReading.zone(value);
			}
			catch (IllegalArgumentException ex) {
				throw new TypeConversionException(ex.getMessage());
			}
		}

	}

}
