package dev.veil.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NameEvaluatorTest {

    @Test
    void match_countsOverlapAtHalfAndExactSeparately() {
        List<NameEvaluator.Span> gold = List.of(new NameEvaluator.Span("pii.person", 0, 10));
        List<NameEvaluator.Span> predicted = List.of(new NameEvaluator.Span("pii.person", 0, 6),
                new NameEvaluator.Span("pii.person", 20, 25));
        NameEvaluator.Counts iou = new NameEvaluator.Counts();
        NameEvaluator.Counts exact = new NameEvaluator.Counts();
        NameEvaluator.match(gold, predicted, "pii.person", 0.5, iou);
        NameEvaluator.match(gold, predicted, "pii.person", 1.0, exact);
        assertEquals(1, iou.tp);
        assertEquals(1, iou.fp);
        assertEquals(0, iou.fn);
        assertEquals(0, exact.tp);
        assertEquals(2, exact.fp);
        assertEquals(1, exact.fn);
    }

    @Test
    void presidio_convertsCodePointOffsetsToUtf16(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("spans.jsonl");
        String line = "{\"id\": 1, \"text\": \"\uD83D\uDE00 Bo Lind\", \"spans\": [{\"type\": \"PERSON\", \"start\": 2, \"end\": 9}]}\n";
        Files.writeString(file, line, StandardCharsets.UTF_8);
        NameEvaluator.Doc doc = NameEvaluator.presidio(file).get(0);
        NameEvaluator.Span span = doc.gold().get(0);
        assertEquals("Bo Lind", doc.text().substring(span.start(), span.end()));
    }

    @Test
    void wnut_joinsTokensAndReadsBioSpans(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("test.conll");
        Files.writeString(file, "met\tO\nAda\tB-person\nKing\tI-person\nin\tO\nOslo\tB-location\n\nhi\tO\n",
                StandardCharsets.UTF_8);
        List<NameEvaluator.Doc> docs = NameEvaluator.wnut(file);
        assertEquals(2, docs.size());
        NameEvaluator.Doc first = docs.get(0);
        assertEquals("met Ada King in Oslo", first.text());
        assertEquals(List.of(new NameEvaluator.Span("pii.person", 4, 12), new NameEvaluator.Span("pii.location", 16, 20)),
                first.gold());
    }
}
