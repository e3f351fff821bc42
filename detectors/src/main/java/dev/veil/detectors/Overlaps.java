package dev.veil.detectors;

import java.util.ArrayList;
import java.util.List;

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
        DisjointSpans winners = new DisjointSpans();
        kept.addAll(winners.keepStrongest(contenders));
        for (Finding n : names) {
            if (!winners.overlaps(n.start(), n.end())) {
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
}
