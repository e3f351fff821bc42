package dev.veil.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OverlapsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "card 4111 1111 1111 1111                  | financial.payment_card",
        "routing number 021000021                  | financial.us_aba_routing",
        "NHS number 943 476 5919                   | gov_id.uk_nhs",
        "SSN 536-22-1234 on my driver's license    | gov_id.us_ssn",
        "DATABASE_URL=postgres://app:S3cretPw@db/x | secret.connection_string",
    })
    void standardScan_reportsOneTypeForOneValue(String text, String type) {
        List<String> types = Scanner.standard().scan(text.strip()).findings().stream().map(Finding::type).toList();
        assertEquals(List.of(type.strip()), types);
    }

    @Test
    void resolve_keepsMarkersAndCustomFindingsOverEntities() {
        List<Finding> in = List.of(
                new Finding("pii.phone", 0, 10, 0.6, "a"),
                new Finding("financial.payment_card", 0, 16, 0.9, "b"),
                new Finding("custom.codenames", 2, 8, 0.9, "c"),
                new Finding("marker.confidential", 0, 30, 0.9, "d"),
                new Finding("pii.email", 20, 30, 0.95, "e"));
        List<String> kept = Overlaps.resolve(in).stream().map(Finding::type).sorted().toList();
        assertEquals(List.of("custom.codenames", "financial.payment_card", "marker.confidential", "pii.email"), kept);
    }
}
