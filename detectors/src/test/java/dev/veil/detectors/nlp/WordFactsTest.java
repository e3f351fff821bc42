package dev.veil.detectors.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WordFactsTest {

    private static final Gazetteer GAZETTEER = new Gazetteer(Set.of("ingrid", "σοφία", "i̇pek"),
            Set.of("okafor", "straße", "ΐ".toLowerCase(Locale.ROOT)), Set.of("ulsteinvik", "𐐨𐐯"), Set.of("gravel"));
    private static final WordFacts.Index INDEX = new WordFacts.Index(GAZETTEER, Map.of("dr", WordFacts.TITLE));

    private static WordFacts facts(String... words) {
        return new WordFacts(INDEX, words);
    }

    @Test
    void fold_isWhatStringLowerCaseGivesForEveryCharItAnswers() {
        for (int c = 0; c <= 0xFFFF; c++) {
            char folded = WordTable.fold((char) c);
            if (folded != 0) {
                assertEquals(String.valueOf((char) c).toLowerCase(Locale.ROOT), String.valueOf(folded),
                        () -> "char U+" + Integer.toHexString(folded));
            }
        }
    }

    @Test
    void bits_findWordsInAnyCase() {
        WordFacts f = facts("INGRID", "Okafor", "STRASSE", "Straße", "Ulsteinvik", "Dr", "GRAVEL", "Σοφία", "ΣΟΦΊΑ", "İpek", "𐐀𐐇");
        assertTrue(f.isFirstName(0));
        assertTrue(f.isLastName(1));
        assertFalse(f.isLastName(2), "a different word, not a case of straße");
        assertTrue(f.isLastName(3));
        assertTrue(f.isPlace(4));
        assertTrue(f.isTitle(5));
        assertTrue(f.isCommonWord(6));
        assertTrue(f.isFirstName(7));
        assertTrue(f.isFirstName(8), "a final capital sigma lower-cases to a final sigma");
        assertTrue(f.isFirstName(9), "a dotted capital I lower-cases to i and a dot above");
        assertTrue(f.isPlace(10), "letters outside the basic plane");
    }

    @Test
    void bits_agreeWithLowerCaseLookUpOnRandomCaseVariants() {
        Random random = new Random(7);
        List<String> words = List.of("ingrid", "okafor", "straße", "ulsteinvik", "gravel", "dr", "σοφία", "unknown", "ΐ");
        for (int n = 0; n < 2_000; n++) {
            String w = words.get(random.nextInt(words.size()));
            StringBuilder b = new StringBuilder();
            w.codePoints().forEach(cp -> b.appendCodePoint(random.nextBoolean() ? Character.toUpperCase(cp) : cp));
            String variant = b.toString();
            assertEquals(INDEX.bits(variant.toLowerCase(Locale.ROOT)), INDEX.bits(variant), variant);
        }
    }

    @Test
    void index_refusesWordListsThatAreNotLowerCase() {
        Gazetteer bad = new Gazetteer(Set.of("Ingrid"), Set.of(), Set.of(), Set.of());
        assertThrows(IllegalArgumentException.class, () -> new WordFacts.Index(bad));
    }
}
