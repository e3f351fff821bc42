package dev.veil.detectors.nlp;

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

    private final ThreadLocal<DictionaryLookup> lookup;

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
                && hasTag(lowerCaseWord, Lexicon::isNounOrAdjective) && !hasTag(capitalised(lowerCaseWord), Lexicon::isProperNoun);
    }

    /**
     * Whether a lower-case word is an English word of any kind (a verb, an adverb, a noun ...)
     * that English does not also use as a proper noun: "summarise", "select", "header".
     */
    boolean isWord(String lowerCaseWord) {
        return lowerCaseWord.length() >= 2 && Character.isLowerCase(lowerCaseWord.codePointAt(0))
                && hasTag(lowerCaseWord, tag -> !isProperNoun(tag)) && !hasTag(capitalised(lowerCaseWord), Lexicon::isProperNoun);
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
