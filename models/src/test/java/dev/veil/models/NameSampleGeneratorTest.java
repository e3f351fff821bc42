package dev.veil.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NameSampleGeneratorTest {

    private static EntityPools pools;

    @BeforeAll
    static void pools() {
        pools = EntityPools.build(42, 3);
    }

    private static List<String> texts(long seed, int n) {
        NameSampleGenerator g = new NameSampleGenerator(pools, seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(g.document().text());
        }
        return out;
    }

    @Test
    void document_sameSeedGivesSameText() {
        assertEquals(texts(7, 50), texts(7, 50));
        assertNotEquals(texts(7, 50), texts(8, 50));
    }

    @Test
    void toSamples_everyMentionBecomesATokenAlignedSpan() {
        NameSampleGenerator g = new NameSampleGenerator(pools, 11);
        int mentions = 0;
        int spans = 0;
        for (int i = 0; i < 500; i++) {
            Annotated doc = g.document();
            for (Annotated.Mention m : doc.mentions()) {
                String value = doc.text().substring(m.start(), m.end());
                assertEquals(value.strip(), value, "a mention must not start or end with a space");
            }
            mentions += doc.mentions().size();
            for (NameSample s : NameSampleGenerator.toSamples(doc)) {
                for (Span span : s.getNames()) {
                    assertTrue(span.getEnd() <= s.getSentence().length);
                    spans++;
                }
            }
        }
        assertTrue(mentions > 300, "the generator should place many entities");
        // A mention can straddle a cut only when it holds a line break; that must stay rare.
        assertTrue(spans >= mentions * 0.98, "spans " + spans + " of mentions " + mentions);
    }

    @Test
    void fill_replacesSlotsAndLabelsThem() {
        NameSampleGenerator g = new NameSampleGenerator(pools, 3);
        Annotated doc = new Annotated();
        g.fill(doc, "Ask {TP} at {O} in {C} about {T}.");
        List<String> types = doc.mentions().stream().map(Annotated.Mention::type).toList();
        assertEquals(List.of("person", "organization", "location"), types);
        assertTrue(!doc.text().contains("{"), doc.text());
    }

    @Test
    void topicDocument_sameSeedGivesSameDocuments() {
        TopicSampleGenerator a = new TopicSampleGenerator(pools, 5);
        TopicSampleGenerator b = new TopicSampleGenerator(pools, 5);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.document(), b.document());
        }
    }
}
