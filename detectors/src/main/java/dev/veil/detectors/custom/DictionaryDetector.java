package dev.veil.detectors.custom;

import static java.util.Objects.requireNonNull;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports every occurrence of the terms of a dictionary (code names, customer names, internal
 * hostnames) as {@code custom.<name>}.
 *
 * <p>A dictionary file holds one term per line; blank lines and lines starting with {@code #}
 * are ignored, surrounding spaces are trimmed. Immutable and thread-safe.
 */
public final class DictionaryDetector implements Detector {

    private final String name;
    private final String type;
    private final AhoCorasick matcher;
    private final double score;

    public DictionaryDetector(String name, List<String> terms, boolean caseSensitive, boolean wholeWords, double score) {
        this.name = requireNonNull(name, "name");
        this.type = "custom." + name;
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("dictionary '" + name + "' has no terms");
        }
        if (!(score > 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("dictionary '" + name + "': score must be within (0, 1]: " + score);
        }
        this.matcher = new AhoCorasick(terms, !caseSensitive, wholeWords);
        this.score = score;
    }

    /** Reads the terms of a dictionary file (UTF-8). */
    public static List<String> readTerms(Path file) throws IOException {
        List<String> terms = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                terms.add(t);
            }
        }
        return terms;
    }

    /** Loads a dictionary file; an unreadable file is an {@link UncheckedIOException}. */
    public static DictionaryDetector load(String name, Path file, boolean caseSensitive, boolean wholeWords, double score) {
        try {
            return new DictionaryDetector(name, readTerms(file), caseSensitive, wholeWords, score);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String id() {
        return type;
    }

    @Override
    public List<String> types() {
        return List.of(type);
    }

    @Override
    public List<Finding> detect(String text) {
        List<Finding> findings = new ArrayList<>();
        for (AhoCorasick.Match m : matcher.find(text)) {
            findings.add(new Finding(type, m.start(), m.end(), score, type));
        }
        return findings;
    }

    @Override
    public String toString() {
        return "DictionaryDetector[" + name + ", " + matcher.size() + " terms]";
    }
}
