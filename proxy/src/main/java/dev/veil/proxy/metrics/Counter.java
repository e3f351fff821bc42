package dev.veil.proxy.metrics;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * A monotonically increasing count, optionally split by labels. Thread-safe; increments are a
 * {@link LongAdder} add, so hot paths do not contend. Callers on a hot path should keep the
 * {@link Child} they use instead of looking it up on every increment.
 */
public final class Counter extends Metric {

    private final LabelledChildren<Child> children;

    Counter(String name, String help, List<String> labelNames, int maxChildren) {
        super(name, help, labelNames);
        if (!name.endsWith("_total")) {
            throw new IllegalArgumentException("counter names end with _total: " + name);
        }
        this.children = new LabelledChildren<>(name, labelNames.size(), maxChildren, Child::new);
        if (labelNames.isEmpty()) {
            children.get();
        }
    }

    @Override
    public MetricType type() {
        return MetricType.COUNTER;
    }

    /** The child for these label values, in the order of {@link #labelNames()}. */
    public Child labels(String... values) {
        return children.get(values);
    }

    /** Adds one to a counter without labels. */
    public void inc() {
        children.get().inc();
    }

    /** Adds {@code n} to a counter without labels. */
    public void inc(long n) {
        children.get().inc(n);
    }

    @Override
    void writeSamples(StringBuilder out) {
        children.writeValues(out, name(), labelNames(), Child::value);
    }

    /** One labelled count. */
    public static final class Child {
        private final LongAdder count = new LongAdder();

        public void inc() {
            count.increment();
        }

        /** Adds {@code n}, which must not be negative: a counter never goes down. */
        public void inc(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("a counter cannot decrease: " + n);
            }
            count.add(n);
        }

        public long value() {
            return count.sum();
        }
    }
}
