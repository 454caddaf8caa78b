package com.example.intune.statusimport.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.example.intune.statusimport.job.ExitCode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code samples/deploy/nightly}, which cron runs the import through: cron mails whatever a job prints, so it prints
 * only when someone has to act, says what to do, and keeps the whole output owner-only.
 */
class NightlyScriptTests {

	@TempDir
	Path home;

	/** Apart from the home, where the script looks. */
	@TempDir
	Path printed;

	@ParameterizedTest
	@EnumSource(ExitCode.class)
	void printsOnlyWhenSomeoneHasToActAndExitsWithTheImportsCode(ExitCode code) throws Exception {
		Result result = nightly("echo 'Report: /var/lib/x/in.failures-20261130T023000Z.csv'; exit " + code.code());

		assertThat(result.exitCode()).isEqualTo(code.code());
		if (code == ExitCode.ALL_APPLIED || code == ExitCode.BUSY) {
			assertThat(result.out()).isEmpty();
		}
		else {
			assertThat(result.out()).startsWith("device-status-import exited " + code.code() + ": ")
				.contains("Report: /var/lib/x/in.failures-20261130T023000Z.csv");
		}
		Path log = this.home.resolve("last-run.log");
		assertThat(log).hasContent("Report: /var/lib/x/in.failures-20261130T023000Z.csv");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
	}

	@ParameterizedTest
	@EnumSource(value = ExitCode.class, names = { "SOME_FAILED", "FAILURE_LIMIT", "FATAL", "INTERRUPTED" })
	void saysWhatToDo(ExitCode code) throws Exception {
		String advice = switch (code) {
			case SOME_FAILED -> "look at the report";
			case FAILURE_LIMIT -> "--max-failures";
			case FATAL -> "fix what the message below says";
			default -> "the next run resumes";
		};
		assertThat(nightly("exit " + code.code()).out()).contains(advice);
	}

	@Test
	void replacesALinkAtItsLogWithoutFollowingIt() throws Exception {
		Path elsewhere = Files.writeString(this.home.resolve("elsewhere"), "keep me");
		Files.createSymbolicLink(this.home.resolve("last-run.log"), elsewhere);

		nightly("echo output; exit 0");

		assertThat(elsewhere).hasContent("keep me");
		assertThat(Files.isSymbolicLink(this.home.resolve("last-run.log"))).isFalse();
		assertThat(this.home.resolve("last-run.log")).hasContent("output");
		assertThat(Files.exists(this.home.resolve("last-run.log"), LinkOption.NOFOLLOW_LINKS)).isTrue();
	}

	private Result nightly(String script) throws IOException, InterruptedException {
		Path out = Files.createTempFile(this.printed, "out", ".txt");
		ProcessBuilder builder = new ProcessBuilder("sh", "samples/deploy/nightly", "sh", "-c", script)
			.redirectErrorStream(true)
			.redirectOutput(out.toFile());
		builder.environment().put("DEVICE_STATUS_IMPORT_HOME", this.home.toString());
		Process process = builder.start();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("nightly did not end within 30 s");
		}
		return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
	}

	private record Result(int exitCode, String out) {
	}

}
