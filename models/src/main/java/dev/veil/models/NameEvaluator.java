package dev.veil.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.detectors.Finding;
import dev.veil.detectors.nlp.NameDetector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores the shipped name detector on public labelled data: Presidio's synthetic data set
 * (spans in code points; PERSON, GPE/LOCATION and ORGANIZATION) and WNUT-17 (CoNLL tokens;
 * person, location, corporation). A prediction matches a gold span of the same type if their
 * overlap over union is at least 0.5 ("iou"), or if both ends agree ("exact"); each gold span
 * matches at most one prediction.
 */
final class NameEvaluator {

    record Span(String type, int start, int end) {
    }

    record Doc(String text, List<Span> gold) {
    }

    /** True and false positives and false negatives of one type under one matching rule. */
    static final class Counts {
        int tp;
        int fp;
        int fn;

        double precision() {
            return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    static final List<String> TYPES = List.of(NameDetector.PERSON, NameDetector.LOCATION, NameDetector.ORGANIZATION);

    private NameEvaluator() {
    }

    static void main(Map<String, String> options, PrintStream out) throws IOException {
        NameDetector detector = options.containsKey("min-score")
                ? new NameDetector(Double.parseDouble(options.get("min-score"))) : new NameDetector();
        boolean errors = Boolean.parseBoolean(options.getOrDefault("errors", "false"));
        if (options.containsKey("presidio")) {
            List<Doc> docs = presidio(Path.of(options.get("presidio")));
            report("presidio synth_dataset_v2", docs, detector, out);
            if (errors) {
                errors(docs, detector, out);
            }
        }
        if (options.containsKey("generated")) {
            // Held-out generated text (a seed other than training's): where thresholds are chosen.
            List<Doc> docs = generated(Long.parseLong(options.getOrDefault("seed", "4242")),
                    Integer.parseInt(options.get("generated")));
            for (String t : options.getOrDefault("sweep", "0.5").split(",")) {
                report("generated held-out, min score " + t, docs, new NameDetector(Double.parseDouble(t)), out);
            }
        }
        if (options.containsKey("wnut")) {
            List<Doc> docs = wnut(Path.of(options.get("wnut")));
            report("wnut17 test", docs, detector, out);
            if (errors) {
                errors(docs, detector, out);
            }
        }
    }

    static void report(String name, List<Doc> docs, NameDetector detector, PrintStream out) {
        Map<String, Counts> iou = new TreeMap<>();
        Map<String, Counts> exact = new TreeMap<>();
        for (String t : TYPES) {
            iou.put(t, new Counts());
            exact.put(t, new Counts());
        }
        for (Doc doc : docs) {
            List<Span> predicted = new ArrayList<>();
            for (Finding f : detector.detect(doc.text())) {
                predicted.add(new Span(f.type(), f.start(), f.end()));
            }
            for (String t : TYPES) {
                match(doc.gold(), predicted, t, 0.5, iou.get(t));
                match(doc.gold(), predicted, t, 1.0, exact.get(t));
            }
        }
        out.printf(Locale.ROOT, "%s (%d texts)%n", name, docs.size());
        out.printf(Locale.ROOT, "  %-18s %5s %5s %5s | %6s %6s %6s | %6s %6s %6s%n", "type", "gold", "pred", "tp",
                "P@0.5", "R@0.5", "F1@0.5", "P=", "R=", "F1=");
        for (String t : TYPES) {
            Counts c = iou.get(t);
            Counts e = exact.get(t);
            out.printf(Locale.ROOT, "  %-18s %5d %5d %5d | %6.3f %6.3f %6.3f | %6.3f %6.3f %6.3f%n", t, c.tp + c.fn, c.tp + c.fp,
                    c.tp, c.precision(), c.recall(), c.f1(), e.precision(), e.recall(), e.f1());
        }
    }

    /** Prints missed and wrong spans, for a developer reading the errors by kind (never for training). */
    static void errors(List<Doc> docs, NameDetector detector, PrintStream out) {
        for (Doc doc : docs) {
            List<Span> predicted = new ArrayList<>();
            for (Finding f : detector.detect(doc.text())) {
                predicted.add(new Span(f.type(), f.start(), f.end()));
            }
            StringBuilder b = new StringBuilder();
            for (Span g : doc.gold()) {
                if (predicted.stream().noneMatch(p -> p.type().equals(g.type()) && iou(p, g) >= 0.5)) {
                    b.append("  FN ").append(g.type()).append(" [").append(doc.text(), g.start(), g.end()).append("]\n");
                }
            }
            for (Span p : predicted) {
                if (doc.gold().stream().noneMatch(g -> p.type().equals(g.type()) && iou(p, g) >= 0.5)) {
                    b.append("  FP ").append(p.type()).append(" [").append(doc.text(), p.start(), p.end()).append("]\n");
                }
            }
            if (b.length() > 0) {
                out.println("TEXT " + doc.text().replace('\n', ' '));
                out.print(b);
            }
        }
    }

    /** Greedy one-to-one matching of {@code type} spans, best overlap first. */
    static void match(List<Span> gold, List<Span> predicted, String type, double threshold, Counts counts) {
        List<Span> g = gold.stream().filter(s -> s.type().equals(type)).toList();
        List<Span> p = predicted.stream().filter(s -> s.type().equals(type)).toList();
        boolean[] used = new boolean[p.size()];
        int tp = 0;
        for (Span gs : g) {
            int best = -1;
            double bestIou = 0;
            for (int i = 0; i < p.size(); i++) {
                if (used[i]) {
                    continue;
                }
                double v = iou(gs, p.get(i));
                if (v > bestIou) {
                    bestIou = v;
                    best = i;
                }
            }
            if (best >= 0 && bestIou >= threshold - 1e-9) {
                used[best] = true;
                tp++;
            }
        }
        counts.tp += tp;
        counts.fn += g.size() - tp;
        counts.fp += p.size() - tp;
    }

    static double iou(Span a, Span b) {
        int inter = Math.min(a.end(), b.end()) - Math.max(a.start(), b.start());
        if (inter <= 0) {
            return 0;
        }
        int union = Math.max(a.end(), b.end()) - Math.min(a.start(), b.start());
        return (double) inter / union;
    }

    static List<Doc> generated(long seed, int count) {
        NameSampleGenerator generator = new NameSampleGenerator(EntityPools.build(seed, 100), seed);
        List<Doc> docs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Annotated doc = generator.document();
            List<Span> gold = new ArrayList<>();
            for (Annotated.Mention m : doc.mentions()) {
                gold.add(new Span("pii." + m.type(), m.start(), m.end()));
            }
            docs.add(new Doc(doc.text(), gold));
        }
        return docs;
    }

    static List<Doc> presidio(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Doc> docs = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                String text = node.get("text").asText();
                List<Span> gold = new ArrayList<>();
                for (JsonNode s : node.get("spans")) {
                    String type = switch (s.get("type").asText()) {
                        case "PERSON" -> NameDetector.PERSON;
                        case "GPE", "LOCATION" -> NameDetector.LOCATION;
                        case "ORGANIZATION" -> NameDetector.ORGANIZATION;
                        default -> null;
                    };
                    if (type != null) {
                        // Offsets in the file count code points; Java strings count UTF-16 units.
                        int start = text.offsetByCodePoints(0, s.get("start").asInt());
                        int end = text.offsetByCodePoints(0, s.get("end").asInt());
                        gold.add(new Span(type, start, end));
                    }
                }
                docs.add(new Doc(text, gold));
            }
        }
        return docs;
    }

    /** Sentences of a CoNLL file, tokens joined by single spaces. */
    static List<Doc> wnut(Path file) throws IOException {
        List<Doc> docs = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        List<Span> gold = new ArrayList<>();
        String openType = null;
        int openStart = -1;
        int lastEnd = -1;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                if (openType != null) {
                    gold.add(new Span(openType, openStart, lastEnd));
                    openType = null;
                }
                if (text.length() > 0) {
                    docs.add(new Doc(text.toString(), List.copyOf(gold)));
                }
                text.setLength(0);
                gold.clear();
                continue;
            }
            int tab = line.lastIndexOf('\t');
            String token = line.substring(0, tab);
            String tag = line.substring(tab + 1).strip();
            if (text.length() > 0) {
                text.append(' ');
            }
            int start = text.length();
            text.append(token);
            int end = text.length();
            boolean inside = tag.startsWith("I-") && openType != null && openType.equals(wnutType(tag.substring(2)));
            if (!inside && openType != null) {
                gold.add(new Span(openType, openStart, lastEnd));
                openType = null;
            }
            if (tag.startsWith("B-") || (tag.startsWith("I-") && !inside)) {
                openType = wnutType(tag.substring(2));
                openStart = start;
            }
            lastEnd = end;
        }
        if (openType != null) {
            gold.add(new Span(openType, openStart, lastEnd));
        }
        if (text.length() > 0) {
            docs.add(new Doc(text.toString(), List.copyOf(gold)));
        }
        return docs;
    }

    private static String wnutType(String tag) {
        return switch (tag) {
            case "person" -> NameDetector.PERSON;
            case "location" -> NameDetector.LOCATION;
            case "corporation" -> NameDetector.ORGANIZATION;
            default -> null;
        };
    }
}
