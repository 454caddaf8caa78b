package com.example.intune.statusimport.graph;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.files.PrivateFiles;

/**
 * Listed statuses that do not fit the heap's share, kept on disk until their row comes: a file in another order than
 * Graph's list (sorted by device or user name, as exports are) then still costs one read per page, not one per row.
 * <p>
 * The statuses hold people's names, so they live in an owner-only folder of their own under the temporary folder,
 * named by this process, which is removed when the run ends; a folder left by a process that is gone (a kill -9) is
 * removed by the next run that spills. H2's MVStore (already here for the job store) writes them out as they come,
 * keeping only a small cache on the heap. Listings read side by side put into it at once, hence its locks.
 */
final class StatusSpill implements AutoCloseable {

	private static final String PREFIX = "device-status-import-listings-";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The properties kept, in this order after the id. */
	private static final List<DeviceStatusProperty> KEPT = java.util.Arrays.stream(DeviceStatusProperty.values())
		.filter(property -> !property.isKey())
		.toList();

	private final Path folder;

	private final MVStore store;

	private final MVMap<String, String> statuses;

	private StatusSpill(Path folder, MVStore store) {
		this.folder = folder;
		this.store = store;
		this.statuses = store.openMap("statuses");
	}

	/** A spill in a new owner-only folder under {@code parent}, after removing those of processes that are gone. */
	static StatusSpill open(Path parent) {
		Path folder = null;
		try {
			folder = PrivateFiles.createTempFolder(parent, PREFIX + ProcessHandle.current().pid() + "-");
			removeLeftBehind(parent, folder);
			Path file = folder.resolve("statuses.mv");
			PrivateFiles.createEmpty(file, "the statuses listed beyond the heap's share");
			// a failure in H2's background writer comes back at the next put, with this class's message
			MVStore store = new MVStore.Builder().fileName(file.toString())
				.cacheSize(4)
				.backgroundExceptionHandler((thread, ex) -> {
				})
				.open();
			return new StatusSpill(folder, store);
		}
		catch (IOException | RuntimeException ex) {
			if (folder != null) {
				deleteFolder(folder);
			}
			throw cannotKeep(parent, ex);
		}
	}

	/** Stops the run (exit 3) naming the temporary folder, not the job store, and what to do. */
	private static GraphFatalException cannotKeep(Path where, Exception ex) {
		String cause = firstLine(ex);
		boolean noFolder = cause.equals("no such folder") || cause.equals("permission denied");
		return new GraphFatalException("The statuses listed beyond a quarter of the heap cannot be kept in " + where
				+ ": " + cause + "." + (noFolder ? " Give" : " Free room there, give") + " Java another temporary folder"
				+ " (JAVA_TOOL_OPTIONS=-Djava.io.tmpdir=/PATH), or more heap (JAVA_TOOL_OPTIONS=-Xmx2g) so that fewer"
				+ " wait on disk; then run the same command again.");
	}

	private static String firstLine(Throwable ex) {
		Throwable innermost = ex;
		while (innermost.getCause() != null && innermost.getCause() != innermost) {
			innermost = innermost.getCause();
		}
		if (innermost instanceof NoSuchFileException) {
			return "no such folder";
		}
		if (innermost instanceof AccessDeniedException) {
			return "permission denied";
		}
		String message = innermost.getMessage() == null ? innermost.getClass().getSimpleName() : innermost.getMessage();
		return message.lines().findFirst().orElse(message);
	}

	/** Keeps {@code status} under {@code key} (its listing's and its own). */
	synchronized void put(String key, LiveStatus status) {
		ArrayNode values = JSON.createArrayNode().add(status.id());
		KEPT.forEach(property -> values.add(status.values().get(property)));
		try {
			this.statuses.put(key, values.toString());
		}
		catch (MVStoreException ex) {
			throw cannotKeep(this.folder, ex);
		}
	}

	/**
	 * The status kept under {@code key}. It stays on disk, where removing it would rewrite a page of the file for
	 * every row (the file grew past 1 GB for 1,000,000 shuffled rows); a run asks for each status once, since a second
	 * row for it is a duplicate, and the whole file goes when the run ends.
	 */
	synchronized Optional<LiveStatus> take(String key, String configurationId) {
		String kept;
		try {
			kept = this.statuses.get(key);
		}
		catch (MVStoreException ex) {
			throw cannotKeep(this.folder, ex);
		}
		if (kept == null) {
			return Optional.empty();
		}
		JsonNode values = JSON.readTree(kept);
		Map<DeviceStatusProperty, String> read = new HashMap<>();
		for (int i = 0; i < KEPT.size(); i++) {
			JsonNode value = values.get(i + 1);
			if (!value.isNull()) {
				read.put(KEPT.get(i), value.asString());
			}
		}
		return Optional.of(new LiveStatus(configurationId, values.get(0).asString(null), read));
	}

	/** Statuses kept, handed out or not. */
	synchronized long size() {
		return this.statuses.sizeAsLong();
	}

	Path folder() {
		return this.folder;
	}

	@Override
	public synchronized void close() {
		this.store.closeImmediately();
		deleteFolder(this.folder);
	}

	/**
	 * Removes the folders of this user's processes that are gone; a link or another user's folder stays. A folder
	 * named with this process's own number is not this run's (a container's process often has the same number at every
	 * start), so it is gone too.
	 */
	private static void removeLeftBehind(Path parent, Path ours) {
		long us = ProcessHandle.current().pid();
		try (DirectoryStream<Path> folders = Files.newDirectoryStream(parent, PREFIX + "*")) {
			UserPrincipal owner = Files.getOwner(ours, LinkOption.NOFOLLOW_LINKS);
			for (Path folder : folders) {
				String pid = folder.getFileName().toString().substring(PREFIX.length()).replaceAll("-.*", "");
				if (!folder.equals(ours) && pid.matches("[0-9]{1,18}")
						&& (Long.parseLong(pid) == us || ProcessHandle.of(Long.parseLong(pid)).isEmpty())
						&& Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
						&& owner.equals(Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS))) {
					deleteFolder(folder);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// nothing of ours can be removed there; each run removes its own folder when it ends
		}
	}

	private static void deleteFolder(Path folder) {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
			for (Path file : files) {
				Files.deleteIfExists(file);
			}
			Files.deleteIfExists(folder);
		}
		catch (IOException ex) {
			// already gone, or held open: the next run that spills tries again
		}
	}

}
