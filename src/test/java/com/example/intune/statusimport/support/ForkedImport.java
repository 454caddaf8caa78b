package com.example.intune.statusimport.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.example.intune.statusimport.cli.Main;

/** The import command in a JVM of its own, so that a test can kill it the way a crash or a scheduler would. */
public final class ForkedImport {

	private final Process process;

	private final Path output;

	private ForkedImport(Process process, Path output) {
		this.process = process;
		this.output = output;
	}

	public static ForkedImport start(Workspace workspace, String graphUrl, Path input, String... extraArgs)
			throws IOException {
		return start(workspace, graphUrl, input, List.of(), extraArgs);
	}

	/** @param jvmOptions options for the forked JVM, such as a system property that sets a test hook */
	public static ForkedImport start(Workspace workspace, String graphUrl, Path input, List<String> jvmOptions,
			String... extraArgs) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "import",
				"--graph-url", graphUrl, "--job-store", workspace.jobStoreOption(), "--retry-base-delay", "20ms",
				"--rate", "10000/1s"));
		command.addAll(List.of(extraArgs));
		command.add(input.toString());
		Path output = Files.createTempFile(workspace.dir(), "forked", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().putAll(workspace.environment(java.util.Map.of("GRAPH_ACCESS_TOKEN", Workspace.TOKEN)));
		return new ForkedImport(builder.start(), output);
	}

	/** Waits until {@code file} exists (a test hook's sign), while the import is alive. */
	public void awaitFile(Path file) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!Files.exists(file)) {
			if (!this.process.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("the import never got there:\n" + output());
			}
			Thread.sleep(20);
		}
	}

	/** SIGKILL: no shutdown hook runs, as in a power cut or an out-of-memory kill. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	/** SIGTERM, as a scheduler or Ctrl-C sends it. */
	public int terminate() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			throw new IllegalStateException("the import did not stop within 60 s of SIGTERM");
		}
		return this.process.exitValue();
	}

	public int waitFor() throws InterruptedException {
		if (!this.process.waitFor(120, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			throw new IllegalStateException("the import did not finish within 120 s");
		}
		return this.process.exitValue();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public String output() throws IOException {
		return Files.readString(this.output);
	}

}
