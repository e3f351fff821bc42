package dev.veil.detectors.nlp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Locale;
import java.util.function.Predicate;
import morfologik.stemming.Dictionary;
import morfologik.stemming.DictionaryLookup;
import morfologik.stemming.WordData;

/**
 * The ordinary nouns and adjectives of English, from LanguageTool's English part-of-speech
 * dictionary (about 336,000 word forms, read in place from its compact automaton). A word is
 * ordinary when its lower-case form is a common noun or an adjective and its capitalised form is
 * not a proper noun: "gravel" and "gratitude" are, "gates" and "rose" are not (the dictionary also
 * knows Gates and Rose as names).
 *
 * <p>The name detector's own list of ordinary words is small (the words of its templates), and
 * the model calls a capitalised noun it never saw a person often enough ("Gratitude is where ...").
 *
 * <p>Thread-safe: the dictionary is immutable and each thread looks up with its own reader.
 */
final class Lexicon {

    private static final String RESOURCE = "/org/languagetool/resource/en/english.dict";

    /** How many words' answers are kept: the words of a working set of texts, a few MB at most. */
    private static final int CACHED_WORDS = 50_000;
    private static final int NOUN_OR_ADJECTIVE = 1;
    private static final int WORD = 2;
    private static final int PROPER_NOUN = 4;

    private final ThreadLocal<DictionaryLookup> lookup;
    /**
     * What the dictionary says of each lower-case word asked about. A look-up in the automaton
     * costs one to two microseconds (the word is encoded to bytes and every reading decoded), and
     * the same words (a sentence's first word, SQL keywords) come back in every text.
     */
    private final Cache<String, Integer> answers = Caffeine.newBuilder()
            .maximumSize(CACHED_WORDS)
            // Eviction on the calling thread: no hand-off to another pool per look-up.
            .executor(Runnable::run)
            .build();

    private Lexicon(Dictionary dictionary) {
        this.lookup = ThreadLocal.withInitial(() -> new DictionaryLookup(dictionary));
    }

    /** The English dictionary, loaded once. */
    static Lexicon english() {
        return Holder.VALUE;
    }

    /**
     * Whether a lower-case word is an ordinary English noun or adjective that English does not also
     * use as a proper noun. Words of fewer than three letters are never ordinary here.
     */
    boolean isOrdinary(String lowerCaseWord) {
        return lowerCaseWord.length() >= 3 && Character.isLowerCase(lowerCaseWord.codePointAt(0))
                && (facts(lowerCaseWord) & (NOUN_OR_ADJECTIVE | PROPER_NOUN)) == NOUN_OR_ADJECTIVE;
    }

    /**
     * Whether a lower-case word is an English word of any kind (a verb, an adverb, a noun ...)
     * that English does not also use as a proper noun: "summarise", "select", "header".
     */
    boolean isWord(String lowerCaseWord) {
        return lowerCaseWord.length() >= 2 && Character.isLowerCase(lowerCaseWord.codePointAt(0))
                && (facts(lowerCaseWord) & (WORD | PROPER_NOUN)) == WORD;
    }

    private int facts(String lowerCaseWord) {
        return answers.get(lowerCaseWord, this::lookUp);
    }

    /** Both readings of a lower-case word: as written, and capitalised (a proper noun?). */
    private int lookUp(String lowerCaseWord) {
        int facts = 0;
        if (hasTag(lowerCaseWord, Lexicon::isNounOrAdjective)) {
            facts |= NOUN_OR_ADJECTIVE | WORD;
        } else if (hasTag(lowerCaseWord, tag -> !isProperNoun(tag))) {
            facts |= WORD;
        }
        if (facts != 0 && hasTag(capitalised(lowerCaseWord), Lexicon::isProperNoun)) {
            facts |= PROPER_NOUN;
        }
        return facts;
    }

    /** Whether the dictionary lists the word, exactly as written, with a tag that {@code test} accepts. */
    private boolean hasTag(String word, Predicate<CharSequence> test) {
        // The reader reuses its results: the list is read whole before the next look-up.
        for (WordData form : lookup.get().lookup(word)) {
            CharSequence tag = form.getTag();
            if (tag != null && test.test(tag)) {
                return true;
            }
        }
        return false;
    }

    private static String capitalised(String lowerCaseWord) {
        int first = Character.charCount(lowerCaseWord.codePointAt(0));
        return lowerCaseWord.substring(0, first).toUpperCase(Locale.ROOT) + lowerCaseWord.substring(first);
    }

    private static boolean isNounOrAdjective(CharSequence tag) {
        return startsWith(tag, "JJ") || (startsWith(tag, "NN") && !isProperNoun(tag));
    }

    private static boolean isProperNoun(CharSequence tag) {
        return startsWith(tag, "NNP");
    }

    private static boolean startsWith(CharSequence s, String prefix) {
        if (s.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (s.charAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static final class Holder {
        static final Lexicon VALUE = load();

        private static Lexicon load() {
            URL url = Lexicon.class.getResource(RESOURCE);
            if (url == null) {
                throw new IllegalStateException("the English dictionary " + RESOURCE + " is missing from the class path");
            }
            try {
                return new Lexicon(Dictionary.read(url));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the English dictionary " + RESOURCE, e);
            }
        }
    }
}
