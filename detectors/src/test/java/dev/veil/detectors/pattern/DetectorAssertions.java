package dev.veil.detectors.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import java.util.List;
import java.util.stream.Collectors;

/** Assertions on what a detector reports in a text, by the text it covers. */
public final class DetectorAssertions {

    private DetectorAssertions() {
    }

    /** Asserts that {@code detector} reports exactly {@code expected} (by covered text) in {@code text}. */
    public static void assertFinds(Detector detector, String text, String... expected) {
        List<String> found = covered(detector, text);
        assertEquals(List.of(expected), found, () -> detector.id() + " in <" + text + ">");
    }

    /** Asserts that {@code detector} reports nothing in {@code text}. */
    public static void assertNothing(Detector detector, String text) {
        List<String> found = covered(detector, text);
        assertTrue(found.isEmpty(), () -> detector.id() + " should find nothing in <" + text + "> but found " + found);
    }

    public static List<String> covered(Detector detector, String text) {
        return detector.detect(text).stream()
                .sorted((a, b) -> Integer.compare(a.start(), b.start()))
                .map(f -> text.substring(f.start(), f.end()))
                .collect(Collectors.toList());
    }

    public static List<Finding> sorted(List<Finding> findings) {
        return findings.stream().sorted((a, b) -> Integer.compare(a.start(), b.start())).toList();
    }
}
