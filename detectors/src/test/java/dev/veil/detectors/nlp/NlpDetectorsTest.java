package dev.veil.detectors.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import dev.veil.detectors.ScanResult;
import dev.veil.detectors.Scanner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class NlpDetectorsTest {

    private static final List<String> TEXTS = List.of(
            "Hi Saoirse, can you send the draft to Mr. Bellweather at Northgate Capital in Dublin?",
            "Kind regards,\nAugustin Ferreira\nHead of Operations\nLisbon",
            "we moved the standup to thursday because the Jenkins runners were down",
            "The patient reports chest pain and was given aspirin; follow up with Dr. Yilmaz in Ankara.",
            "INSERT INTO staff (name, city) VALUES ('Mette Kristiansen', 'Aarhus');",
            "Is Lagos or Nairobi better for the new office? Ask Chidi Okafor.");

    @Test
    void all_loadsBothModelsFromTheClasspath() {
        List<Detector> detectors = NlpDetectors.all();
        assertEquals(List.of(NameDetector.ID, TopicDetector.ID), detectors.stream().map(Detector::id).toList());
        Scanner scanner = new Scanner(detectors);
        assertTrue(scanner.types().containsAll(List.of("pii.person", "pii.location", "pii.organization", "topic.health")));
    }

    @Test
    void scan_throughScannerReportsNamesAndNoFailures() {
        ScanResult result = new Scanner(NlpDetectors.all()).scan(TEXTS.get(0));
        assertFalse(result.degraded());
        assertTrue(result.findings().stream().anyMatch(f -> f.type().equals(NameDetector.PERSON)));
    }

    @Test
    void detect_concurrentUseGivesTheSameResultsAsSequentialUse() throws Exception {
        List<Detector> detectors = NlpDetectors.all();
        List<List<Finding>> expected = new ArrayList<>();
        for (String text : TEXTS) {
            List<Finding> all = new ArrayList<>();
            for (Detector d : detectors) {
                all.addAll(d.detect(text));
            }
            expected.add(all);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 50; round++) {
                        int i = (round + offset) % TEXTS.size();
                        List<Finding> all = new ArrayList<>();
                        for (Detector d : detectors) {
                            all.addAll(d.detect(TEXTS.get(i)));
                        }
                        if (!all.equals(expected.get(i))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertFalse(expected.stream().allMatch(List::isEmpty), "the texts must produce findings for the test to mean anything");
    }
}
