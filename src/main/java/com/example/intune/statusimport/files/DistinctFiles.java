package com.example.intune.statusimport.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files of a run must be different files: a report named like the input would replace the input with a header,
 * a summary named like the report would replace the report. Checked before anything is read, by what the paths
 * point at (links and {@code ..} resolved), not by how they are spelt.
 */
public final class DistinctFiles {

	private final List<Map.Entry<String, Path>> files = new ArrayList<>();

	/** Adds a file of the run under a name for messages ("the input", "--report"); {@code null} paths are skipped. */
	public DistinctFiles add(String what, Path path) {
		if (path != null) {
			this.files.add(Map.entry(what, path));
		}
		return this;
	}

	/** @throws UnsafeFileException when two of the files are one */
	public void check() {
		List<Map.Entry<String, Path>> entries = this.files;
		for (int i = 0; i < entries.size(); i++) {
			for (int j = i + 1; j < entries.size(); j++) {
				if (same(entries.get(i).getValue(), entries.get(j).getValue())) {
					throw new UnsafeFileException(entries.get(j).getKey() + " " + entries.get(j).getValue()
							+ " is the same file as " + entries.get(i).getKey() + " " + entries.get(i).getValue()
							+ "; give it a path of its own. Nothing was read or written.");
				}
			}
		}
	}

	private static boolean same(Path a, Path b) {
		try {
			if (Files.exists(a) && Files.exists(b)) {
				return Files.isSameFile(a, b);
			}
			return canonical(a).equals(canonical(b));
		}
		catch (IOException ex) {
			return canonical(a).equals(canonical(b));
		}
	}

	/** The path with its folder's links resolved, for a file that may not exist yet. */
	private static Path canonical(Path path) {
		Path absolute = path.toAbsolutePath().normalize();
		Path parent = absolute.getParent();
		try {
			if (parent != null && Files.isDirectory(parent)) {
				Path name = absolute.getFileName();
				Path resolved = parent.toRealPath().resolve(name);
				return Files.isSymbolicLink(resolved) ? resolved.toRealPath() : resolved;
			}
		}
		catch (IOException ex) {
			// a link that points nowhere, or a folder we cannot read: compare the spelling
		}
		return absolute;
	}

}
