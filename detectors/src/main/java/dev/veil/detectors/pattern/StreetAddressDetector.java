package dev.veil.detectors.pattern;

import static java.util.Objects.requireNonNull;

import dev.veil.detectors.Detector;
import dev.veil.detectors.DisjointSpans;
import dev.veil.detectors.Finding;
import dev.veil.detectors.ScanText;
import dev.veil.detectors.pattern.StreetAddresses.Need;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The street address detector: the rules of {@link StreetAddresses}, each a pattern detector
 * that finds a street line, extended here by what follows it (units, a locality, envelope
 * lines: {@link StreetAddresses#AFTER}), with overlapping matches reported once. Several rules
 * often match the same address ("3 Via Roma 10, Apt 4" is a street with a type word first and
 * a name with a unit), and a caller should see one address, the strongest match and then the
 * longest. What follows a street is matched here, once per street found, rather than in each
 * rule's expression: the expressions stay small, and small expressions fail fast at the many
 * places in a text where a street might start but does not.
 *
 * <p>Immutable and thread-safe.
 */
final class StreetAddressDetector implements Detector {

    /** A rule: the street lines it finds, and what one needs after it to be reported. */
    record Rule(PatternDetector street, Classifier need) {
        Rule {
            requireNonNull(street, "street");
            requireNonNull(need, "need");
        }

        Rule(PatternDetector street, Need need) {
            this(street, (t, s, e) -> need);
        }
    }

    /** What a street line found at {@code [start, end)} of {@code text} needs after it. */
    @FunctionalInterface
    interface Classifier {
        Need of(String text, int start, int end);
    }

    private final List<Rule> rules;

    StreetAddressDetector(List<Rule> rules) {
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
        String s = text.text();
        List<Finding> all = new ArrayList<>();
        Matcher after = null;
        for (Rule rule : rules) {
            for (Finding f : rule.street().detect(text)) {
                Need need = rule.need().of(s, f.start(), f.end());
                int end = f.end();
                if (need != Need.NO_EXTENSION) {
                    after = after == null ? bounded(StreetAddresses.AFTER.matcher(s)) : after;
                    end = after.region(end, s.length()).lookingAt() ? after.end() : end;
                    if (need == Need.MORE && end == f.end() || need == Need.POSTCODE && !postcode(s, f.end(), end)) {
                        continue;
                    }
                }
                end = StreetAddresses.withoutFullStop(s, f.start(), end);
                all.add(new Finding(f.type(), f.start(), end, f.score(), StreetAddresses.TYPE));
            }
        }
        if (all.size() < 2) {
            return all;
        }
        List<Finding> kept = new DisjointSpans().keepStrongest(withoutContained(all));
        kept.sort(Comparator.comparingInt(Finding::start));
        return kept;
    }

    /**
     * The findings that no other finding contains, each with the best score of those it
     * contains: a match inside a longer one is part of the same address ("Suite 4\nLindau
     * 10115" inside the street line that comes before it, a street inside an intersection), and
     * the longer match is the address even when a rule with more evidence found only the part.
     */
    static List<Finding> withoutContained(List<Finding> findings) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingInt(Finding::start).thenComparing(Comparator.comparingInt(Finding::end).reversed()));
        List<Finding> out = new ArrayList<>(sorted.size());
        int last = -1;
        int maxEnd = -1;
        for (Finding f : sorted) {
            if (last >= 0 && f.end() <= maxEnd) {
                Finding container = out.get(last);
                if (f.score() > container.score()) {
                    out.set(last, new Finding(container.type(), container.start(), container.end(), f.score(),
                            container.detector()));
                }
                continue;
            }
            out.add(f);
            last = out.size() - 1;
            maxEnd = f.end();
        }
        return out;
    }

    private static boolean postcode(String s, int from, int to) {
        return from < to && StreetAddresses.POSTCODE.matcher(s).region(from, to).find();
    }

    private static Matcher bounded(Matcher m) {
        return m.useTransparentBounds(true).useAnchoringBounds(false);
    }

    /** This detector with {@link PatternDetector#withoutShortcuts()} rules, for tests. */
    StreetAddressDetector withoutShortcuts() {
        return new StreetAddressDetector(rules.stream()
                .map(r -> new Rule(r.street().withoutShortcuts(), r.need()))
                .toList());
    }

    @Override
    public String toString() {
        return "StreetAddressDetector[" + rules.size() + " rules]";
    }
}
