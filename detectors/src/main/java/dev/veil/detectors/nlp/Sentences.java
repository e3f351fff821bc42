package dev.veil.detectors.nlp;

import java.util.Arrays;
import java.util.Set;

/**
 * Cuts a token sequence into sentence-like segments: after {@code . ! ?} when the next token
 * starts a new sentence, and at every line break (chat, logs, lists and code are line
 * oriented). The models are trained on segments cut the same way.
 *
 * <p>Stateless and thread-safe.
 */
public final class Sentences {

    /** Longer runs are cut so that one pathological line cannot make a segment unbounded. */
    static final int MAX_TOKENS = 120;

    private static final Set<String> ABBREVIATIONS = Set.of(
            "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "St", "Jr", "Sr", "Mt", "Ft", "Gen", "Col", "Capt",
            "Lt", "Sgt", "Rev", "Hon", "Inc", "Ltd", "Co", "Corp", "vs", "etc", "e.g", "i.e", "No");

    private Sentences() {
    }

    /** A title or common abbreviation, or a single capital letter (an initial, as in {@code J. Smith}). */
    static boolean isAbbreviation(String word) {
        if (word.length() == 1) {
            return Character.isUpperCase(word.charAt(0));
        }
        return ABBREVIATIONS.contains(word);
    }

    /**
     * Returns the start index of every segment followed by {@code tokens.size()}, so segment
     * {@code k} is {@code [result[k], result[k + 1])}.
     */
    public static int[] split(Tokens tokens) {
        int n = tokens.size();
        int[] bounds = new int[Math.max(2, n / 8 + 2)];
        int count = 0;
        bounds[count++] = 0;
        int segmentStart = 0;
        String[] words = tokens.words();
        for (int i = 1; i < n; i++) {
            boolean cut = tokens.lineBreakBefore(i) || i - segmentStart >= MAX_TOKENS;
            if (!cut) {
                String prev = words[i - 1];
                if (prev.length() == 1 && (prev.charAt(0) == '.' || prev.charAt(0) == '!' || prev.charAt(0) == '?')) {
                    int cp = words[i].codePointAt(0);
                    cut = !Character.isLowerCase(cp) && !(prev.charAt(0) == '.' && i >= 2 && isAbbreviation(words[i - 2]));
                }
            }
            if (cut) {
                if (count + 1 >= bounds.length) {
                    bounds = Arrays.copyOf(bounds, bounds.length * 2);
                }
                bounds[count++] = i;
                segmentStart = i;
            }
        }
        if (n == 0) {
            return new int[] {0};
        }
        if (count + 1 > bounds.length) {
            bounds = Arrays.copyOf(bounds, count + 1);
        }
        bounds[count++] = n;
        return Arrays.copyOf(bounds, count);
    }
}
