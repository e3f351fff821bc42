package dev.veil.detectors.nlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class SentencesTest {

    @Test
    void split_cutsAfterSentenceEndAndAtLineBreaks() {
        Tokens t = WordTokenizer.tokenize("It works. Ship it\nnext line");
        // It works . | Ship it | next line
        assertArrayEquals(new int[] {0, 3, 5, 7}, Sentences.split(t));
    }

    @Test
    void split_doesNotCutAfterTitleOrInitial() {
        Tokens t = WordTokenizer.tokenize("Ask Dr. Quint and J. Ortega today.");
        assertArrayEquals(new int[] {0, t.size()}, Sentences.split(t));
    }

    @Test
    void split_boundsVeryLongLines() {
        Tokens t = WordTokenizer.tokenize("word ".repeat(300));
        int[] bounds = Sentences.split(t);
        for (int k = 0; k + 1 < bounds.length; k++) {
            org.junit.jupiter.api.Assertions.assertTrue(bounds[k + 1] - bounds[k] <= Sentences.MAX_TOKENS);
        }
    }

    @Test
    void split_emptyTokensGiveNoSegment() {
        assertArrayEquals(new int[] {0}, Sentences.split(WordTokenizer.tokenize("")));
    }
}
