package dev.veil.detectors.custom;

import static dev.veil.detectors.pattern.DetectorAssertions.assertFinds;
import static dev.veil.detectors.pattern.DetectorAssertions.assertNothing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.detectors.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomDetectorsTest {

    @TempDir
    Path dir;

    @Test
    void dictionary_loadsFileAndReportsCustomType() throws IOException {
        Path file = Files.writeString(dir.resolve("codenames.txt"), "# code names\nProject Orion\n\n  Bluebird  \n");
        DictionaryDetector d = DictionaryDetector.load("codenames", file, false, true, 0.9);
        String text = "Status of project orion and BLUEBIRD; bluebirds are birds.";
        List<Finding> findings = d.detect(text);
        assertEquals(List.of("project orion", "BLUEBIRD"), findings.stream().map(f -> text.substring(f.start(), f.end())).toList());
        assertTrue(findings.stream().allMatch(f -> f.type().equals("custom.codenames")));
    }

    @Test
    void regex_reportsMatchesOnlyNearContextWhenGiven() {
        RegexDetector r = new RegexDetector("ticket", "\\bVEIL-\\d{1,6}\\b", 0.7, List.of("ticket"));
        assertFinds(r, "ticket VEIL-123 is open", "VEIL-123");
        assertNothing(r, "VEIL-123 is open");
        assertEquals("custom.ticket", r.detect("ticket VEIL-1").get(0).type());
    }

    @Test
    void regex_rejectsBrokenOrEmptyMatchingPatterns() {
        assertThrows(PatternSyntaxException.class, () -> new RegexDetector("x", "(unclosed", 0.5, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new RegexDetector("x", "a*", 0.5, List.of()));
    }

    @Test
    void markers_findShoutedMarkersWithHighScore() {
        MarkerDetector m = new MarkerDetector();
        String text = "STRICTLY CONFIDENTIAL. Attorney-Client Privileged. For internal use only. Please keep it confidential.";
        List<Finding> findings = m.detect(text);
        assertEquals(List.of("STRICTLY CONFIDENTIAL", "Attorney-Client Privileged", "For internal use only", "confidential"),
                findings.stream().map(f -> text.substring(f.start(), f.end())).toList());
        assertTrue(findings.get(0).score() > findings.get(3).score());
    }

    @Test
    void markers_ignoreWordsThatOnlyContainAMarker() {
        assertNothing(new MarkerDetector(), "confidentiality agreements and unrestricted access are fine");
    }
}
