package com.example.intune.statusimport.cli;

import java.time.Duration;
import java.util.Locale;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;

import com.example.intune.statusimport.graph.RateLimit;
import com.example.intune.statusimport.signin.Cloud;

/**
 * An option's default is the value its field starts with, which comes from the one constant that the rest of the
 * program uses too ({@code RetryPolicy.DEFAULT}, {@code RateLimit.INTUNE}...). This writes it the way a user would
 * type it, for {@code --help}; picocli reads it back through the option's own converter, so that a default that did
 * not survive the round trip would fail every run.
 */
final class InitialValueDefaults implements IDefaultValueProvider {

	@Override
	public String defaultValue(ArgSpec argument) {
		Object value = argument.initialValue();
		if (value == null || value instanceof Boolean) {
			return null;
		}
		if (value instanceof Duration duration) {
			return OptionValues.formatDuration(duration);
		}
		if (value instanceof RateLimit rate) {
			return OptionValues.formatRate(rate);
		}
		if (value instanceof Cloud cloud) {
			return cloud.optionName();
		}
		if (value instanceof Enum<?> choice) {
			return choice.name().toLowerCase(Locale.ROOT);
		}
		return String.valueOf(value);
	}

}
