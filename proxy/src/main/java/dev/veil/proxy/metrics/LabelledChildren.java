package dev.veil.proxy.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The children of a labelled metric, one per combination of label values, created on first use
 * and cached. The number of children is capped so that a caller passing unbounded values cannot
 * exhaust memory: past the cap, every new combination shares one child whose values are all
 * {@value #OVERFLOW}. Thread-safe.
 */
final class LabelledChildren<T> {

    static final String OVERFLOW = "_overflow";

    private final String metric;
    private final int labelCount;
    private final int maxChildren;
    private final Supplier<T> factory;
    private final ConcurrentHashMap<List<String>, T> children = new ConcurrentHashMap<>();
    private final List<String> overflowKey;

    LabelledChildren(String metric, int labelCount, int maxChildren, Supplier<T> factory) {
        this.metric = metric;
        this.labelCount = labelCount;
        this.maxChildren = maxChildren;
        this.factory = factory;
        this.overflowKey = Collections.nCopies(labelCount, OVERFLOW);
    }

    T get(String... values) {
        if (values.length != labelCount) {
            throw new IllegalArgumentException("metric " + metric + " takes " + labelCount
                    + " label value(s), got " + values.length);
        }
        List<String> key = List.of(values); // rejects null values
        T child = children.get(key);
        if (child != null) {
            return child;
        }
        if (children.size() >= maxChildren) {
            return children.computeIfAbsent(overflowKey, k -> factory.get());
        }
        return children.computeIfAbsent(key, k -> factory.get());
    }

    /**
     * Writes one sample line per child, {@code name{labels} value}, in {@link #sorted()} order: the
     * whole exposition of a counter or a gauge.
     */
    void writeValues(StringBuilder out, String name, List<String> labelNames, ToLongFunction<T> value) {
        for (Map.Entry<List<String>, T> e : sorted()) {
            out.append(name);
            TextFormat.appendLabels(out, labelNames, e.getKey(), null, null);
            out.append(' ').append(value.applyAsLong(e.getValue())).append('\n');
        }
    }

    /** The children sorted by their label values, so that each scrape lists them in the same order. */
    List<Map.Entry<List<String>, T>> sorted() {
        List<Map.Entry<List<String>, T>> entries = new ArrayList<>(children.entrySet());
        entries.sort(Comparator.comparing(e -> String.join("\u0000", e.getKey())));
        return entries;
    }
}
