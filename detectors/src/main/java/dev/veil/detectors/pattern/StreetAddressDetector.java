package dev.veil.detectors.pattern;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import dev.veil.detectors.ScanText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The street address detector: the rules of {@link StreetAddresses}, each a pattern detector,
 * with their overlapping matches reported once. Several rules often match the same address
 * ("3 Via Roma 10, Apt 4" is a street with a type word first and a name with a unit), and a
 * caller should see one address, the strongest match and then the longest.
 *
 * <p>Immutable and thread-safe.
 */
final class StreetAddressDetector implements Detector {

    private static final Comparator<Finding> STRONGEST_FIRST = Comparator
            .comparingDouble(Finding::score).reversed()
            .thenComparing(Comparator.comparingInt(Finding::length).reversed())
            .thenComparingInt(Finding::start);

    private final List<PatternDetector> rules;

    StreetAddressDetector(List<PatternDetector> rules) {
        this.rules = List.copyOf(rules);
    }

    @Override
    public String id() {
        return StreetAddresses.TYPE;
    }

    @Override
    public List<String> types() {
        return List.of(StreetAddresses.TYPE);
    }

    @Override
    public List<Finding> detect(String text) {
        return detect(new ScanText(text));
    }

    @Override
    public List<Finding> detect(ScanText text) {
        List<Finding> all = new ArrayList<>();
        for (PatternDetector rule : rules) {
            for (Finding f : rule.detect(text)) {
                all.add(new Finding(f.type(), f.start(), f.end(), f.score(), StreetAddresses.TYPE));
            }
        }
        if (all.size() < 2) {
            return all;
        }
        all.sort(STRONGEST_FIRST);
        List<Finding> kept = new ArrayList<>(all.size());
        for (Finding f : all) {
            if (!overlapsAny(kept, f)) {
                kept.add(f);
            }
        }
        kept.sort(Comparator.comparingInt(Finding::start));
        return kept;
    }

    private static boolean overlapsAny(List<Finding> kept, Finding f) {
        for (Finding k : kept) {
            if (f.start() < k.end() && k.start() < f.end()) {
                return true;
            }
        }
        return false;
    }

    /** This detector with {@link PatternDetector#withoutShortcuts()} rules, for tests. */
    StreetAddressDetector withoutShortcuts() {
        return new StreetAddressDetector(rules.stream().map(PatternDetector::withoutShortcuts).toList());
    }

    @Override
    public String toString() {
        return "StreetAddressDetector[" + rules.size() + " rules]";
    }
}
