package dev.veil.detectors.nlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WordTokenizerTest {

    @Test
    void tokenize_splitsWordsAndPunctuationWithOffsets() {
        Tokens t = WordTokenizer.tokenize("Hi, Ana-Maria O'Neill!");
        assertArrayEquals(new String[] {"Hi", ",", "Ana-Maria", "O'Neill", "!"}, t.words());
        for (int i = 0; i < t.size(); i++) {
            assertEquals(t.words()[i], t.text().substring(t.starts()[i], t.ends()[i]));
        }
    }

    @Test
    void tokenize_splitsPossessiveFromName() {
        Tokens t = WordTokenizer.tokenize("Ravi's laptop and Ines\u2019s car");
        assertArrayEquals(new String[] {"Ravi", "'", "s", "laptop", "and", "Ines", "\u2019", "s", "car"}, t.words());
    }

    @Test
    void tokenize_keepsEmailAndUrlWhole() {
        Tokens t = WordTokenizer.tokenize("mail (jo.doe@example.org) or https://example.org/a?b=1.");
        assertArrayEquals(new String[] {"mail", "(", "jo.doe@example.org", ")", "or", "https://example.org/a?b=1", "."},
                t.words());
    }

    @Test
    void tokenize_offsetsAreUtf16AfterSurrogatePairs() {
        String text = "\uD83D\uDE00 Zofia";
        Tokens t = WordTokenizer.tokenize(text);
        assertEquals("Zofia", t.words()[1]);
        assertEquals(3, t.starts()[1]);
        assertEquals(8, t.ends()[1]);
    }

    @Test
    void tokenize_keepsDecimalsAndIdentifiersTogether() {
        Tokens t = WordTokenizer.tokenize("version 3.14 of user_id.");
        assertArrayEquals(new String[] {"version", "3.14", "of", "user_id", "."}, t.words());
    }

    @Test
    void tokenize_emptyAndBlankTextGiveNoTokens() {
        assertEquals(0, WordTokenizer.tokenize("").size());
        assertEquals(0, WordTokenizer.tokenize(" \n\t\u200B").size());
    }

    @Test
    void characterClasses_asciiFastPathAgreesWithUnicodeForEveryCodePoint() {
        int words = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            assertEquals(WordTokenizer.isWordCharInUnicode(cp), WordTokenizer.isWordChar(cp), "word char " + cp);
            assertEquals(WordTokenizer.isSpaceInUnicode(cp), WordTokenizer.isSpace(cp), "space " + cp);
            words += WordTokenizer.isWordChar(cp) ? 1 : 0;
        }
        assertTrue(WordTokenizer.isWordChar('q') && WordTokenizer.isWordChar('7') && !WordTokenizer.isWordChar('-'));
        assertTrue(WordTokenizer.isSpace('\t') && WordTokenizer.isSpace('\u00A0') && WordTokenizer.isSpace('\u200B'));
        assertTrue(words > 100_000, "letters, digits and marks of every script: " + words);
    }

    @Test
    void tokenize_nonAsciiWordsAndSpacesAsAscii() {
        Tokens t = WordTokenizer.tokenize("Zo\u00EB\u00A0na\u0131ve\u2003caf\u00E9-bar\u200B\u00C5sa");
        assertArrayEquals(new String[] {"Zo\u00EB", "na\u0131ve", "caf\u00E9-bar", "\u00C5sa"}, t.words());
    }
}
