package dev.veil.detectors.custom;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds every occurrence of many terms in one pass over a text (Aho and Corasick, 1975): a trie
 * of the terms with failure links, so that the cost is linear in the text plus the matches,
 * however many terms there are.
 *
 * <p>Case-insensitive matching folds each char with {@link Character#toLowerCase(char)}, which
 * keeps offsets one to one. Word-boundary matching keeps only occurrences not preceded or
 * followed by a letter or digit, so "Orion" does not match inside "Orionids". Among overlapping
 * occurrences the leftmost, then the longest wins.
 *
 * <p>Immutable after construction and thread-safe.
 */
public final class AhoCorasick {

    /** One occurrence: {@code [start, end)} in the text, and the index of the term found. */
    public record Match(int start, int end, int term) {
    }

    private static final class Node {
        final Map<Character, Node> next = new HashMap<>();
        Node fail;
        /** Length of the term ending here, or 0; and that term's index. */
        int length;
        int term = -1;
        /** Nearest node along the failure chain that ends a term (the "output link"). */
        Node output;
    }

    private final Node root = new Node();
    private final boolean ignoreCase;
    private final boolean wholeWords;
    private final int size;

    public AhoCorasick(Collection<String> terms, boolean ignoreCase, boolean wholeWords) {
        requireNonNull(terms, "terms");
        this.ignoreCase = ignoreCase;
        this.wholeWords = wholeWords;
        int index = 0;
        for (String term : terms) {
            requireNonNull(term, "term");
            if (term.isEmpty()) {
                throw new IllegalArgumentException("empty term at index " + index);
            }
            Node n = root;
            for (int i = 0; i < term.length(); i++) {
                n = n.next.computeIfAbsent(fold(term.charAt(i)), c -> new Node());
            }
            if (n.term < 0) {
                n.term = index;
                n.length = term.length();
            }
            index++;
        }
        this.size = index;
        link();
    }

    /** Number of terms given. */
    public int size() {
        return size;
    }

    private void link() {
        ArrayDeque<Node> queue = new ArrayDeque<>();
        for (Node child : root.next.values()) {
            child.fail = root;
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            Node n = queue.poll();
            for (Map.Entry<Character, Node> e : n.next.entrySet()) {
                Node child = e.getValue();
                Node f = n.fail;
                while (f != null && !f.next.containsKey(e.getKey())) {
                    f = f.fail;
                }
                child.fail = f == null ? root : f.next.get(e.getKey());
                child.output = child.fail.term >= 0 ? child.fail : child.fail.output;
                queue.add(child);
            }
        }
    }

    private char fold(char c) {
        return ignoreCase ? Character.toLowerCase(c) : c;
    }

    /** True if any term occurs in {@code text} (whole words if so built); stops at the first. */
    public boolean containsAny(CharSequence text) {
        Node n = root;
        for (int i = 0; i < text.length(); i++) {
            char c = fold(text.charAt(i));
            while (n != root && !n.next.containsKey(c)) {
                n = n.fail;
            }
            n = n.next.getOrDefault(c, root);
            for (Node o = n.term >= 0 ? n : n.output; o != null; o = o.output) {
                int start = i + 1 - o.length;
                if (!wholeWords || (boundary(text, start - 1) && boundary(text, i + 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Non-overlapping occurrences in {@code text}, leftmost first, the longest at each position. */
    public List<Match> find(CharSequence text) {
        List<Match> all = new ArrayList<>();
        Node n = root;
        for (int i = 0; i < text.length(); i++) {
            char c = fold(text.charAt(i));
            while (n != root && !n.next.containsKey(c)) {
                n = n.fail;
            }
            n = n.next.getOrDefault(c, root);
            for (Node o = n.term >= 0 ? n : n.output; o != null; o = o.output) {
                int start = i + 1 - o.length;
                if (!wholeWords || (boundary(text, start - 1) && boundary(text, i + 1))) {
                    all.add(new Match(start, i + 1, o.term));
                }
            }
        }
        return leftmostLongest(all);
    }

    private static boolean boundary(CharSequence text, int i) {
        return i < 0 || i >= text.length() || !Character.isLetterOrDigit(text.charAt(i));
    }

    private static List<Match> leftmostLongest(List<Match> all) {
        all.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start())
                : Integer.compare(b.end(), a.end()));
        List<Match> kept = new ArrayList<>();
        int end = -1;
        for (Match m : all) {
            if (m.start() >= end) {
                kept.add(m);
                end = m.end();
            }
        }
        return kept;
    }
}
