package dev.veil.detectors.nlp;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Set;

/**
 * Lower-cased word lists made by the training tool from Datafaker's name and place data in
 * several locales: first names, last names and place names, and a list of ordinary English words. Used for context the statistical
 * model lacks, such as all-lower-case names after "my name is".
 *
 * <p>Immutable and thread-safe.
 */
public record Gazetteer(Set<String> firstNames, Set<String> lastNames, Set<String> places, Set<String> commonWords) {

    public Gazetteer {
        firstNames = Set.copyOf(requireNonNull(firstNames, "firstNames"));
        lastNames = Set.copyOf(requireNonNull(lastNames, "lastNames"));
        places = Set.copyOf(requireNonNull(places, "places"));
        commonWords = Set.copyOf(requireNonNull(commonWords, "commonWords"));
    }

    public boolean isFirstName(String word) {
        return firstNames.contains(word.toLowerCase(Locale.ROOT));
    }

    public boolean isLastName(String word) {
        return lastNames.contains(word.toLowerCase(Locale.ROOT));
    }

    /** An ordinary English word ("can", "desk") that is not also a known first or last name. */
    public boolean isCommonWord(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return commonWords.contains(lower) && !firstNames.contains(lower) && !lastNames.contains(lower);
    }

    public boolean isName(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return firstNames.contains(lower) || lastNames.contains(lower);
    }

    public boolean isPlace(String word) {
        return places.contains(word.toLowerCase(Locale.ROOT));
    }
}
