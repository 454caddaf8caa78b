package com.example.intune.statusimport.input;

import java.util.Arrays;

/**
 * Remembers the line of the first row for each (deviceConfigurationId, id) pair. A key is kept as a 64-bit hash and
 * a line number, 12 bytes in an open-addressing table, so memory grows with the number of rows and not with their
 * length: a million rows take about 24 MB. Two different keys share a digest with a probability near 3e-8 in a
 * million-row file; such a row would be reported as a duplicate, never lost.
 */
final class DuplicateKeyIndex {

	private static final double MAX_LOAD = 0.6;

	private long[] keys = new long[1 << 12];

	private int[] lines = new int[1 << 12];

	private int size;

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

	/**
	 * A 64-bit hash of the lower-cased pair: two multiply-xorshift lanes over the characters, combined. Not
	 * cryptographic, and it need not be: ids come from the user's own file, and a collision only reports a row as a
	 * duplicate (never loses it).
	 */
	private static long digest(String deviceConfigurationId, String id) {
		long h = 0x9E3779B97F4A7C15L;
		h = feed(h, deviceConfigurationId.strip());
		h = (h ^ '/') * 0xBF58476D1CE4E5B9L;
		h = feed(h, id.strip());
		h ^= h >>> 31;
		h *= 0x94D049BB133111EBL;
		h ^= h >>> 29;
		return h == 0 ? 1 : h; // 0 marks an empty slot
	}

	private static long feed(long hash, String text) {
		long h = hash;
		for (int i = 0; i < text.length(); i++) {
			h = (h ^ Character.toLowerCase(text.charAt(i))) * 0x100000001B3L;
			h ^= h >>> 32;
		}
		return h * 0xFF51AFD7ED558CCDL;
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
