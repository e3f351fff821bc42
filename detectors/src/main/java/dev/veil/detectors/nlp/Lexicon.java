package dev.veil.detectors.nlp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Locale;
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
        if (lowerCaseWord.length() < 3 || !Character.isLowerCase(lowerCaseWord.codePointAt(0))) {
            return false;
        }
        DictionaryLookup reader = lookup.get();
        boolean common = false;
        // The reader reuses its results: each list is read whole before the next look-up.
        for (WordData form : reader.lookup(lowerCaseWord)) {
            CharSequence tag = form.getTag();
            if (tag != null && (startsWith(tag, "JJ") || (startsWith(tag, "NN") && !startsWith(tag, "NNP")))) {
                common = true;
                break;
            }
        }
        if (!common) {
            return false;
        }
        int first = Character.charCount(lowerCaseWord.codePointAt(0));
        String capitalised = lowerCaseWord.substring(0, first).toUpperCase(Locale.ROOT) + lowerCaseWord.substring(first);
        for (WordData form : reader.lookup(capitalised)) {
            CharSequence tag = form.getTag();
            if (tag != null && startsWith(tag, "NNP")) {
                return false;
            }
        }
        return true;
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
