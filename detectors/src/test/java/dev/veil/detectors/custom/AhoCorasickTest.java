package dev.veil.detectors.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AhoCorasickTest {

    private static List<String> found(AhoCorasick ac, String text) {
        return ac.find(text).stream().map(m -> text.substring(m.start(), m.end())).toList();
    }

    @Test
    void find_overlappingTermsAndFailureLinks() {
        AhoCorasick ac = new AhoCorasick(List.of("he", "she", "his", "hers"), false, false);
        assertEquals(List.of("she", "his"), found(ac, "ushers and this"));
    }

    @Test
    void find_leftmostLongestWins() {
        AhoCorasick ac = new AhoCorasick(List.of("project", "project orion", "orion"), true, true);
        assertEquals(List.of("Project Orion"), found(ac, "about Project Orion today"));
    }

    @Test
    void find_caseInsensitiveWhenAsked() {
        AhoCorasick ac = new AhoCorasick(List.of("Orion"), true, true);
        assertEquals(List.of("ORION", "orion"), found(ac, "ORION and orion"));
        AhoCorasick exact = new AhoCorasick(List.of("Orion"), false, true);
        assertEquals(List.of(), found(exact, "ORION and orion"));
    }

    @Test
    void find_wholeWordsOnlyWhenAsked() {
        AhoCorasick words = new AhoCorasick(List.of("orion"), true, true);
        assertEquals(List.of("orion"), found(words, "Orionids? no. orion, yes"));
        AhoCorasick anywhere = new AhoCorasick(List.of("orion"), true, false);
        assertEquals(List.of("Orion", "orion"), found(anywhere, "Orionids? no. orion, yes"));
    }

    @Test
    void find_caseInsensitiveBeyondLatin1() {
        AhoCorasick ac = new AhoCorasick(List.of("Αθήνα", "आधार"), true, true);
        assertEquals(List.of("ΑΘΉΝΑ", "आधार"), found(ac, "to ΑΘΉΝΑ, आधार no: αθήναι"));
    }

    @Test
    void containsAny_stopsAtWholeWordsOnly() {
        AhoCorasick ac = new AhoCorasick(List.of("ssn", "social security"), true, true);
        assertEquals(true, ac.containsAny("my Social  Security... no, my SSN: 1"));
        assertEquals(false, ac.containsAny("classnames and social securityguards"));
    }

    @Test
    void anyIn_looksOnlyInTheRangeButChecksWordsAgainstTheWholeText() {
        AhoCorasick ac = new AhoCorasick(List.of("dl", "licence"), true, true);
        String text = "xDL 123 and DL 456";
        assertEquals(false, ac.anyIn(text, 1, 8, (s, e) -> true), "xDL is cut by the range, not a word");
        assertEquals(true, ac.anyIn(text, 8, text.length(), (s, e) -> true));
        assertEquals(false, ac.anyIn(text, 8, text.length(), (s, e) -> s > 12), "the test rejects it");
    }

    @Test
    void find_agreesWithNaiveSearchOnRandomText() {
        Random random = new Random(42);
        List<String> terms = List.of("ab", "abc", "bca", "c", "cab", "aaa", "bb");
        AhoCorasick ac = new AhoCorasick(terms, false, false);
        for (int round = 0; round < 200; round++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                b.append((char) ('a' + random.nextInt(3)));
            }
            String text = b.toString();
            assertEquals(naive(terms, text), ac.find(text).stream().map(m -> m.start() + ":" + m.end()).toList(), text);
        }
    }

    @Test
    void dictionaryTooLargeForTheTable_walksTheTrie_andAgreesWithNaiveSearch() {
        Random random = new Random(7);
        List<String> terms = new ArrayList<>();
        for (int t = 0; t < 12_000; t++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                b.append((char) ('!' + random.nextInt(90)));
            }
            terms.add(b.toString());
        }
        terms.addAll(List.of("ab", "abc", "bca", "cab"));
        AhoCorasick ac = new AhoCorasick(terms, false, false);
        assertFalse(ac.compiled(), "the dictionary should be too large for the flat table");
        String text = "xx" + terms.get(5) + " cab " + terms.get(11_000).substring(0, 11) + " abca " + terms.get(9);
        assertEquals(naive(terms, text), ac.find(text).stream().map(m -> m.start() + ":" + m.end()).toList());
        assertTrue(ac.containsAny(text));
        assertFalse(ac.containsAny("zz zz"));
        int at = text.indexOf(terms.get(9));
        assertTrue(ac.anyIn(text, at, text.length(), (s, e) -> e - s == 12));
        assertFalse(ac.anyIn(text, at + 1, text.length(), (s, e) -> e - s == 12), "the term starts before the range");
    }

    /** Leftmost-longest by brute force. */
    private static List<String> naive(List<String> terms, String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int best = -1;
            for (String t : terms) {
                if (text.startsWith(t, i) && t.length() > best) {
                    best = t.length();
                }
            }
            if (best > 0) {
                out.add(i + ":" + (i + best));
                i += best;
            } else {
                i++;
            }
        }
        return out;
    }

    @Test
    void constructor_rejectsEmptyTerm() {
        assertThrows(IllegalArgumentException.class, () -> new AhoCorasick(List.of("a", ""), false, false));
    }
}
