package com.example.intune.statusimport.files;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * Creates and writes the job's files for their owner only (0600, folders 0700), since they hold people's names and
 * UPNs, without ever following a symbolic link: a link at the path is refused, and a whole file is written beside
 * and then moved into place, which replaces whatever was there rather than writing through it.
 */
public final class PrivateFiles {

	private static final boolean POSIX = java.nio.file.FileSystems.getDefault()
		.supportedFileAttributeViews()
		.contains("posix");

	private PrivateFiles() {
	}

	/** Creates the missing folders of {@code folder}, owner-only; folders that exist are left as they are. */
	public static void createFolders(Path folder) throws IOException {
		Path absolute = folder.toAbsolutePath();
		if (Files.isDirectory(absolute)) {
			return;
		}
		Path parent = absolute.getParent();
		if (parent != null) {
			createFolders(parent);
		}
		try {
			Files.createDirectory(absolute, ownerOnly(true));
		}
		catch (FileAlreadyExistsException ex) {
			// made meanwhile by someone else, or a file: the caller's next step says which
		}
	}

	/** @throws UnsafeFileException when {@code path} is a symbolic link or exists and is not a regular file */
	public static void refuseUnsafe(Path path, String what) {
		if (Files.isSymbolicLink(path)) {
			throw new UnsafeFileException(what + " " + path + " is a symbolic link; the job does not write through"
					+ " links. Give the path of a regular file, or remove the link.");
		}
		if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
			throw new UnsafeFileException(what + " " + path + " is not a regular file (a folder, a pipe or a device);"
					+ " give the path of a file.");
		}
	}

	/**
	 * Writes {@code content} as the whole file: written beside it, owner-only, flushed to the disk, then moved into
	 * place. A reader never sees half a file, and a link at the path is refused.
	 */
	public static void writeWhole(Path path, byte[] content, String what) throws IOException {
		writeWhole(path, out -> out.write(content), what);
	}

	/** What a whole file holds, written to a stream: a file too large to hold in memory first (a workbook). */
	@FunctionalInterface
	public interface Content {

		void writeTo(OutputStream out) throws IOException;

	}

	/**
	 * Writes {@code content} as the whole file, as {@link #writeWhole(Path, byte[], String)} does, streaming: the
	 * file is never held in memory.
	 */
	public static void writeWhole(Path path, Content content, String what) throws IOException {
		refuseUnsafe(path, what);
		Path absolute = path.toAbsolutePath();
		createFolders(absolute.getParent());
		Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
		try {
			try (FileChannel channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE), ownerOnly(false))) {
				OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
				content.writeTo(unclosable(out));
				out.flush();
				channel.force(true);
			}
			Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/**
	 * Creates the file holding {@code content}, owner-only, only where no file is: the one step that both checks and
	 * creates, so that a file made meanwhile by another run (or a link put there) is never written over.
	 * @throws FileAlreadyExistsException when anything, a link included, is at the path
	 */
	public static void createNew(Path path, byte[] content, String what) throws IOException {
		refuseUnsafe(path, what);
		Path absolute = path.toAbsolutePath();
		createFolders(absolute.getParent());
		try (FileChannel channel = FileChannel.open(absolute, Set.of(StandardOpenOption.CREATE_NEW,
				StandardOpenOption.WRITE), ownerOnly(false))) {
			for (java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(content); bytes.hasRemaining();) {
				channel.write(bytes);
			}
			channel.force(true);
		}
	}

	/** A writer of the content (a library writing a zip) may close the stream; the file is forced to disk after. */
	private static OutputStream unclosable(OutputStream out) {
		return new FilterOutputStream(out) {

			@Override
			public void write(byte[] bytes, int offset, int length) throws IOException {
				out.write(bytes, offset, length);
			}

			@Override
			public void close() throws IOException {
				out.flush();
			}

		};
	}

	/**
	 * Creates an empty owner-only file unless one exists, whose permissions are then narrowed to its owner (a job
	 * store made by an earlier version was readable by all); a link or a non-file at the path is refused.
	 */
	public static void createEmpty(Path path, String what) throws IOException {
		refuseUnsafe(path, what);
		try {
			Files.createFile(path, ownerOnly(false));
		}
		catch (FileAlreadyExistsException ex) {
			refuseUnsafe(path, what);
			if (POSIX) {
				Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
				if (permissions.removeIf(permission -> !permission.name().startsWith("OWNER_"))) {
					Files.setPosixFilePermissions(path, permissions);
				}
			}
		}
	}

	/** A new owner-only folder in {@code parent}, its name {@code prefix} and random characters. */
	public static Path createTempFolder(Path parent, String prefix) throws IOException {
		return Files.createTempDirectory(parent, prefix, ownerOnly(true));
	}

	/** Opens an existing regular file for writing without following a link. */
	public static FileChannel openForWriting(Path path, String what) throws IOException {
		refuseUnsafe(path, what);
		return FileChannel.open(path, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
	}

	/** Owner-only permissions where the file system has them (not on Windows, where the profile folder protects). */
	private static FileAttribute<?>[] ownerOnly(boolean folder) {
		if (!POSIX) {
			return new FileAttribute<?>[0];
		}
		Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(folder ? "rwx------" : "rw-------");
		return new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(permissions) };
	}

}
