package dev.veil.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scanner finds disguised values and reports where they are in the text as given. */
class NormalizedScanTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "123\u201145\u20116789",
        "123\u201245\u20136789",
        "123\u221245\u22126789",
        "12\u200B3-4\u200D5-67\u2060\u206089",
        "\uFF11\uFF12\uFF13-\uFF14\uFF15-\uFF16\uFF17\uFF18\uFF19",
        "\uFF11\uFF12\uFF13\u2011\uFF14\uFF15\u2011\uFF16\uFF17\uFF18\uFF19",
        "\u2066123-45-6789\u2069",
        "\uD835\uDFCF\uD835\uDFD0\uD835\uDFD1-\uD835\uDFD2\uD835\uDFD3-\uD835\uDFD4\uD835\uDFD5\uD835\uDFD6\uD835\uDFD7",
    })
    void scan_findsDisguisedSsnAtItsOriginalOffsets(String disguised) {
        String prefix = "my social\u200B security number is ";
        String text = prefix + disguised + " ok?";
        List<Finding> findings = Scanner.standard().scan(text).findings();
        assertEquals(1, findings.size(), () -> "findings: " + findings);
        Finding f = findings.get(0);
        assertEquals("gov_id.us_ssn", f.type());
        int expectedStart = prefix.length() + (disguised.startsWith("\u2066") ? 1 : 0);
        int expectedEnd = prefix.length() + disguised.length() - (disguised.endsWith("\u2069") ? 1 : 0);
        assertEquals(expectedStart, f.start());
        assertEquals(expectedEnd, f.end());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "4111\u00A01111\u00A01111\u00A01111",
        "4111\u20131111\u20131111\u20131111",
        "\uFF14\uFF11\uFF11\uFF11111111111111",
        "4111\u200B111111111111",
    })
    void scan_findsDisguisedCardAtItsOriginalOffsets(String disguised) {
        String text = "card: " + disguised + ".";
        List<Finding> findings = Scanner.standard().scan(text).findings();
        assertEquals(1, findings.size(), () -> "findings: " + findings);
        assertEquals("financial.payment_card", findings.get(0).type());
        assertEquals(disguised, text.substring(findings.get(0).start(), findings.get(0).end()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "j\u0430ne@ex\u0430mple.com",
        "\uFF4A\uFF41\uFF4E\uFF45\uFF20example.com",
        "jane\uFE6Bexample.com",
    })
    void scan_findsDisguisedEmailAtItsOriginalOffsets(String disguised) {
        String text = "mail " + disguised + " now";
        List<Finding> findings = Scanner.standard().scan(text).findings();
        assertEquals(1, findings.size(), () -> "findings: " + findings);
        assertEquals("pii.email", findings.get(0).type());
        assertEquals(disguised, text.substring(findings.get(0).start(), findings.get(0).end()));
    }
}
