package com.example.intune.statusimport.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A tiny file system (tmpfs) mounted for one test, so that a disk can really run full. Needs root, as CI has; where
 * mounting is not allowed the test is skipped, not passed.
 */
public final class SmallDisk implements AutoCloseable {

	private final Path folder;

	private SmallDisk(Path folder) {
		this.folder = folder;
	}

	public static SmallDisk mount(Path folder, int kilobytes) throws IOException, InterruptedException {
		Files.createDirectories(folder);
		Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + kilobytes + "k", "tmpfs",
				folder.toString())
			.redirectErrorStream(true)
			.start();
		boolean done = mount.waitFor(20, TimeUnit.SECONDS);
		Assumptions.assumeTrue(done && mount.exitValue() == 0, "a tmpfs can be mounted (root on Linux)");
		return new SmallDisk(folder);
	}

	public Path folder() {
		return this.folder;
	}

	@Override
	public void close() throws IOException, InterruptedException {
		Process umount = new ProcessBuilder("umount", this.folder.toString()).redirectErrorStream(true).start();
		if (!umount.waitFor(20, TimeUnit.SECONDS)) {
			umount.destroyForcibly();
		}
	}

}
