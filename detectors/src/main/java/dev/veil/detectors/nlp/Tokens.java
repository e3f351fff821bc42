package dev.veil.detectors.nlp;

import static java.util.Objects.requireNonNull;

/**
 * The tokens of one text: their strings and their UTF-16 spans in that text, in order. Parallel
 * arrays rather than a list of objects, because the name finder wants a {@code String[]} and the
 * detectors run on every request.
 *
 * @param text   the tokenized text
 * @param words  the token strings, {@code words[i] == text.substring(starts[i], ends[i])}
 * @param starts start offsets (inclusive)
 * @param ends   end offsets (exclusive)
 */
public record Tokens(String text, String[] words, int[] starts, int[] ends) {

    public Tokens {
        requireNonNull(text, "text");
        requireNonNull(words, "words");
        requireNonNull(starts, "starts");
        requireNonNull(ends, "ends");
        if (starts.length != words.length || ends.length != words.length) {
            throw new IllegalArgumentException("words, starts and ends must have the same length");
        }
    }

    public int size() {
        return words.length;
    }

    /** True if a line break lies between token {@code i - 1} and token {@code i}. */
    public boolean lineBreakBefore(int i) {
        if (i <= 0) {
            return false;
        }
        for (int c = ends[i - 1]; c < starts[i]; c++) {
            if (text.charAt(c) == '\n') {
                return true;
            }
        }
        return false;
    }
}
