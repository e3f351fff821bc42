package dev.veil.detectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScannerConfigTest {

    @TempDir
    Path dir;

    private static List<String> types(Scanner s, String text) {
        return s.scan(text).findings().stream().map(Finding::type).toList();
    }

    @Test
    void configured_defaultsEqualStandard() {
        assertEquals(Scanner.standard().types(), Scanner.configured(DetectorSettings.defaults()).types());
    }

    @Test
    void configured_addsDictionariesAndRegexes() throws IOException {
        Path file = Files.writeString(dir.resolve("customers.txt"), "Acme Corp\nGlobex\n");
        Scanner s = Scanner.configured(DetectorSettings.defaults()
                .withDictionaries(List.of(DetectorSettings.Dictionary.of("customers", file)))
                .withRegexes(List.of(DetectorSettings.CustomRegex.of("ticket", "\\bVEIL-\\d{1,6}\\b"))));
        assertEquals(List.of("custom.customers", "custom.ticket"), types(s, "Globex asked about VEIL-42."));
    }

    @Test
    void configured_disabledTypesAreNotReported() {
        Scanner s = Scanner.configured(DetectorSettings.defaults().withDisabled(List.of("secret.*", "pii.email")));
        assertEquals(List.of(), types(s, "mail a@example.com key AKIAIOSFODNN7EXAMPLE"));
        assertFalse(s.types().contains("secret.jwt"));
        assertTrue(s.types().contains("gov_id.us_ssn"));
    }

    @Test
    void configured_enabledKeepsOnlyTheSelection() {
        Scanner s = Scanner.configured(DetectorSettings.defaults().withEnabled(List.of("gov_id.us_ssn")));
        assertEquals(List.of("gov_id.us_ssn"), List.copyOf(s.types()));
    }

    @Test
    void configured_allowListSuppressesKnownFalsePositives() throws IOException {
        Path file = Files.writeString(dir.resolve("terms.txt"), "S3\nEKS\nC4\nOrion\n");
        DetectorSettings settings = DetectorSettings.defaults()
                .withDictionaries(List.of(DetectorSettings.Dictionary.of("terms", file)))
                .withAllowList(List.of("s3", " EKS ", "C4"));
        assertEquals(List.of("custom.terms"), types(Scanner.configured(settings), "Move S3 and EKS to C4 for Orion."));
        assertEquals(List.of("custom.terms"), types(Scanner.configured(settings), "Move S\u200B3 and \uFF25KS for Orion."));
    }

    @Test
    void configured_reportsEveryProblemWithItsKey() {
        DetectorSettings bad = DetectorSettings.defaults()
                .withDictionaries(List.of(DetectorSettings.Dictionary.of("codenames", dir.resolve("missing.txt")),
                        new DetectorSettings.Dictionary("Bad Name", dir, false, true, 0.9)))
                .withRegexes(List.of(DetectorSettings.CustomRegex.of("ticket", "(VEIL-\\d+"),
                        new DetectorSettings.CustomRegex("codenames", "x", 0.5, List.of()),
                        new DetectorSettings.CustomRegex("scored", "x", 1.5, List.of())))
                .withDisabled(List.of("secret.nope"))
                .withAllowList(List.of(" "))
                .withPhoneRegions(List.of("XX"));
        DetectorConfigException e = assertThrows(DetectorConfigException.class, () -> Scanner.configured(bad));
        List<String> p = e.problems();
        assertTrue(p.stream().anyMatch(s -> s.startsWith("detectors.dictionaries[0] (codenames).file: no such file")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("detectors.dictionaries[1] (Bad Name).name:")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("detectors.regexes[0] (ticket).pattern: Unclosed group")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("detectors.regexes[1] (codenames).name: custom.codenames is defined twice")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("detectors.regexes[2] (scored).score:")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("detectors.disabled[0]: 'secret.nope' matches no detector")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("detectors.allow_list[0]: empty entry")), p::toString);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("detectors.phone_regions: unknown phone region: XX")), p::toString);
        assertEquals(8, p.size(), p::toString);
    }
}
