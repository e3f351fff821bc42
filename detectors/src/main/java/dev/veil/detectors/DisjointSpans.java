package dev.veil.detectors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spans kept so far when findings are taken strongest first and each is kept unless it overlaps
 * one kept before it. The kept spans never overlap one another, so ordered by start they are
 * ordered by end too, and the one starting last before a span's end is the only one that can
 * overlap it: one ordered look-up per test, where a pass over every kept span made a text with
 * many thousands of findings quadratic.
 *
 * <p>Not thread-safe; one instance per resolution.
 */
public final class DisjointSpans {

    /** Higher score first, then the longer, then the earlier. */
    private static final Comparator<Finding> STRONGEST_FIRST = Comparator
            .comparingDouble(Finding::score).reversed()
            .thenComparing(Comparator.comparingInt(Finding::length).reversed())
            .thenComparingInt(Finding::start);

    /** start -> end of each kept span. */
    private final TreeMap<Integer, Integer> ends = new TreeMap<>();

    /** True if {@code [start, end)} shares a char with a kept span (an empty span: lies strictly inside one). */
    public boolean overlaps(int start, int end) {
        Map.Entry<Integer, Integer> before = ends.lowerEntry(end);
        return before != null && before.getValue() > start;
    }

    /** Keeps {@code [start, end)}, which must overlap no kept span. */
    public void add(int start, int end) {
        // An empty span can start where a kept one starts; the longer one stands for both.
        ends.merge(start, end, Math::max);
    }

    /**
     * Of {@code findings}, strongest first, each that overlaps none kept before it; their spans are
     * kept here. Returned in the order kept.
     */
    public List<Finding> keepStrongest(List<Finding> findings) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(STRONGEST_FIRST);
        List<Finding> kept = new ArrayList<>(sorted.size());
        for (Finding f : sorted) {
            if (!overlaps(f.start(), f.end())) {
                add(f.start(), f.end());
                kept.add(f);
            }
        }
        return kept;
    }
}
