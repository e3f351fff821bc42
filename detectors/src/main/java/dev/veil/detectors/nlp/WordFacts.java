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
    private static final int WORD_DONE = 4096;
    private static final int WORD = 8192;

    /** Words the name rules look for in every text (titles, cues, organization suffixes). */
    static final int TITLE = 128;
    static final int CUE = 256;
    static final int ORGANIZATION_SUFFIX = 512;
    static final int INTERJECTION = 1024;
    static final int EMPLOYMENT = 2048;

    /**
     * Every word of a gazetteer, and the rules' own words, with what each is: one look-up per word
     * instead of several set probes. The table is keyed by lower-case words and looked up in any
     * case without making the lower-case string: the name detector asks about every word of every
     * text, and the copies and their hash codes were a tenth of the proxy's time per request.
     * Immutable and thread-safe: built once per detector.
     */
    static final class Index {
        private final WordTable table;
        private final Lexicon lexicon = Lexicon.english();

        /** A gazetteer's words and the name rules' own ({@link NameDetector#RULE_WORDS}). */
        Index(Gazetteer g) {
            this(g, NameDetector.RULE_WORDS);
        }

        /** @param ruleWords more lower-case words with bits of their own ({@link #TITLE} ...) */
        Index(Gazetteer g, Map<String, Integer> ruleWords) {
            Map<String, Integer> m = new HashMap<>();
            g.firstNames().forEach(w -> m.merge(w, FIRST, (a, b) -> a | b));
            g.lastNames().forEach(w -> m.merge(w, LAST, (a, b) -> a | b));
            g.places().forEach(w -> m.merge(w, PLACE, (a, b) -> a | b));
            g.commonWords().forEach(w -> m.merge(w, COMMON, (a, b) -> a | b));
            ruleWords.forEach((w, b) -> m.merge(w, b, (x, y) -> x | y));
            for (String w : m.keySet()) {
                if (!w.toLowerCase(Locale.ROOT).equals(w)) {
                    throw new IllegalArgumentException("word lists hold lower-case words only");
                }
            }
            this.table = new WordTable(m);
        }

        /** What a word is, in any case; 0 for a word no list holds. */
        int bits(String word) {
            int b = table.find(word);
            return b == WordTable.MISSING ? 0 : b;
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
            b = DONE | index.bits(words[i]);
            bits[i] = b;
        }
        return b;
    }

    /** A title before a name ("Dr", "Mrs"), in any case. */
    boolean isTitle(int i) {
        return (bits(i) & TITLE) != 0;
    }

    /** A greeting or naming word before a name ("Hi", "named"), in any case. */
    boolean isCue(int i) {
        return (bits(i) & CUE) != 0;
    }

    /** A word that ends an organization's name ("Ltd", "Bank"), in any case. */
    boolean isOrganizationSuffix(int i) {
        return (bits(i) & ORGANIZATION_SUFFIX) != 0;
    }

    /** A chat interjection ("Lol", "Yeah"), in any case. */
    boolean isInterjection(int i) {
        return (bits(i) & INTERJECTION) != 0;
    }

    /** A verb of employment before "for", "at" or "by" ("works", "hired"), in any case. */
    boolean isEmployment(int i) {
        return (bits(i) & EMPLOYMENT) != 0;
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

    /**
     * An English word of any kind by the dictionary ({@link Lexicon#isWord}) and no known name:
     * "Summarise" at the start of a sentence, "SELECT" in a query.
     */
    boolean isDictionaryWord(int i) {
        int b = bits(i);
        if ((b & (FIRST | LAST)) != 0) {
            return false;
        }
        if ((b & WORD_DONE) == 0) {
            b |= WORD_DONE | (index.lexicon.isWord(lower(i)) ? WORD : 0);
            bits[i] = b;
        }
        return (b & WORD) != 0;
    }
}
