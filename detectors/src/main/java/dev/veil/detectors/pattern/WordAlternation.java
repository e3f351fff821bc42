package dev.veil.detectors.pattern;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Writes a list of words as one regular expression grouped by first char: {@code Street|Square|Avenue}
 * becomes {@code (?:A(?:venue)|S(?:treet|quare))}. Java's regex engine tries the branches of an
 * alternation one after the other, so a flat list of a hundred street types costs a hundred
 * comparisons at every position it is tried; grouped, most positions fail at the first char.
 * Deeper nesting would save more comparisons but every group costs the matcher a slot it clears
 * on each attempt, which on short failing attempts costs more than it saves.
 *
 * <p>Within a group longer words come first, so the expression prefers "Streets" to "Street".
 */
final class WordAlternation {

    private WordAlternation() {
    }

    /** A non-capturing group matching exactly the {@code words}. */
    static String of(Collection<String> words) {
        Map<Character, List<String>> byFirst = new TreeMap<>();
        for (String w : words) {
            if (w.isEmpty()) {
                throw new IllegalArgumentException("empty word");
            }
            byFirst.computeIfAbsent(w.charAt(0), c -> new ArrayList<>()).add(w.substring(1));
        }
        StringJoiner out = new StringJoiner("|", "(?:", ")");
        for (Map.Entry<Character, List<String>> e : byFirst.entrySet()) {
            List<String> rests = new ArrayList<>(new LinkedHashSet<>(e.getValue()));
            rests.sort(Comparator.comparingInt(String::length).reversed());
            String first = escape(String.valueOf(e.getKey()));
            if (rests.size() == 1) {
                out.add(first + escape(rests.get(0)));
            } else {
                StringJoiner alt = new StringJoiner("|", "(?:", ")");
                rests.forEach(r -> alt.add(escape(r)));
                out.add(first + alt);
            }
        }
        return out.toString();
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
