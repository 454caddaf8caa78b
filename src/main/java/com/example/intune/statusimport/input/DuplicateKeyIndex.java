package com.example.intune.statusimport.input;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Remembers the line of the first row for each (deviceConfigurationId, id) pair. A key is kept as a 64-bit digest and
 * a line number, 12 bytes in an open-addressing table, so memory grows with the number of rows and not with their
 * length: a million rows take about 24 MB. Two different keys share a digest with a probability near 3e-8 in a
 * million-row file; such a row would be reported as a duplicate, never lost.
 */
final class DuplicateKeyIndex {

	private static final double MAX_LOAD = 0.6;

	private final MessageDigest sha256;

	private long[] keys = new long[1 << 12];

	private int[] lines = new int[1 << 12];

	private int size;

	DuplicateKeyIndex() {
		try {
			this.sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/**
	 * Records the pair at the given line unless it was seen before.
	 * @return the line where the pair was first seen, or 0 if this is its first occurrence
	 */
	long firstLineOf(String deviceConfigurationId, String id, long line) {
		long key = digest(deviceConfigurationId, id);
		int mask = this.keys.length - 1;
		int slot = (int) (mix(key) & mask);
		while (this.keys[slot] != 0) {
			if (this.keys[slot] == key) {
				return this.lines[slot];
			}
			slot = (slot + 1) & mask;
		}
		this.keys[slot] = key;
		this.lines[slot] = (int) Math.min(line, Integer.MAX_VALUE);
		if (++this.size > this.keys.length * MAX_LOAD) {
			grow();
		}
		return 0;
	}

	void clear() {
		Arrays.fill(this.keys, 0);
		Arrays.fill(this.lines, 0);
		this.size = 0;
	}

	private long digest(String deviceConfigurationId, String id) {
		this.sha256.reset();
		this.sha256.update(deviceConfigurationId.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
		this.sha256.update((byte) '/');
		byte[] hash = this.sha256.digest(id.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
		long value = 0;
		for (int i = 0; i < 8; i++) {
			value = (value << 8) | (hash[i] & 0xff);
		}
		return value == 0 ? 1 : value; // 0 marks an empty slot
	}

	private static long mix(long key) {
		return key ^ (key >>> 29);
	}

	private void grow() {
		long[] oldKeys = this.keys;
		int[] oldLines = this.lines;
		this.keys = new long[oldKeys.length * 2];
		this.lines = new int[oldLines.length * 2];
		int mask = this.keys.length - 1;
		for (int i = 0; i < oldKeys.length; i++) {
			if (oldKeys[i] != 0) {
				int slot = (int) (mix(oldKeys[i]) & mask);
				while (this.keys[slot] != 0) {
					slot = (slot + 1) & mask;
				}
				this.keys[slot] = oldKeys[i];
				this.lines[slot] = oldLines[i];
			}
		}
	}

}
