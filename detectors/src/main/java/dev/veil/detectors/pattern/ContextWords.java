package dev.veil.detectors.pattern;

import static java.util.Objects.requireNonNull;

import dev.veil.detectors.custom.AhoCorasick;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Words that, near a candidate, make it more likely to be what a detector looks for ("ssn" before
 * nine digits, "iban" before a bank account). Matching is case-insensitive and on word
 * boundaries, within {@code before} chars before the candidate and {@code after} chars after it;
 * with {@code sameSentence}, the window also stops at the sentence or line the candidate is in.
 */
public record ContextWords(List<String> words, int before, int after, boolean sameSentence) {

    private static final Map<List<String>, AhoCorasick> MATCHERS = new ConcurrentHashMap<>();

    public static final ContextWords NONE = new ContextWords(List.of(), 0, 0);

    public ContextWords(List<String> words, int before, int after) {
        this(words, before, after, false);
    }

    public ContextWords {
        words = words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
        for (String w : words) {
            if (w.isEmpty()) {
                throw new IllegalArgumentException("empty context word");
            }
        }
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

    /** A matcher that tells cheaply whether any of the words occurs anywhere in a text. */
    AhoCorasick anywhere() {
        return matcher();
    }

    /** True if one of the words occurs near {@code [start, end)} in {@code text}. */
    public boolean foundNear(String text, int start, int end) {
        requireNonNull(text, "text");
        if (words.isEmpty()) {
            return false;
        }
        int from = Math.max(0, start - before);
        int to = Math.min(text.length(), end + after);
        if (sameSentence) {
            from = sentenceStart(text, from, start);
            to = sentenceEnd(text, end, to);
        }
        // A context word must not be part of the candidate itself nor of a longer word, also
        // one that the window cuts ("xDL" is no "DL").
        return matcher().anyIn(text, from, to, (i, j) -> j <= start || i >= end);
    }

    /** One matcher per word list, shared by every detector that uses the list. */
    private AhoCorasick matcher() {
        return MATCHERS.computeIfAbsent(words, w -> new AhoCorasick(w, true, true));
    }

    private static int sentenceStart(String text, int from, int start) {
        for (int i = start - 1; i > from; i--) {
            char c = text.charAt(i);
            if ((c == '\n' && !labelLine(text, i)) || (c == ' ' && sentenceEnds(text, i - 1))) {
                return i + 1;
            }
        }
        return from;
    }

    private static int sentenceEnd(String text, int end, int to) {
        for (int i = end; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (sentenceEnds(text, i) && (i + 1 >= text.length() || text.charAt(i + 1) == ' '))) {
                return i;
            }
        }
        return to;
    }

    /** True if the line break at {@code i} ends a label line ("Phone:\n555 0100"), which belongs to the next. */
    private static boolean labelLine(String text, int i) {
        int j = i - 1;
        while (j >= 0 && (text.charAt(j) == ' ' || text.charAt(j) == '\r')) {
            j--;
        }
        return j >= 0 && text.charAt(j) == ':';
    }

    /** True if the char at {@code i} ends a sentence; the dot of "D.O.B." or "Mr." does not. */
    private static boolean sentenceEnds(String text, int i) {
        char c = text.charAt(i);
        if (c == '!' || c == '?' || c == ';') {
            return true;
        }
        return c == '.' && i >= 3 && Character.isLowerCase(text.charAt(i - 1)) && Character.isLowerCase(text.charAt(i - 2))
                && Character.isLowerCase(text.charAt(i - 3)) || c == '.' && i >= 1 && Character.isDigit(text.charAt(i - 1));
    }
}
