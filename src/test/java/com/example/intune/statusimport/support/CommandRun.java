package com.example.intune.statusimport.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.example.intune.statusimport.cli.Main;

/** Runs the command line in this JVM, as a user would run it, and keeps what it printed. */
public record CommandRun(int exitCode, String out, String err) {

	public static CommandRun run(Map<String, String> environment, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code;
		try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
				PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
			code = new Main(outStream, errStream, environment, false).execute(args);
		}
		return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	/** What was printed without the times a log's lines start with, for assertions about how a line starts. */
	public static String withoutTimes(String printed) {
		return printed.replaceAll("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ ", "");
	}

	/** Everything printed, for assertions about what must never appear. */
	public String output() {
		return this.out + this.err;
	}

}
