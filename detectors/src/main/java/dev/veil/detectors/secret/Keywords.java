package dev.veil.detectors.secret;

import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Finds a few key words in any letter case in one pass over a text (see {@link LiteralIndex}).
 *
 * <p>Immutable and thread-safe.
 */
final class Keywords {

    /** Receives occurrences: {@code [start, end)} and the index of the word found. */
    interface Sink {
        void found(int start, int end, int word);
    }

    private final int[] lengths;
    private final LiteralIndex index;

    Keywords(List<String> words) {
        this.lengths = words.stream().mapToInt(String::length).toArray();
        this.index = new LiteralIndex(words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList(),
                Collections.nCopies(words.size(), true));
    }

    /** Calls {@code sink} for every occurrence of every word in {@code text}, in text order. */
    void find(String text, Sink sink) {
        index.find(text, (word, start) -> sink.found(start, start + lengths[word], word));
    }
}
