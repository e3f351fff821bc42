package dev.veil.detectors.secret;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds a few key words in any letter case in one pass over a text: a table indexed by the first
 * two chars (ASCII, folded to lower case) tells at each position which words can start there, so
 * a text costs one look-up per char.
 *
 * <p>Immutable and thread-safe.
 */
final class Keywords {

    /** Receives occurrences: {@code [start, end)} and the index of the word found. */
    interface Sink {
        void found(int start, int end, int word);
    }

    private final String[] words;
    private final int[][] byKey = new int[128 * 128][];
    /** One bit per two-char key that begins a word: small enough to stay in the fastest cache. */
    private final long[] starts = new long[128 * 128 / 64];

    Keywords(List<String> words) {
        this.words = new String[words.size()];
        List<List<Integer>> lists = new ArrayList<>();
        for (int i = 0; i < 128 * 128; i++) {
            lists.add(null);
        }
        for (int w = 0; w < words.size(); w++) {
            String word = words.get(w).toLowerCase(Locale.ROOT);
            if (word.length() < 2 || word.charAt(0) >= 128 || word.charAt(1) >= 128) {
                throw new IllegalArgumentException("a key word needs two ASCII chars first: " + word);
            }
            this.words[w] = word;
            int key = (word.charAt(0) << 7) | word.charAt(1);
            if (lists.get(key) == null) {
                lists.set(key, new ArrayList<>());
            }
            lists.get(key).add(w);
        }
        for (int k = 0; k < lists.size(); k++) {
            if (lists.get(k) != null) {
                byKey[k] = lists.get(k).stream().mapToInt(Integer::intValue).toArray();
                starts[k >>> 6] |= 1L << k;
            }
        }
    }

    /** Calls {@code sink} for every occurrence of every word in {@code text}, in text order. */
    void find(String text, Sink sink) {
        int n = text.length() - 1;
        for (int i = 0; i < n; i++) {
            char c0 = text.charAt(i);
            char c1 = text.charAt(i + 1);
            if ((c0 | c1) >= 128) {
                continue;
            }
            int key = (fold(c0) << 7) | fold(c1);
            if ((starts[key >>> 6] & (1L << key)) == 0) {
                continue;
            }
            int[] candidates = byKey[key];
            for (int w : candidates) {
                String word = words[w];
                if (matchesAt(text, i, word)) {
                    sink.found(i, i + word.length(), w);
                }
            }
        }
    }



    /** True if lower-case {@code word} is at {@code i} in any ASCII case; the first two chars are known to match. */
    private static boolean matchesAt(String text, int i, String word) {
        int n = word.length();
        if (i + n > text.length()) {
            return false;
        }
        for (int j = 2; j < n; j++) {
            if (fold(text.charAt(i + j)) != word.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    private static int fold(char c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
