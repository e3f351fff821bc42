package dev.veil.detectors.secret;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds many short literals in one pass over a text. Each literal is indexed by one pair of
 * adjacent chars, the rarest pair it has ({@code "_l"} of {@code "sk_live_"}, {@code "ky"} of
 * "key"), so that common English pairs ("th", "an", "re") send few positions to a closer look.
 * A bitset of the pairs in use, small enough for the fastest cache, rejects most positions with
 * one look-up. Literals marked case-insensitive match in any ASCII case; the others exactly.
 *
 * <p>Immutable and thread-safe.
 */
final class LiteralIndex {

    /** Receives occurrences: the literal's index and where it starts. */
    interface Sink {
        void found(int literal, int start);
    }

    /** English letters from the most to the least frequent: a pair late in this list is rare. */
    private static final String FREQUENCY = "etaoinshrdlcumwfgypbvkjxqz";
    private static final int KEYS = 128 * 128;

    private final String[] literals;
    private final boolean[] ignoreCase;
    /** Offset in its literal of the pair each literal is indexed by. */
    private final int[] offsets;
    /** Folded keys of every literal: one look-up here rejects most positions. */
    private final long[] anyKeys = new long[KEYS / 64];
    private final long[] exactKeys = new long[KEYS / 64];
    private final long[] foldedKeys = new long[KEYS / 64];
    private final int[][] exact = new int[KEYS][];
    private final int[][] folded = new int[KEYS][];

    LiteralIndex(List<String> literals, List<Boolean> ignoreCase) {
        if (literals.size() != ignoreCase.size()) {
            throw new IllegalArgumentException("one case flag per literal");
        }
        this.literals = literals.toArray(new String[0]);
        this.ignoreCase = new boolean[literals.size()];
        this.offsets = new int[literals.size()];
        List<List<Integer>> exactLists = new ArrayList<>(KEYS);
        List<List<Integer>> foldedLists = new ArrayList<>(KEYS);
        for (int k = 0; k < KEYS; k++) {
            exactLists.add(null);
            foldedLists.add(null);
        }
        for (int i = 0; i < this.literals.length; i++) {
            String s = this.literals[i];
            if (s.length() < 2 || !s.chars().allMatch(c -> c < 128)) {
                throw new IllegalArgumentException("a literal needs two or more ASCII chars: " + s);
            }
            boolean fold = ignoreCase.get(i);
            this.ignoreCase[i] = fold;
            int offset = rarestPair(s);
            offsets[i] = offset;
            char c0 = s.charAt(offset);
            char c1 = s.charAt(offset + 1);
            int key = fold ? key(fold(c0), fold(c1)) : key(c0, c1);
            List<List<Integer>> lists = fold ? foldedLists : exactLists;
            if (lists.get(key) == null) {
                lists.set(key, new ArrayList<>());
            }
            lists.get(key).add(i);
            (fold ? foldedKeys : exactKeys)[key >>> 6] |= 1L << key;
            int any = key(fold(c0), fold(c1));
            anyKeys[any >>> 6] |= 1L << any;
        }
        for (int k = 0; k < KEYS; k++) {
            if (exactLists.get(k) != null) {
                exact[k] = exactLists.get(k).stream().mapToInt(Integer::intValue).toArray();
            }
            if (foldedLists.get(k) != null) {
                folded[k] = foldedLists.get(k).stream().mapToInt(Integer::intValue).toArray();
            }
        }
    }

    /** Calls {@code sink} for every occurrence of every literal in {@code text}, by start. */
    void find(String text, Sink sink) {
        int[] hits = new int[16];
        int size = 0;
        boolean sorted = true;
        int n = text.length() - 1;
        for (int i = 0; i < n; i++) {
            char c0 = text.charAt(i);
            char c1 = text.charAt(i + 1);
            if ((c0 | c1) >= 128) {
                continue;
            }
            int foldedKey = key(fold(c0), fold(c1));
            if ((anyKeys[foldedKey >>> 6] & (1L << foldedKey)) == 0) {
                continue;
            }
            int key = key(c0, c1);
            boolean e = (exactKeys[key >>> 6] & (1L << key)) != 0;
            boolean f = (foldedKeys[foldedKey >>> 6] & (1L << foldedKey)) != 0;
            if (!e && !f) {
                continue;
            }
            for (int pass = 0; pass < 2; pass++) {
                int[] candidates = pass == 0 ? (e ? exact[key] : null) : (f ? folded[foldedKey] : null);
                if (candidates == null) {
                    continue;
                }
                for (int lit : candidates) {
                    int start = i - offsets[lit];
                    if (start >= 0 && matchesAt(text, start, literals[lit], ignoreCase[lit])) {
                        if (size + 2 > hits.length) {
                            hits = Arrays.copyOf(hits, hits.length * 2);
                        }
                        sorted &= size == 0 || hits[size - 1] <= start;
                        hits[size++] = lit;
                        hits[size++] = start;
                    }
                }
            }
        }
        if (!sorted) {
            sortByStart(hits, size);
        }
        for (int h = 0; h < size; h += 2) {
            sink.found(hits[h], hits[h + 1]);
        }
    }

    /** Insertion sort of (literal, start) pairs by start: hits are few and nearly in order. */
    private static void sortByStart(int[] hits, int size) {
        for (int i = 2; i < size; i += 2) {
            int lit = hits[i];
            int start = hits[i + 1];
            int j = i - 2;
            while (j >= 0 && hits[j + 1] > start) {
                hits[j + 2] = hits[j];
                hits[j + 3] = hits[j + 1];
                j -= 2;
            }
            hits[j + 2] = lit;
            hits[j + 3] = start;
        }
    }

    private static boolean matchesAt(String text, int at, String literal, boolean ignoreCase) {
        int n = literal.length();
        if (at + n > text.length()) {
            return false;
        }
        for (int j = 0; j < n; j++) {
            char c = text.charAt(at + j);
            char l = literal.charAt(j);
            if (c != l && !(ignoreCase && fold(c) == fold(l))) {
                return false;
            }
        }
        return true;
    }

    /** The offset of the pair of {@code s} least likely to occur in English text. */
    private static int rarestPair(String s) {
        int best = 0;
        int bestScore = -1;
        for (int i = 0; i + 1 < s.length(); i++) {
            int score = rarity(s.charAt(i)) + rarity(s.charAt(i + 1));
            if (score > bestScore) {
                best = i;
                bestScore = score;
            }
        }
        return best;
    }

    /** 0 for 'e' up to 25 for 'z'; other chars (digits, punctuation, capitals as such) are rarer. */
    private static int rarity(char c) {
        int r = FREQUENCY.indexOf(fold(c));
        if (r < 0) {
            return c == ' ' ? 0 : 30;
        }
        return Character.isUpperCase(c) ? r + 8 : r;
    }

    private static int key(int c0, int c1) {
        return (c0 << 7) | c1;
    }

    private static int fold(char c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
