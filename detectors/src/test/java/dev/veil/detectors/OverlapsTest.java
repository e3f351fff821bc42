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

    @Test
    void resolve_keepsWhatAPairwiseComparisonKeeps_onRandomOverlappingFindings() {
        java.util.Random random = new java.util.Random(20261129);
        String[] types = {"pii.phone", "pii.email", "financial.iban", "pii.person", "pii.location", "custom.x"};
        for (int round = 0; round < 2_000; round++) {
            List<Finding> in = new java.util.ArrayList<>();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                int start = random.nextInt(200);
                int end = start + random.nextInt(random.nextInt(10) == 0 ? 1 : 30);
                in.add(new Finding(types[random.nextInt(types.length)], start, end, random.nextInt(5) / 4.0, "d" + i));
            }
            assertEquals(sorted(pairwise(in)), sorted(Overlaps.resolve(in)), "round " + round);
        }
    }

    /** The rule stated plainly: strongest first, each kept unless it overlaps one kept before it. */
    private static List<Finding> pairwise(List<Finding> in) {
        List<Finding> kept = new java.util.ArrayList<>();
        List<Finding> winners = new java.util.ArrayList<>();
        List<Finding> contenders = new java.util.ArrayList<>();
        List<Finding> names = new java.util.ArrayList<>();
        for (Finding f : in) {
            if (f.type().equals("pii.person") || f.type().equals("pii.location")) {
                names.add(f);
            } else if (f.type().startsWith("custom.")) {
                kept.add(f);
            } else {
                contenders.add(f);
            }
        }
        contenders.sort(java.util.Comparator.comparingDouble(Finding::score).reversed()
                .thenComparing(java.util.Comparator.comparingInt(Finding::length).reversed())
                .thenComparingInt(Finding::start));
        for (Finding f : contenders) {
            if (winners.stream().noneMatch(w -> f.start() < w.end() && w.start() < f.end())) {
                winners.add(f);
            }
        }
        kept.addAll(winners);
        for (Finding f : names) {
            if (winners.stream().noneMatch(w -> f.start() < w.end() && w.start() < f.end())) {
                kept.add(f);
            }
        }
        return kept;
    }

    private static List<String> sorted(List<Finding> findings) {
        return findings.stream().map(Finding::toString).sorted().toList();
    }
}
