package dev.veil.detectors.demographic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.detectors.Finding;
import dev.veil.detectors.ScanResult;
import dev.veil.detectors.Scanner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The new types as `veil scan` and the proxy see them: through the standard scanner. */
class StandardSetTest {

    private static final Scanner SCANNER = Scanner.standard();

    @Test
    void standardScanner_reportsTheFourTypes() {
        assertTrue(SCANNER.types().containsAll(List.of("pii.age", "pii.nationality", "pii.religion",
                "pii.political_affiliation")), () -> SCANNER.types().toString());
    }

    @Test
    void scan_findsAgeAndOriginWithOffsetsIntoTheOriginalText() {
        // Full-width digits are normalized before detection; offsets still point into the text as sent.
        String text = "Note: I'm \uFF13\uFF14 years old and I'm Peruvian.";
        ScanResult result = SCANNER.scan(text);
        List<Finding> mine = result.findings().stream()
                .filter(f -> f.type().equals("pii.age") || f.type().equals("pii.nationality"))
                .sorted((a, b) -> Integer.compare(a.start(), b.start())).toList();
        assertEquals(2, mine.size(), () -> result.findings().toString());
        assertEquals("\uFF13\uFF14", text.substring(mine.get(0).start(), mine.get(0).end()));
        assertEquals("pii.age", mine.get(0).type());
        assertEquals("Peruvian", text.substring(mine.get(1).start(), mine.get(1).end()));
        assertEquals("pii.nationality", mine.get(1).type());
    }
}
