package dev.veil.detectors.pattern;

import static java.util.Objects.requireNonNull;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import dev.veil.detectors.ScanText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One detector id made of several parts, for a format written in shapes that need different
 * rules (a dashed SSN stands alone, nine plain digits need a context word). Findings keep the
 * part's detector id, which callers should set to this composite's id.
 *
 * <p>Thread-safe if the parts are.
 */
public final class CompositeDetector implements Detector {

    private final String id;
    private final List<Detector> parts;
    private final List<String> types;

    public CompositeDetector(String id, List<? extends Detector> parts) {
        this.id = requireNonNull(id, "id");
        this.parts = List.copyOf(parts);
        if (this.parts.isEmpty()) {
            throw new IllegalArgumentException(id + ": no parts");
        }
        Set<String> all = new LinkedHashSet<>();
        for (Detector part : this.parts) {
            all.addAll(part.types());
        }
        this.types = List.copyOf(all);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<String> types() {
        return types;
    }

    @Override
    public List<Finding> detect(String text) {
        List<Finding> findings = new ArrayList<>();
        for (Detector part : parts) {
            findings.addAll(part.detect(text));
        }
        return findings;
    }

    @Override
    public List<Finding> detect(ScanText text) {
        List<Finding> findings = List.of();
        for (int i = 0; i < parts.size(); i++) {
            List<Finding> found = parts.get(i).detect(text);
            if (!found.isEmpty()) {
                if (findings.isEmpty()) {
                    findings = new ArrayList<>();
                }
                findings.addAll(found);
            }
        }
        return findings;
    }

    /** This composite with {@link PatternDetector#withoutShortcuts()} parts, for tests. */
    CompositeDetector withoutShortcuts() {
        return new CompositeDetector(id, parts.stream()
                .map(p -> p instanceof PatternDetector pd ? pd.withoutShortcuts() : p)
                .toList());
    }

    @Override
    public String toString() {
        return "CompositeDetector[" + id + "]";
    }
}
