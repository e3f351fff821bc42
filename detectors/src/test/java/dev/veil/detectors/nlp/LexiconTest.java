package dev.veil.detectors.nlp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LexiconTest {

    private static final Lexicon LEXICON = Lexicon.english();

    @Test
    void isOrdinary_commonNounsAndAdjectives() {
        for (String w : List.of("gratitude", "diligence", "turpentine", "gravel", "mildew", "tungsten", "velvety")) {
            assertTrue(LEXICON.isOrdinary(w), w);
        }
    }

    @Test
    void isOrdinary_notForWordsEnglishAlsoUsesAsNames() {
        // Each is a common noun too, but also a surname, first name or place.
        for (String w : List.of("gates", "rose", "smith", "young", "patience", "harmony")) {
            assertFalse(LEXICON.isOrdinary(w), w);
        }
    }

    @Test
    void isOrdinary_notForVerbsOnlyUnknownShortOrCapitalisedWords() {
        for (String w : List.of("quxlorp", "ox", "", "Gravel", "went", "12345")) {
            assertFalse(LEXICON.isOrdinary(w), w);
        }
    }

    @Test
    void isWord_anyKindOfEnglishWordButNames() {
        for (String w : List.of("summarise", "explain", "select", "header", "please", "quickly", "gravel")) {
            assertTrue(LEXICON.isWord(w), w);
        }
        for (String w : List.of("gates", "rose", "quxlorp", "x", "", "Select")) {
            assertFalse(LEXICON.isWord(w), w);
        }
    }

    @Test
    void isOrdinary_givesTheRightAnswersFromManyThreadsAtOnce() throws Exception {
        Map<String, Boolean> expected = Map.of("gratitude", true, "gates", false, "gravel", true, "rose", false,
                "mildew", true, "quxlorp", false);
        List<String> words = List.copyOf(expected.keySet());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String w = words.get(i % words.size());
                results.add(pool.submit(() -> LEXICON.isOrdinary(w) == expected.get(w)));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
