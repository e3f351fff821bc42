package dev.veil.detectors.pattern;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * Words that, near a candidate, make it more likely to be what a detector looks for ("ssn" before
 * nine digits, "iban" before a bank account). Matching is case-insensitive and on word
 * boundaries, within {@code before} chars before the candidate and {@code after} chars after it.
 */
public record ContextWords(List<String> words, int before, int after) {

    public static final ContextWords NONE = new ContextWords(List.of(), 0, 0);

    public ContextWords {
        words = words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
        if (before < 0 || after < 0) {
            throw new IllegalArgumentException("context window must not be negative");
        }
    }

    public static ContextWords of(String... words) {
        return new ContextWords(List.of(words), 64, 24);
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }

    /** True if one of the words occurs near {@code [start, end)} in {@code text}. */
    public boolean foundNear(String text, int start, int end) {
        requireNonNull(text, "text");
        if (words.isEmpty()) {
            return false;
        }
        int from = Math.max(0, start - before);
        int to = Math.min(text.length(), end + after);
        String window = text.substring(from, to).toLowerCase(Locale.ROOT);
        int candidateStart = start - from;
        int candidateEnd = end - from;
        for (String word : words) {
            int i = window.indexOf(word);
            while (i >= 0) {
                int j = i + word.length();
                // A context word must not be part of the candidate itself nor of a longer word.
                boolean outside = j <= candidateStart || i >= candidateEnd;
                if (outside && boundary(window, i - 1) && boundary(window, j)) {
                    return true;
                }
                i = window.indexOf(word, i + 1);
            }
        }
        return false;
    }

    private static boolean boundary(String s, int i) {
        return i < 0 || i >= s.length() || !Character.isLetterOrDigit(s.charAt(i));
    }
}
