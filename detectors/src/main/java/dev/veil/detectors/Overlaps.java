package dev.veil.detectors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolves findings of different detectors over the same chars: a card number is not also a
 * phone number, an SSN not also a driver licence. Of overlapping entity findings the one with
 * the higher score wins, then the longer one. Custom findings ({@code custom.*}), markers and
 * topics describe the text rather than compete for chars, and are always kept. Names of people,
 * places and organizations come from a statistical model: where one touches a validated pattern
 * finding (an e-mail address, a street address), the pattern finding alone is kept, whatever the
 * model's score.
 */
final class Overlaps {

    private static final Comparator<Finding> STRONGEST_FIRST = Comparator
            .comparingDouble(Finding::score).reversed()
            .thenComparing(Comparator.comparingInt(Finding::length).reversed())
            .thenComparingInt(Finding::start);

    private Overlaps() {
    }

    static List<Finding> resolve(List<Finding> findings) {
        List<Finding> kept = new ArrayList<>(findings.size());
        List<Finding> contenders = new ArrayList<>(findings.size());
        List<Finding> names = new ArrayList<>();
        for (Finding f : findings) {
            if (isName(f)) {
                names.add(f);
            } else if (competes(f)) {
                contenders.add(f);
            } else {
                kept.add(f);
            }
        }
        contenders.sort(STRONGEST_FIRST);
        // Winners never overlap one another, so by start they are also by end: the one starting
        // last before a finding's end is the only one that can overlap it. A look-up per finding,
        // not a pass over every winner (a text with many thousands of findings was quadratic).
        TreeMap<Integer, Finding> winners = new TreeMap<>();
        for (Finding f : contenders) {
            if (!overlapsAny(winners, f)) {
                // An empty finding can start where a winner starts; the longer one stands for both.
                winners.merge(f.start(), f, (a, b) -> a.end() >= b.end() ? a : b);
                kept.add(f);
            }
        }
        for (Finding n : names) {
            if (!overlapsAny(winners, n)) {
                kept.add(n);
            }
        }
        return kept;
    }

    private static boolean isName(Finding f) {
        String t = f.type();
        return t.equals("pii.person") || t.equals("pii.location") || t.equals("pii.organization");
    }

    private static boolean competes(Finding f) {
        String t = f.type();
        return !(t.startsWith("custom.") || t.startsWith("marker.") || t.startsWith("topic."));
    }

    private static boolean overlapsAny(TreeMap<Integer, Finding> winners, Finding f) {
        Map.Entry<Integer, Finding> before = winners.lowerEntry(f.end());
        return before != null && before.getValue().end() > f.start();
    }
}
