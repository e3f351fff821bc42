package dev.veil.detectors.pattern;

import dev.veil.detectors.ScanText;
import java.util.Arrays;

/**
 * The parts of a text worth matching: windows around clusters of anchor chars, as triples
 * {@code [start, end, startLimit]}. A match lies in {@code [start, end)}; since every match holds
 * an anchor char, it starts before {@code startLimit}, the end of the window's last anchor.
 */
final class Windows {

    /** The digits, the anchor of most identifier formats. */
    static final String DIGITS = "0123456789";

    private Windows() {
    }

    /**
     * Merged windows reaching {@code before} chars before and {@code after} chars after each
     * anchor char of {@code text}, minus those with fewer than {@code minAnchors} anchor chars. Anchors are found with {@link String#indexOf(int, int)},
     * which is much faster than testing every char.
     */
    static int[] around(String text, String anchors, int minAnchors, int before, int after) {
        if (anchors.equals(DIGITS)) {
            return aroundClusters(new ScanText(text), minAnchors, before, after);
        }
        Builder out = new Builder(text.length(), before, after, minAnchors, 12);
        int[] next = new int[anchors.length()];
        for (int a = 0; a < next.length; a++) {
            next[a] = text.indexOf(anchors.charAt(a));
        }
        while (true) {
            int a = -1;
            for (int k = 0; k < next.length; k++) {
                if (next[k] >= 0 && (a < 0 || next[k] < next[a])) {
                    a = k;
                }
            }
            if (a < 0) {
                return out.windows();
            }
            out.add(next[a], next[a] + 1, 1);
            next[a] = text.indexOf(anchors.charAt(a), next[a] + 1);
        }
    }

    /**
     * The windows of {@link #around} with digits as anchors, built from the clusters that
     * {@code text} has already found, minus the windows that hold fewer than {@code minAnchors}
     * digits: no match of a format with that many digits can lie in them.
     */
    static int[] aroundClusters(ScanText text, int minAnchors, int before, int after) {
        // Detectors of formats with as many digits (nine for SSNs, ITINs, routing numbers and
        // SINs) share one computation per scan.
        return text.derived(new ClusterKey(minAnchors, before, after), int[].class,
                t -> fromClusters(text.digitClusters(), t.length(), minAnchors, before, after));
    }

    /** Names the windows of {@link #aroundClusters} in {@link ScanText#derived(Object, Class, java.util.function.Function)}. */
    private record ClusterKey(int minAnchors, int before, int after) {
    }

    private static int[] fromClusters(int[] clusters, int length, int minAnchors, int before, int after) {
        // Each cluster opens at most one window: room for all of them, so the array never grows.
        Builder out = new Builder(length, before, after, minAnchors, clusters.length);
        for (int c = 0; c < clusters.length; c += 3) {
            out.add(clusters[c], clusters[c + 1], clusters[c + 2]);
        }
        return out.windows();
    }

    /** Merges anchor spans, in order, into windows, dropping those with too few anchors. */
    private static final class Builder {
        private final int length;
        private final int before;
        private final int after;
        private int[] out;
        private int n;
        private int anchors;
        private final int minAnchors;

        Builder(int length, int before, int after, int minAnchors, int capacity) {
            this.out = new int[Math.max(3, capacity)];
            this.length = length;
            this.before = before;
            this.after = after;
            this.minAnchors = minAnchors;
        }

        void add(int anchorStart, int anchorEnd, int count) {
            int start = Math.max(0, anchorStart - before);
            int end = (int) Math.min(length, (long) anchorEnd + after);
            if (n > 0 && start <= out[n - 2]) {
                out[n - 2] = Math.max(out[n - 2], end);
                out[n - 1] = anchorEnd;
                anchors += count;
                return;
            }
            close();
            if (n + 3 > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[n++] = start;
            out[n++] = end;
            out[n++] = anchorEnd;
            anchors = count;
        }

        /** Drops the last window if it holds too few anchors. */
        private void close() {
            if (n > 0 && anchors < minAnchors) {
                n -= 3;
            }
        }

        int[] windows() {
            close();
            return Arrays.copyOf(out, n);
        }
    }
}
