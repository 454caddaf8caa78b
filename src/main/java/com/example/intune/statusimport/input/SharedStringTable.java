package com.example.intune.statusimport.input;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A workbook's shared strings (Excel keeps every text cell's text in one table and the cell holds its number), kept
 * in temporary files instead of the heap. A million-row workbook holds millions of distinct strings (ids, names):
 * POI's {@code ReadOnlySharedStringsTable} held 4,000,869 of them in 280 MB and ran out of a 256 MB heap, where a
 * CSV of the same rows reads in a few MB. Here the strings are written once, as UTF-8, to one file and their
 * positions to another, and read back through memory maps, which take no heap.
 * <p>
 * The files are owner-only (they hold people's names) and opened to be deleted on close, which on Linux and macOS
 * removes their names at once: nothing is left behind by a crash. Their space is freed when the maps are collected.
 */
final class SharedStringTable implements Closeable {

	/** The largest part of a file one map can cover; a string never straddles two. */
	private static final long SEGMENT = 1L << 30;

	/** A string's position is packed with its length in bytes: a cell holds fewer than 2^24 (see {@link #LIMIT}). */
	private static final int LENGTH_BITS = 24;

	/** The characters kept of a string, plus one that marks it too long for a row (the row is refused for it). */
	static final int LIMIT = com.example.intune.statusimport.fileformat.DelimitedRecords.MAX_RECORD_CHARS;

	private final List<ByteBuffer> data;

	private final List<ByteBuffer> positions;

	private final long size;

	private SharedStringTable(List<ByteBuffer> data, List<ByteBuffer> positions, long size) {
		this.data = data;
		this.positions = positions;
		this.size = size;
	}

	static SharedStringTable empty() {
		return new SharedStringTable(new ArrayList<>(), new ArrayList<>(), 0);
	}

	/** Reads the shared strings part ({@code <sst>}) to its end. */
	static SharedStringTable read(InputStream part) throws IOException, XMLStreamException {
		Path dataFile = Files.createTempFile("device-status-import-strings", ".tmp");
		Path positionsFile = Files.createTempFile("device-status-import-strings", ".idx");
		try (FileChannel dataChannel = openDeletedOnClose(dataFile);
				FileChannel positionsChannel = openDeletedOnClose(positionsFile)) {
			long count = 0;
			long end = 0;
			OutputStream dataOut = new BufferedOutputStream(Channels.newOutputStream(dataChannel), 1 << 16);
			DataOutputStream positionsOut = new DataOutputStream(
					new BufferedOutputStream(Channels.newOutputStream(positionsChannel), 1 << 16));
			XMLStreamReader reader = SheetXml.open(part);
			try {
				while (reader.hasNext()) {
					if (reader.next() == XMLStreamConstants.START_ELEMENT && "si".equals(reader.getLocalName())) {
						byte[] bytes = SheetXml.richText(reader, LIMIT).getBytes(StandardCharsets.UTF_8);
						if (end % SEGMENT + bytes.length > SEGMENT) {
							long padding = SEGMENT - end % SEGMENT;
							dataOut.write(new byte[(int) padding]);
							end += padding;
						}
						dataOut.write(bytes);
						positionsOut.writeLong(end << LENGTH_BITS | bytes.length);
						end += bytes.length;
						count++;
					}
				}
			}
			finally {
				reader.close();
			}
			dataOut.flush();
			positionsOut.flush();
			return new SharedStringTable(map(dataChannel, end), map(positionsChannel, count * Long.BYTES), count);
		}
		finally {
			// on systems where the open above did not remove them, or when it failed
			Files.deleteIfExists(dataFile);
			Files.deleteIfExists(positionsFile);
		}
	}

	private static FileChannel openDeletedOnClose(Path file) throws IOException {
		return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
				StandardOpenOption.DELETE_ON_CLOSE);
	}

	private static List<ByteBuffer> map(FileChannel channel, long length) throws IOException {
		List<ByteBuffer> maps = new ArrayList<>();
		for (long start = 0; start < length; start += SEGMENT) {
			maps.add(channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(SEGMENT, length - start)));
		}
		return maps;
	}

	long size() {
		return this.size;
	}

	/** The string with this number; {@code null} when the table has none such (a damaged workbook). */
	String get(long index) {
		if (index < 0 || index >= this.size) {
			return null;
		}
		long at = index * Long.BYTES;
		long entry = this.positions.get((int) (at / SEGMENT)).getLong((int) (at % SEGMENT));
		long start = entry >>> LENGTH_BITS;
		byte[] bytes = new byte[(int) (entry & ((1 << LENGTH_BITS) - 1))];
		if (bytes.length > 0) {
			this.data.get((int) (start / SEGMENT)).get((int) (start % SEGMENT), bytes);
		}
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/** Drops the maps; the files' space returns once the collector has released them. */
	@Override
	public void close() {
		this.data.clear();
		this.positions.clear();
	}

}
