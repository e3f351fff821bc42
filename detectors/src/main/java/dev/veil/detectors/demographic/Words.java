package dev.veil.detectors.demographic;

import java.util.Locale;
import java.util.Set;

/**
 * Reads the words next to a position of a text, for the context rules of this package. A word is
 * a run of letters, with apostrophes inside ("I'm", "Jehovah's"); nothing here looks further than
 * the next or previous word, so every rule costs a few chars per candidate.
 */
final class Words {

    /** A word of a text: {@code [start, end)}. */
    record Word(int start, int end) {

        String in(String text) {
            return text.substring(start, end);
        }

        /** The word in lower case, with typographic apostrophes made plain. */
        String lower(String text) {
            return in(text).toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        }

        boolean in(String text, Set<String> lowerCaseWords) {
            return lowerCaseWords.contains(lower(text));
        }

        boolean capitalised(String text) {
            return Character.isUpperCase(text.charAt(start));
        }
    }

    private Words() {
    }

    static boolean isWordChar(char c) {
        return Character.isLetter(c) || c == '\'' || c == '\u2019';
    }

    /**
     * The word that ends at {@code i} or before it with only spaces or tabs between, or null when
     * there is none (the text starts there, or something else than a space comes first).
     */
    static Word before(String text, int i) {
        int end = i;
        while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        int start = end;
        while (start > 0 && isWordChar(text.charAt(start - 1))) {
            start--;
        }
        return start < end && isWordChar(text.charAt(start)) ? new Word(start, end) : null;
    }

    /**
     * The word that starts at {@code i} or after it with only spaces or tabs between, or after one
     * hyphen ("Nigerian-born"); null when something else comes first.
     */
    static Word after(String text, int i) {
        int start = i;
        int n = text.length();
        if (start < n && text.charAt(start) == '-') {
            start++;
        } else {
            while (start < n && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
                start++;
            }
        }
        int end = start;
        while (end < n && isWordChar(text.charAt(end))) {
            end++;
        }
        return end > start && Character.isLetter(text.charAt(start)) ? new Word(start, end) : null;
    }

    /**
     * True if a clause ends at {@code i}: the end of the text, or after optional spaces a
     * punctuation mark or a line break.
     */
    static boolean clauseEndsAt(String text, int i) {
        int j = i;
        while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
            j++;
        }
        if (j >= text.length()) {
            return true;
        }
        return ".,;:!?)]\"\r\n".indexOf(text.charAt(j)) >= 0 || text.charAt(j) == '\u201D';
    }
}
