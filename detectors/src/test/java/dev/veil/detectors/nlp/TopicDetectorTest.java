package dev.veil.detectors.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.detectors.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicDetectorTest {

    private static final TopicDetector DETECTOR = new TopicDetector();

    private static void assertTopic(String text, String topic) {
        List<Finding> findings = DETECTOR.detect(text);
        assertTrue(findings.stream().anyMatch(f -> f.type().equals(topic)),
                () -> "expected " + topic + " for: " + text + " but got " + findings);
    }

    @Test
    void types_areTheFourTopics() {
        assertEquals(List.of("topic.financial", "topic.health", "topic.hr", "topic.legal"),
                DETECTOR.types().stream().sorted().toList());
    }

    @Test
    void detect_health() {
        assertTopic("My GP increased my insulin dose and I keep getting headaches and nausea since the change.",
                "topic.health");
    }

    @Test
    void detect_legal() {
        assertTopic("Our lawyer thinks the other party breached the contract; should we sue or go to arbitration?",
                "topic.legal");
    }

    @Test
    void detect_financial() {
        assertTopic("I want to move my pension savings into a low-cost fund and reduce the interest on my mortgage.",
                "topic.financial");
    }

    @Test
    void detect_hr() {
        assertTopic("Draft a warning letter to an employee about repeated lateness and explain the disciplinary process.",
                "topic.hr");
    }

    @Test
    void detect_everydayProgrammingQuestionHasNoTopic() {
        String text = "How do I sort a list of strings by length in Java and then print them?";
        assertEquals(List.of(), DETECTOR.detect(text));
    }

    @Test
    void detect_findingCoversTheClassifiedText() {
        String text = "  The patient was prescribed antibiotics for pneumonia.  ";
        List<Finding> findings = DETECTOR.detect(text);
        assertEquals(1, findings.size());
        Finding f = findings.get(0);
        assertEquals(text.indexOf("The"), f.start());
        assertEquals(text.indexOf("pneumonia") + "pneumonia".length(), f.end());
    }

    @Test
    void detect_emptyTextGivesNothing() {
        assertEquals(List.of(), DETECTOR.detect(""));
    }
}
