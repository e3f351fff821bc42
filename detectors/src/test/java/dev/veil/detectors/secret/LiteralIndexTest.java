package dev.veil.detectors.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiteralIndexTest {

    private static List<String> found(LiteralIndex index, List<String> literals, String text) {
        List<String> out = new ArrayList<>();
        index.find(text, (lit, start) -> out.add(start + ":" + literals.get(lit)));
        return out;
    }

    @Test
    void find_reportsEveryLiteralByStart_exactOrInAnyCase() {
        List<String> literals = List.of("AKIA", "sk_live_", "okta", "key");
        LiteralIndex index = new LiteralIndex(literals, List.of(false, false, true, true));
        String text = "Okta KEY akia AKIA1 sk_live_x SK_LIVE_ monkey";
        assertEquals(List.of("0:okta", "5:key", "14:AKIA", "20:sk_live_", "42:key"), found(index, literals, text));
    }

    @Test
    void find_literalsIndexedByAnInnerPairAreStillReportedInOrder() {
        // "abzq" is indexed by its rarest pair, "zq", at its end; the hit is still reported at
        // the literal's start, in start order with the "ab" hits.
        List<String> literals = List.of("abzq", "ab");
        LiteralIndex index = new LiteralIndex(literals, List.of(false, false));
        List<String> hits = found(index, literals, "--abzq--ab");
        assertEquals(List.of("2", "2", "8"), hits.stream().map(h -> h.substring(0, h.indexOf(':'))).toList());
        assertEquals(java.util.Set.of("2:abzq", "2:ab", "8:ab"), java.util.Set.copyOf(hits));
    }

    @Test
    void find_ignoresLiteralsCutByTheEndOfTheText() {
        List<String> literals = List.of("ghp_");
        LiteralIndex index = new LiteralIndex(literals, List.of(false));
        assertEquals(List.of(), found(index, literals, "token gh"));
        assertEquals(List.of("0:ghp_"), found(index, literals, "ghp_"));
    }

    @Test
    void constructor_rejectsLiteralsTooShortOrNotAscii() {
        assertThrows(IllegalArgumentException.class, () -> new LiteralIndex(List.of("k"), List.of(true)));
        assertThrows(IllegalArgumentException.class, () -> new LiteralIndex(List.of("clé"), List.of(true)));
    }
}
