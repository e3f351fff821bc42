package dev.veil.detectors.custom;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
 * <p>The trie is compiled into a flat transition table over the chars that occur in the terms
 * (failure links resolved ahead of time), so scanning costs one table read per char, with no
 * boxing and no allocation unless a term is found. Term sets too big for a table keep the
 * linked trie.
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

    /** Largest table (states x char classes) built; bigger term sets keep the linked trie. */
    private static final int MAX_TABLE = 1 << 22;

    private final Node root = new Node();
    private final boolean ignoreCase;
    private final boolean wholeWords;
    private final int size;
    /** The compiled automaton, or null when the term set is too big for a table. */
    private final Table table;

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
        this.table = Table.compile(root, ignoreCase);
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

    /** False when the dictionary was too large for the flat table and the trie is walked instead. */
    boolean compiled() {
        return table != null;
    }

    private char fold(char c) {
        return ignoreCase ? Character.toLowerCase(c) : c;
    }

    /** True if any term occurs in {@code text} (whole words if so built); stops at the first. */
    public boolean containsAny(CharSequence text) {
        if (table != null) {
            return table.scan(text, wholeWords, null);
        }
        return walk(text, 0, text.length(), (start, end, term) -> true);
    }

    /** Receives one occurrence from {@link #walk}; true stops the walk. */
    private interface Visit {
        boolean visit(int start, int end, int term);
    }

    /**
     * The trie walk for dictionaries too large for the flat table: visits each occurrence that lies
     * within {@code [from, to)} (and is a whole word, if so built) until {@code visit} says stop.
     *
     * @return true if {@code visit} stopped the walk
     */
    private boolean walk(CharSequence text, int from, int to, Visit visit) {
        Node n = root;
        for (int i = from; i < to; i++) {
            char c = fold(text.charAt(i));
            while (n != root && !n.next.containsKey(c)) {
                n = n.fail;
            }
            n = n.next.getOrDefault(c, root);
            for (Node o = n.term >= 0 ? n : n.output; o != null; o = o.output) {
                int start = i + 1 - o.length;
                if (start >= from && (!wholeWords || (boundary(text, start - 1) && boundary(text, i + 1)))
                        && visit.visit(start, i + 1, o.term)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A test on one occurrence {@code [start, end)}. */
    @FunctionalInterface
    public interface MatchTest {
        boolean test(int start, int end);
    }

    /**
     * True if an occurrence lies within {@code [from, to)} of {@code text} that {@code test}
     * accepts. Whole-word checks look at the chars around the occurrence even outside the
     * range, so a word cut by the range's edge does not count.
     */
    public boolean anyIn(CharSequence text, int from, int to, MatchTest test) {
        requireNonNull(test, "test");
        if (from < 0 || to > text.length() || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") of " + text.length());
        }
        if (table != null) {
            return table.anyIn(text, from, to, wholeWords, test);
        }
        return walk(text, from, to, (start, end, term) -> test.test(start, end));
    }

    /** Non-overlapping occurrences in {@code text}, leftmost first, the longest at each position. */
    public List<Match> find(CharSequence text) {
        List<Match> all = new ArrayList<>();
        if (table != null) {
            table.scan(text, wholeWords, all);
            return all.isEmpty() ? all : leftmostLongest(all);
        }
        walk(text, 0, text.length(), (start, end, term) -> {
            all.add(new Match(start, end, term));
            return false;
        });
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

    /**
     * The trie as a deterministic automaton: {@code next[state * classes + charClass]}, with
     * class 0 for every char no term holds. Per state, the length and index of the term that
     * ends there (0 and -1 if none) and the nearest state on its failure chain that ends a term.
     */
    private static final class Table {
        final char[] latin = new char[256];
        final Map<Character, Integer> others = new HashMap<>();
        final boolean ignoreCase;
        final int classes;
        final int[] next;
        final int[] length;
        final int[] term;
        final int[] output;

        private Table(int states, int classes, boolean ignoreCase) {
            this.classes = classes;
            this.ignoreCase = ignoreCase;
            this.next = new int[states * classes];
            this.length = new int[states];
            this.term = new int[states];
            this.output = new int[states];
        }

        static Table compile(Node root, boolean ignoreCase) {
            List<Node> order = new ArrayList<>();
            Map<Node, Integer> ids = new IdentityHashMap<>();
            Map<Character, Integer> alphabet = new HashMap<>();
            ArrayDeque<Node> queue = new ArrayDeque<>();
            queue.add(root);
            while (!queue.isEmpty()) {
                Node n = queue.poll();
                ids.put(n, order.size());
                order.add(n);
                for (Map.Entry<Character, Node> e : n.next.entrySet()) {
                    alphabet.putIfAbsent(e.getKey(), alphabet.size() + 1);
                    queue.add(e.getValue());
                }
            }
            int classes = alphabet.size() + 1;
            if ((long) order.size() * classes > MAX_TABLE || classes > Character.MAX_VALUE) {
                return null;
            }
            Table t = new Table(order.size(), classes, ignoreCase);
            for (Map.Entry<Character, Integer> e : alphabet.entrySet()) {
                if (e.getKey() >= 256) {
                    t.others.put(e.getKey(), e.getValue());
                }
            }
            // Every char, not only the folded ones: the class of a char is that of its fold.
            for (char c = 0; c < 256; c++) {
                t.latin[c] = (char) (int) alphabet.getOrDefault(ignoreCase ? Character.toLowerCase(c) : c, 0);
            }
            // Breadth-first order: a state's failure target is compiled before the state.
            for (int s = 0; s < order.size(); s++) {
                Node n = order.get(s);
                t.length[s] = n.length;
                t.term[s] = n.term;
                t.output[s] = n.output == null ? -1 : ids.get(n.output);
                int fail = n.fail == null ? 0 : ids.get(n.fail);
                for (Map.Entry<Character, Integer> e : alphabet.entrySet()) {
                    Node child = n.next.get(e.getKey());
                    int cls = e.getValue();
                    t.next[s * classes + cls] = child != null ? ids.get(child)
                            : s == 0 ? 0 : t.next[fail * classes + cls];
                }
            }
            return t;
        }

        private int classOf(char c) {
            if (c < 256) {
                return latin[c];
            }
            char f = ignoreCase ? Character.toLowerCase(c) : c;
            if (f < 256) {
                return latin[f];
            }
            Integer cls = others.get(f);
            return cls == null ? 0 : cls;
        }

        boolean anyIn(CharSequence text, int from, int to, boolean wholeWords, MatchTest test) {
            int s = 0;
            for (int i = from; i < to; i++) {
                s = next[s * classes + classOf(text.charAt(i))];
                if (s == 0) {
                    continue;
                }
                for (int o = term[s] >= 0 ? s : output[s]; o > 0; o = output[o]) {
                    int start = i + 1 - length[o];
                    if ((!wholeWords || (boundary(text, start - 1) && boundary(text, i + 1))) && test.test(start, i + 1)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * Runs the automaton over {@code text}: with {@code into}, adds every occurrence and
         * returns whether any was found; without, returns at the first occurrence.
         */
        boolean scan(CharSequence text, boolean wholeWords, List<Match> into) {
            int s = 0;
            boolean found = false;
            int n = text.length();
            for (int i = 0; i < n; i++) {
                s = next[s * classes + classOf(text.charAt(i))];
                if (s == 0) {
                    continue;
                }
                for (int o = term[s] >= 0 ? s : output[s]; o > 0; o = output[o]) {
                    int start = i + 1 - length[o];
                    if (!wholeWords || (boundary(text, start - 1) && boundary(text, i + 1))) {
                        if (into == null) {
                            return true;
                        }
                        found = true;
                        into.add(new Match(start, i + 1, term[o]));
                    }
                }
            }
            return found;
        }
    }
}
