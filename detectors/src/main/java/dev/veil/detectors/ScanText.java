package dev.veil.detectors;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The (normalized) text of one scan, with facts about it that many detectors need, computed once
 * on first use and shared: where the clusters of digits are. Most identifiers are a cluster of
 * digits of some minimum size, so a detector that knows the clusters looks only at the few
 * places worth matching instead of passing over the whole text again.
 *
 * <p>Not thread-safe: one instance serves the detectors of one scan, one after the other.
 */
public final class ScanText {

    /**
     * Digits at most this many chars apart belong to one cluster: wide enough for the separators
     * inside any identifier ("(415) 555", "85T10A562"), narrow enough to keep words apart.
     */
    public static final int CLUSTER_GAP = 3;

    private final String text;
    private int[] clusters;
    private Map<Object, Object> derived;

    public ScanText(String text) {
        this.text = requireNonNull(text, "text");
    }

    public String text() {
        return text;
    }

    /**
     * The clusters of digits, as {@code [start0, end0, digits0, start1, end1, digits1, ...]}:
     * each runs from its first digit to after its last, holds {@code digits} ASCII digits, and
     * no digit of it is more than {@link #CLUSTER_GAP} chars from the next one. Callers must not
     * modify the array.
     */
    public int[] digitClusters() {
        if (clusters == null) {
            clusters = findClusters(text);
        }
        return clusters;
    }

    /**
     * A value derived from the text, computed by the first detector that asks for it and shared
     * with every later one that asks with the same {@code kind} (the word tokens both NLP
     * detectors read, for example). The value must not be modified.
     */
    public <T> T derived(Class<T> kind, Function<String, T> compute) {
        return derived(kind, kind, compute);
    }

    /**
     * As {@link #derived(Class, Function)}, for values of one kind that differ by some
     * parameters: {@code key} (with {@code equals} and {@code hashCode}, a record for example)
     * names the value, such as the candidates of one expression, which every detector built on
     * the same expression then shares. The value must not be modified.
     */
    public <T> T derived(Object key, Class<T> kind, Function<String, T> compute) {
        requireNonNull(key, "key");
        if (derived == null) {
            derived = new HashMap<>(16);
        }
        Object v = derived.get(key);
        if (v == null) {
            v = requireNonNull(compute.apply(text), "derived value");
            derived.put(key, v);
        }
        return kind.cast(v);
    }

    private static int[] findClusters(String text) {
        int[] out = new int[Math.max(24, text.length() / 8)];
        int n = 0;
        int start = -1;
        int last = -1;
        int digits = 0;
        for (int i = 0, length = text.length(); i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            if (start >= 0 && i - last - 1 > CLUSTER_GAP) {
                if (n + 3 > out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                out[n++] = start;
                out[n++] = last + 1;
                out[n++] = digits;
                start = -1;
            }
            if (start < 0) {
                start = i;
                digits = 0;
            }
            last = i;
            digits++;
        }
        if (start >= 0) {
            if (n + 3 > out.length) {
                out = Arrays.copyOf(out, n + 3);
            }
            out[n++] = start;
            out[n++] = last + 1;
            out[n++] = digits;
        }
        return Arrays.copyOf(out, n);
    }
}
