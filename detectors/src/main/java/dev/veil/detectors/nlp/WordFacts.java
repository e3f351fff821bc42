package dev.veil.detectors.nlp;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the gazetteer knows about each word of one text, looked up at most once per word: the
 * name rules ask about the same word several times, and each question would otherwise lower-case
 * it and look it up again.
 *
 * <p>Not thread-safe: made for one call of a detector.
 */
final class WordFacts {

    private static final int DONE = 1;
    private static final int FIRST = 2;
    private static final int LAST = 4;
    private static final int PLACE = 8;
    private static final int COMMON = 16;
    private static final int LEXICON_DONE = 32;
    private static final int LEXICON = 64;

    /**
     * Every word of a gazetteer with what it is, so that a word costs one hash look-up rather than
     * four set probes. Immutable and thread-safe: built once per detector.
     */
    static final class Index {
        private final Map<String, Integer> bits;
        private final Lexicon lexicon = Lexicon.english();

        Index(Gazetteer g) {
            Map<String, Integer> m = new HashMap<>();
            g.firstNames().forEach(w -> m.merge(w, FIRST, (a, b) -> a | b));
            g.lastNames().forEach(w -> m.merge(w, LAST, (a, b) -> a | b));
            g.places().forEach(w -> m.merge(w, PLACE, (a, b) -> a | b));
            g.commonWords().forEach(w -> m.merge(w, COMMON, (a, b) -> a | b));
            this.bits = m;
        }

        int bits(String lowerCaseWord) {
            return bits.getOrDefault(lowerCaseWord, 0);
        }
    }

    private final Index index;
    private final String[] words;
    private final String[] lower;
    private final int[] bits;

    WordFacts(Index index, String[] words) {
        this.index = index;
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
            b = DONE | index.bits(l);
            bits[i] = b;
        }
        return b;
    }

    /** Whether the gazetteer knows a lower-case word, such as one half of "Thorne-Abara", as a last name. */
    boolean isLastName(String lowerCaseWord) {
        return (index.bits(lowerCaseWord) & LAST) != 0;
    }

    /** Whether the gazetteer knows a lower-case word as a first name. */
    boolean isFirstName(String lowerCaseWord) {
        return (index.bits(lowerCaseWord) & FIRST) != 0;
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

    /** In the list of ordinary English words, whether or not it is also somebody's name ("Gratitude"). */
    boolean isOrdinaryWord(int i) {
        return (bits(i) & COMMON) != 0;
    }

    /** As {@link Gazetteer#isCommonWord}: an ordinary word that is not also a known name. */
    boolean isCommonWord(int i) {
        return (bits(i) & (COMMON | FIRST | LAST)) == COMMON;
    }

    /**
     * An ordinary word, by the gazetteer's list or by the English dictionary ({@link Lexicon}), and
     * no known name: a person's name is not made of such words only ("Gravel", "Gratitude"). The
     * dictionary is asked only when the gazetteer does not decide, and once per word.
     */
    boolean isPlainWord(int i) {
        int b = bits(i);
        if ((b & (FIRST | LAST)) != 0) {
            return false;
        }
        if ((b & COMMON) != 0) {
            return true;
        }
        if ((b & LEXICON_DONE) == 0) {
            b |= LEXICON_DONE | (index.lexicon.isOrdinary(lower(i)) ? LEXICON : 0);
            bits[i] = b;
        }
        return (b & LEXICON) != 0;
    }
}
