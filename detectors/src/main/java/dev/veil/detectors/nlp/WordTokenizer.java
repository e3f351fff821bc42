package dev.veil.detectors.nlp;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * Splits text into words and punctuation, keeping each token's UTF-16 span.
 *
 * <p>Rules, chosen for names in chat and technical text: letters and digits form words; an
 * apostrophe, hyphen, period or underscore between two word characters stays inside the word
 * ({@code O'Brien}, {@code Jean-Pierre}, {@code 3.14}, {@code user_id}), except that a trailing
 * possessive {@code 's} is split off so that {@code Anna's} yields the name {@code Anna}; an
 * e-mail address or URL is one token; any other character is a token of its own.
 *
 * <p>Stateless and thread-safe. The training tool uses this class too, so the models see the
 * same tokens at training and at run time.
 */
public final class WordTokenizer {

    private WordTokenizer() {
    }

    public static Tokens tokenize(String text) {
        requireNonNull(text, "text");
        int n = text.length();
        int capacity = Math.max(16, n / 4);
        String[] words = new String[capacity];
        int[] starts = new int[capacity];
        int[] ends = new int[capacity];
        int count = 0;
        int i = 0;
        // The whitespace-delimited chunk around i, found once per chunk: scanning it again for every
        // token inside would make a long run of punctuation quadratic.
        int chunkEnd = -1;
        int[] chunkSpan = null;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (isSpace(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            if (i >= chunkEnd) {
                chunkEnd = chunkEnd(text, i);
                chunkSpan = wholeChunkToken(text, i, chunkEnd);
            }
            int[] span = chunkSpan != null && i < chunkSpan[1] ? chunkSpan : null;
            int start;
            int end;
            if (span != null) {
                // Leading punctuation of an e-mail/URL chunk, then the address itself.
                if (span[0] > i) {
                    start = i;
                    end = i + Character.charCount(cp);
                } else {
                    start = span[0];
                    end = span[1];
                }
            } else if (isWordChar(cp)) {
                start = i;
                end = wordEnd(text, i, chunkEnd);
            } else {
                start = i;
                end = i + Character.charCount(cp);
            }
            if (count == words.length) {
                int grown = count * 2;
                words = Arrays.copyOf(words, grown);
                starts = Arrays.copyOf(starts, grown);
                ends = Arrays.copyOf(ends, grown);
            }
            words[count] = text.substring(start, end);
            starts[count] = start;
            ends[count] = end;
            count++;
            i = end;
        }
        return new Tokens(text, Arrays.copyOf(words, count), Arrays.copyOf(starts, count),
                Arrays.copyOf(ends, count));
    }

    private static int chunkEnd(String text, int from) {
        int i = from;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            if (isSpace(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    /**
     * If the whitespace-delimited chunk holds an e-mail address or URL, returns its span without
     * surrounding punctuation; otherwise null.
     */
    private static int[] wholeChunkToken(String text, int from, int to) {
        boolean address = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '@' || (c == ':' && i + 2 < to && text.charAt(i + 1) == '/' && text.charAt(i + 2) == '/')) {
                address = true;
                break;
            }
        }
        if (!address) {
            return null;
        }
        int start = from;
        int end = to;
        while (start < end && isEdgePunctuation(text.charAt(start))) {
            start++;
        }
        while (end > start && isEdgePunctuation(text.charAt(end - 1))) {
            end--;
        }
        return end > start ? new int[] {start, end} : null;
    }

    private static boolean isEdgePunctuation(char c) {
        return "()[]{}<>\"'`,.;:!?*".indexOf(c) >= 0;
    }

    private static int wordEnd(String text, int from, int limit) {
        int i = from;
        while (i < limit) {
            int cp = text.codePointAt(i);
            if (isWordChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            if (isJoiner(cp) && i + 1 < limit && i > from) {
                int next = text.codePointAt(i + 1);
                if (isWordChar(next)) {
                    if (isApostrophe(cp) && isPossessiveS(text, i + 1, limit)) {
                        return i;
                    }
                    i += 1;
                    continue;
                }
            }
            break;
        }
        return i;
    }

    /** True if {@code s} or {@code S} at {@code i} ends the word (the {@code 's} of a possessive). */
    private static boolean isPossessiveS(String text, int i, int limit) {
        char c = text.charAt(i);
        if (c != 's' && c != 'S') {
            return false;
        }
        return i + 1 >= limit || !isWordChar(text.codePointAt(i + 1));
    }

    private static boolean isJoiner(int cp) {
        return cp == '-' || cp == '.' || cp == '_' || isApostrophe(cp);
    }

    private static boolean isApostrophe(int cp) {
        return cp == '\'' || cp == '\u2019';
    }

    static boolean isWordChar(int cp) {
        return cp < ASCII ? ASCII_WORD[cp] : isWordCharInUnicode(cp);
    }

    /** True for a character between tokens: white space, a space separator, or an invisible joiner. */
    static boolean isSpace(int cp) {
        return cp < ASCII ? ASCII_SPACE[cp] : isSpaceInUnicode(cp);
    }

    // Most chat text is ASCII: one array read per character instead of three or four look-ups in
    // the Unicode tables. The arrays are filled from the Unicode definitions below, so the
    // tokens are the same either way.
    private static final int ASCII = 128;
    private static final boolean[] ASCII_WORD = new boolean[ASCII];
    private static final boolean[] ASCII_SPACE = new boolean[ASCII];

    static {
        for (int c = 0; c < ASCII; c++) {
            ASCII_WORD[c] = isWordCharInUnicode(c);
            ASCII_SPACE[c] = isSpaceInUnicode(c);
        }
    }

    static boolean isWordCharInUnicode(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    static boolean isSpaceInUnicode(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || isInvisible(cp);
    }

    private static boolean isInvisible(int cp) {
        return cp == '\u200B' || cp == '\u200C' || cp == '\u200D' || cp == '\uFEFF';
    }
}
