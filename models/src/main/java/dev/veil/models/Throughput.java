package dev.veil.models;

import dev.veil.detectors.Detector;
import dev.veil.detectors.nlp.NameDetector;
import dev.veil.detectors.nlp.TopicDetector;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Single-thread throughput of the NLP detectors on texts of 1 KB and 16 KB: a chat prompt written
 * for this benchmark (code, an e-mail, log lines; a few names), and generated documents with a
 * name in nearly every line, the worst case for the name finder. A quick figure for
 * tuning; the JMH benchmarks in bench/ are the reference. Time is the benchmark thread's CPU
 * time, so the figure is MB/s per core even on a machine shared with other work.
 */
final class Throughput {

    private Throughput() {
    }

    static void main(Map<String, String> options, PrintStream out) throws IOException {
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "4"));
        String chat;
        try (InputStream in = Throughput.class.getResourceAsStream("bench-chat.txt")) {
            chat = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        NameDetector names = new NameDetector();
        TopicDetector topics = new TopicDetector();
        int[] sizes = {1024, 16 * 1024};
        // The chat prompts first: building the Datafaker pools for the dense texts loads much
        // code, and on a busy machine the JIT then lags behind the warm-up.
        for (int size : sizes) {
            String[] prompts = new String[8];
            for (int i = 0; i < prompts.length; i++) {
                prompts[i] = repeatFrom(chat, i * 97, size);
            }
            measure(List.of(names, topics), prompts, size, "chat prompt", seconds, out);
        }
        NameSampleGenerator generator = new NameSampleGenerator(EntityPools.build(7, 40), 7);
        for (int size : sizes) {
            String[] dense = new String[8];
            for (int i = 0; i < dense.length; i++) {
                dense[i] = chat(generator, size);
            }
            measure(List.of(names, topics), dense, size, "dense names", seconds, out);
        }
    }

    private static void measure(List<Detector> detectors, String[] texts, int size, String label, double seconds,
            PrintStream out) {
        for (Detector d : detectors) {
            // Warm-up by CPU time so that the JIT has compiled the decoder even on a busy machine.
            run(d, texts, 5.0);
            out.printf(Locale.ROOT, "%-11s %5d B %-12s %6.2f MB/s%n", d.id(), size, label + ":", run(d, texts, seconds));
        }
    }

    /** {@code size} chars of {@code text} read cyclically from {@code offset}, so that texts differ. */
    static String repeatFrom(String text, int offset, int size) {
        StringBuilder b = new StringBuilder(size);
        int i = offset % text.length();
        while (b.length() < size) {
            int n = Math.min(size - b.length(), text.length() - i);
            b.append(text, i, i + n);
            i = 0;
        }
        return b.toString();
    }

    static String chat(NameSampleGenerator generator, int size) {
        StringBuilder b = new StringBuilder();
        while (b.length() < size) {
            b.append(generator.document().text()).append("\n\n");
        }
        return b.substring(0, size);
    }

    private static double run(Detector d, String[] texts, double seconds) {
        long[] sizes = new long[texts.length];
        for (int k = 0; k < texts.length; k++) {
            sizes[k] = texts[k].getBytes(StandardCharsets.UTF_8).length;
        }
        long bytes = 0;
        long sink = 0;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long start = cpu.getCurrentThreadCpuTime();
        long deadline = start + (long) (seconds * 1e9);
        int i = 0;
        while (cpu.getCurrentThreadCpuTime() < deadline) {
            int k = i++ % texts.length;
            sink += d.detect(texts[k]).size();
            bytes += sizes[k];
        }
        double elapsed = (cpu.getCurrentThreadCpuTime() - start) / 1e9;
        if (sink < 0) {
            throw new AssertionError();
        }
        return bytes / elapsed / 1e6;
    }
}
