package dev.veil.detectors.nlp;

import dev.veil.detectors.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Joins the parts of one person's name that the model and the rules found apart, or found only
 * in part, where the written form leaves no doubt that they belong together: a middle initial
 * ("Marit K. Halvorsen"), the particles of Dutch, German, Romance and Arabic names ("Greta van der
 * Hoeven", "Omar bin Khalid"), and the surname after a known first name found alone ("Ilse
 * Brandvold"). A name word joined this way must itself look
 * like a name (capitalised, not an ordinary word or a title) and stand on the same line.
 *
 * <p>Stateless and thread-safe.
 */
final class Joins {

    /** Lower-case words that stand between the parts of a name, one or two of them in a row. */
    private static final Set<String> PARTICLES = Set.of("van", "de", "der", "den", "von", "da", "di", "del",
            "della", "du", "le", "la", "dos", "das", "ter", "ten", "zu", "bin", "ibn", "al");

    private Joins() {
    }

    /** {@code found} (ordered by start, not overlapping) with the person names joined. */
    static List<Finding> joined(WordFacts facts, Tokens tokens, List<Finding> found) {
        int n = tokens.size();
        Finding[] at = new Finding[n];
        int t = 0;
        for (Finding f : found) {
            while (t < n && tokens.ends()[t] <= f.start()) {
                t++;
            }
            for (int i = t; i < n && tokens.starts()[i] < f.end(); i++) {
                at[i] = f;
            }
        }
        List<Finding> out = new ArrayList<>(found.size());
        boolean changed = false;
        for (int i = 0; i < n; i++) {
            Finding f = at[i];
            if (f == null) {
                continue;
            }
            int first = i;
            int last = i;
            while (last + 1 < n && at[last + 1] == f) {
                last++;
            }
            i = last;
            if (!NameDetector.PERSON.equals(f.type())) {
                out.add(f);
                continue;
            }
            int start = first;
            int before = nameBefore(facts, tokens, at, first);
            if (before >= 0) {
                start = before;
            }
            int end = last;
            // The surname rule is for a first name found alone, so it is offered only on the first step.
            for (int next = nameAfter(facts, tokens, at, end, start == first && first == last); next >= 0;
                    next = nameAfter(facts, tokens, at, end, false)) {
                end = next;
                // A person found already beyond the join is the same name: take it in whole.
                while (end + 1 < n && at[end + 1] != null && at[end + 1] == at[next] && at[next] != f) {
                    end++;
                }
            }
            if (start == first && end == last) {
                out.add(f);
                continue;
            }
            changed = true;
            // Anything the joined name now covers was part of it.
            while (!out.isEmpty() && out.get(out.size() - 1).end() > tokens.starts()[start]) {
                out.remove(out.size() - 1);
            }
            out.add(new Finding(NameDetector.PERSON, tokens.starts()[start], tokens.ends()[end], f.score(), NameDetector.ID));
            i = end;
        }
        return changed ? out : found;
    }

    /**
     * The index of a name word after {@code last} joined to it by particles or a middle initial
     * ("... van der Hoeven", "Marit K. Halvorsen"), or, when the person is one known first name
     * ({@code alone}), the name word right after it ("Ilse Brandvold"); or -1.
     */
    private static int nameAfter(WordFacts facts, Tokens tokens, Finding[] at, int last, boolean alone) {
        String[] w = tokens.words();
        int k = last + 1;
        if (alone && facts.isFirstName(last) && k < w.length
                && !tokens.lineBreakBefore(k) && tokens.ends()[last] < tokens.starts()[k]
                && Mentions.isNameWord(facts, w[k], k) && at[k] == null) {
            // A known first name found alone, then a name word nobody claimed: its surname.
            return k;
        }
        if (isInitial(tokens, last)) {
            // The name already ends in an initial ("Marit K."): the surname may follow directly.
            k = last + 2;
        } else if (k + 1 < w.length && isInitial(tokens, k)) {
            k += 2;
        } else {
            int particles = 0;
            while (k < w.length && particles < 2 && PARTICLES.contains(w[k]) && !tokens.lineBreakBefore(k)) {
                k++;
                particles++;
            }
            if (particles == 0) {
                return -1;
            }
        }
        if (k >= w.length || tokens.lineBreakBefore(k) || !Mentions.isNameWord(facts, w[k], k)
                || at[k] != null && !NameDetector.PERSON.equals(at[k].type())) {
            return -1;
        }
        return k;
    }

    /** The index of a name word joined by particles before {@code first} ("Greta van der [Hoeven]"), or -1. */
    private static int nameBefore(WordFacts facts, Tokens tokens, Finding[] at, int first) {
        String[] w = tokens.words();
        int k = first - 1;
        int particles = 0;
        while (k >= 0 && particles < 2 && PARTICLES.contains(w[k]) && !tokens.lineBreakBefore(k + 1)) {
            k--;
            particles++;
        }
        if (particles == 0 || k < 0 || tokens.lineBreakBefore(k + 1) || !Mentions.isNameWord(facts, w[k], k)
                || at[k] != null) {
            return -1;
        }
        return k;
    }

    /** A single capital letter followed at once by a period: "K." in "Marit K. Halvorsen". */
    private static boolean isInitial(Tokens tokens, int i) {
        String[] w = tokens.words();
        return i + 1 < w.length && w[i].length() == 1 && Character.isUpperCase(w[i].charAt(0))
                && w[i + 1].equals(".") && tokens.ends()[i] == tokens.starts()[i + 1];
    }
}
