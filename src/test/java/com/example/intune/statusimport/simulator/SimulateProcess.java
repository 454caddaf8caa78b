package com.example.intune.statusimport.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.example.intune.statusimport.cli.Main;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code simulate} command in a process of its own, as a user starts it: on a port it picks and writes to a file,
 * stopped (and its {@code --dump} written) on close.
 *
 * @param process the forked JVM
 * @param graphUrl where it serves Graph
 */
record SimulateProcess(Process process, String graphUrl) implements AutoCloseable {

	/** Starts {@code simulate --port 0 --port-file ... OPTIONS} with its log in {@code dir}, and waits for its port. */
	static SimulateProcess start(Path dir, String... options) throws Exception {
		Path portFile = dir.resolve("port");
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), Main.class.getName(), "simulate", "--port", "0",
				"--port-file", portFile.toString()));
		command.addAll(List.of(options));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(dir.resolve("simulate.log").toFile())
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!Files.exists(portFile) || Files.readString(portFile).isBlank()) {
			if (System.nanoTime() > deadline) {
				process.destroyForcibly();
			}
			assertThat(System.nanoTime()).as("the simulator started").isLessThan(deadline);
			Thread.sleep(50);
		}
		return new SimulateProcess(process, "http://127.0.0.1:" + Files.readString(portFile).strip() + "/v1.0");
	}

	@Override
	public void close() throws Exception {
		this.process.destroy();
		assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
	}

}
