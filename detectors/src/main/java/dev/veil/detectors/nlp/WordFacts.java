package dev.veil.detectors.nlp;

import java.util.Locale;

/**
 * What the gazetteer knows about each word of one text, looked up at most once per word: the
 * name rules ask about the same word several times, and each question would otherwise lower-case
 * it and probe up to four sets again.
 *
 * <p>Not thread-safe: made for one call of a detector.
 */
final class WordFacts {

    private static final int DONE = 1;
    private static final int FIRST = 2;
    private static final int LAST = 4;
    private static final int PLACE = 8;
    private static final int COMMON = 16;

    private final Gazetteer gazetteer;
    private final String[] words;
    private final String[] lower;
    private final int[] bits;

    WordFacts(Gazetteer gazetteer, String[] words) {
        this.gazetteer = gazetteer;
        this.words = words;
        this.lower = new String[words.length];
        this.bits = new int[words.length];
    }

    String lower(int i) {
        String l = lower[i];
        if (l == null) {
            l = words[i].toLowerCase(Locale.ROOT);
            lower[i] = l;
        }
        return l;
    }

    private int bits(int i) {
        int b = bits[i];
        if (b == 0) {
            String l = lower(i);
            b = DONE;
            if (gazetteer.firstNames().contains(l)) {
                b |= FIRST;
            }
            if (gazetteer.lastNames().contains(l)) {
                b |= LAST;
            }
            if (gazetteer.places().contains(l)) {
                b |= PLACE;
            }
            if (gazetteer.commonWords().contains(l)) {
                b |= COMMON;
            }
            bits[i] = b;
        }
        return b;
    }

    boolean isFirstName(int i) {
        return (bits(i) & FIRST) != 0;
    }

    boolean isLastName(int i) {
        return (bits(i) & LAST) != 0;
    }

    boolean isName(int i) {
        return (bits(i) & (FIRST | LAST)) != 0;
    }

    boolean isPlace(int i) {
        return (bits(i) & PLACE) != 0;
    }

    /** In the list of ordinary English words, whether or not it is also somebody's name ("Wisdom"). */
    boolean isOrdinaryWord(int i) {
        return (bits(i) & COMMON) != 0;
    }

    /** As {@link Gazetteer#isCommonWord}: an ordinary word that is not also a known name. */
    boolean isCommonWord(int i) {
        return (bits(i) & (COMMON | FIRST | LAST)) == COMMON;
    }
}
