package dev.veil.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates documents for the topic categorizer: a few sentences of one category, often mixed
 * with everyday sentences (names, code, scheduling) so that the model learns to weigh topic
 * words rather than length or shape. Deterministic for a given seed. Not thread-safe.
 */
final class TopicSampleGenerator {

    record TopicDocument(String category, String text) {
    }

    private final Random random;
    private final NameSampleGenerator filler;
    private final List<String> categories;

    TopicSampleGenerator(EntityPools pools, long seed) {
        this.random = new Random(seed);
        this.filler = new NameSampleGenerator(pools, seed ^ 0x5DEECE66DL);
        this.categories = new ArrayList<>(TopicTemplates.BY_TOPIC.keySet());
        this.categories.sort(String::compareTo);
    }

    List<String> categories() {
        return categories;
    }

    private void keywords(Annotated doc, String category) {
        List<String> keywords = TopicTemplates.KEYWORDS.get(category);
        String frame = TopicTemplates.FRAMES.get(random.nextInt(TopicTemplates.FRAMES.size()));
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (true) {
            int k = frame.indexOf("{K}", i);
            if (k < 0) {
                b.append(frame, i, frame.length());
                break;
            }
            b.append(frame, i, k).append(keywords.get(random.nextInt(keywords.size())));
            i = k + 3;
        }
        doc.append(b.toString());
    }

    TopicDocument document() {
        // The none class gets twice the documents: it is the most varied and the costliest to get wrong.
        int pick = random.nextInt(categories.size() + 1);
        String category = pick >= categories.size() ? "none" : categories.get(pick);
        Map<String, List<String>> topics = TopicTemplates.BY_TOPIC;
        List<String> own = topics.get(category);
        List<String> none = topics.get("none");
        Annotated doc = new Annotated();
        int sentences = 1 + random.nextInt(4);
        for (int i = 0; i < sentences; i++) {
            if (i > 0) {
                doc.append(random.nextInt(3) == 0 ? "\n" : " ");
            }
            int kind = random.nextInt(10);
            if ((i == 0 && kind < 5) || kind < 3) {
                filler.fill(doc, own.get(random.nextInt(own.size())));
            } else if (i == 0 || kind < 6) {
                keywords(doc, category);
            } else if (kind < 8) {
                filler.fill(doc, none.get(random.nextInt(none.size())));
            } else {
                List<String> t = random.nextBoolean() ? NameTemplates.WITH_ENTITIES : NameTemplates.WITHOUT_ENTITIES;
                filler.fill(doc, t.get(random.nextInt(t.size())));
            }
        }
        return new TopicDocument(category, doc.text());
    }
}
