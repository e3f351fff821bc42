package dev.veil.models;

import dev.veil.detectors.Detector;
import dev.veil.detectors.nlp.NameDetector;
import dev.veil.detectors.nlp.TopicDetector;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Single-thread throughput of the NLP detectors on generated chat-like texts of about 1 KB and
 * 16 KB (mixed prose, e-mails, lists, code and logs with names in them). A quick figure for
 * tuning; the JMH benchmarks in bench/ are the reference.
 */
final class Throughput {

    private Throughput() {
    }

    static void main(Map<String, String> options, PrintStream out) {
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "4"));
        EntityPools pools = EntityPools.build(7, 40);
        NameSampleGenerator generator = new NameSampleGenerator(pools, 7);
        NameDetector names = new NameDetector();
        TopicDetector topics = new TopicDetector();
        for (int size : new int[] {1024, 16 * 1024}) {
            String[] texts = new String[32];
            for (int i = 0; i < texts.length; i++) {
                texts[i] = chat(generator, size);
            }
            for (Detector d : List.of(names, topics)) {
                run(d, texts, 1.0);
                double mbs = run(d, texts, seconds);
                out.printf(Locale.ROOT, "%-11s %5d B texts: %6.2f MB/s%n", d.id(), size, mbs);
            }
        }
    }

    static String chat(NameSampleGenerator generator, int size) {
        StringBuilder b = new StringBuilder();
        while (b.length() < size) {
            b.append(generator.document().text()).append("\n\n");
        }
        return b.substring(0, size);
    }

    private static double run(Detector d, String[] texts, double seconds) {
        long bytes = 0;
        long sink = 0;
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        int i = 0;
        while (System.nanoTime() < deadline) {
            String t = texts[i++ % texts.length];
            sink += d.detect(t).size();
            bytes += t.getBytes(StandardCharsets.UTF_8).length;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (sink < 0) {
            throw new AssertionError();
        }
        return bytes / elapsed / 1e6;
    }
}
