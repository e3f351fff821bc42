package dev.veil.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScannerTest {

    @Test
    void standard_findsEachFoundationType() {
        String text = "Mail jane@example.com, card 4111 1111 1111 1111, SSN 536-22-1234, "
                + "key AKIAIOSFODNN7EXAMPLE.";
        // The name finder may add low-confidence guesses; this test is about the pattern detectors.
        List<String> types = Scanner.standard().scan(text).findings().stream()
                .filter(f -> !f.detector().startsWith("nlp-")).map(Finding::type).toList();
        assertEquals(List.of("pii.email", "financial.payment_card", "gov_id.us_ssn",
                "secret.aws_access_key_id"), types);
    }

    @Test
    void standard_declaresFoundationTypes() {
        assertTrue(Scanner.standard().types().containsAll(Set.of("pii.email", "financial.payment_card",
                "gov_id.us_ssn", "secret.aws_access_key_id", "secret.private_key")));
    }

    @Test
    void scan_throwingDetectorIsReportedAsFailed() {
        Detector broken = new Detector() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public List<String> types() {
                return List.of("pii.email");
            }

            @Override
            public List<Finding> detect(String text) {
                throw new IllegalStateException("boom");
            }
        };
        ScanResult result = new Scanner(List.of(broken)).scan("anything");
        assertTrue(result.degraded());
        assertEquals(Set.of("broken"), result.failedDetectors());
    }
}
