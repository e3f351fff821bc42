package dev.veil.detectors.nlp;

import java.util.Locale;
import java.util.Map;

/**
 * An open-addressing table from lower-case words to numbers, looked up with a word in any case
 * without making its lower-case copy: the name and topic detectors ask about every word of every
 * text, and the copies and their hash codes cost more than the look-ups. A key with capitals is
 * never found.
 *
 * <p>Immutable and thread-safe.
 */
final class WordTable {

    /** What {@link #find} returns for a word the table does not hold. */
    static final int MISSING = -1;

    private final String[] keys;
    private final int[] hashes;
    private final int[] values;
    private final int mask;

    /** @param entries lower-case words and their numbers, none of them {@link #MISSING} */
    WordTable(Map<String, Integer> entries) {
        int capacity = Integer.highestOneBit(Math.max(16, entries.size() * 2)) * 2;
        this.keys = new String[capacity];
        this.hashes = new int[capacity];
        this.values = new int[capacity];
        this.mask = capacity - 1;
        entries.forEach((word, value) -> {
            if (value == MISSING) {
                throw new IllegalArgumentException("a word's number must not be " + MISSING);
            }
            int h = word.hashCode();
            int slot = spread(h) & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = word;
            hashes[slot] = h;
            values[slot] = value;
        });
    }

    /** The number of a word in any case, or {@link #MISSING}. */
    int find(String word) {
        int h = 0;
        for (int i = 0, n = word.length(); i < n; i++) {
            char lower = fold(word.charAt(i));
            if (lower == 0) {
                // Lower-cased by String rules that look at more than one char (a dotted capital
                // I, a final sigma, a pair of surrogates): the slow way, exactly.
                return findLowerCase(word.toLowerCase(Locale.ROOT));
            }
            h = 31 * h + lower;
        }
        for (int slot = spread(h) & mask; keys[slot] != null; slot = (slot + 1) & mask) {
            if (hashes[slot] == h && sameFolded(keys[slot], word)) {
                return values[slot];
            }
        }
        return MISSING;
    }

    private int findLowerCase(String lowerCaseWord) {
        int h = lowerCaseWord.hashCode();
        for (int slot = spread(h) & mask; keys[slot] != null; slot = (slot + 1) & mask) {
            if (hashes[slot] == h && keys[slot].equals(lowerCaseWord)) {
                return values[slot];
            }
        }
        return MISSING;
    }

    private static boolean sameFolded(String lowerCaseKey, String word) {
        int n = word.length();
        if (lowerCaseKey.length() != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (lowerCaseKey.charAt(i) != fold(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The lower case of one char as {@code String.toLowerCase(Locale.ROOT)} gives it, or 0 where that depends on more. */
    static char fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        if (c == '\u0130' || c == '\u03A3' || Character.isSurrogate(c)) {
            return 0;
        }
        return (char) Character.toLowerCase((int) c);
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
