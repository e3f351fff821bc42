package dev.veil.proxy.metrics;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A whole-number value that goes up and down (open connections, active streams), optionally split
 * by labels. Thread-safe.
 */
public final class Gauge extends Metric {

    private final LabelledChildren<Child> children;

    Gauge(String name, String help, List<String> labelNames, int maxChildren) {
        super(name, help, labelNames);
        this.children = new LabelledChildren<>(name, labelNames.size(), maxChildren, Child::new);
        if (labelNames.isEmpty()) {
            children.get();
        }
    }

    @Override
    public MetricType type() {
        return MetricType.GAUGE;
    }

    public Child labels(String... values) {
        return children.get(values);
    }

    public void inc() {
        children.get().inc();
    }

    public void dec() {
        children.get().dec();
    }

    public void set(long value) {
        children.get().set(value);
    }

    @Override
    void writeSamples(StringBuilder out) {
        children.writeValues(out, name(), labelNames(), Child::value);
    }

    /** One labelled value. */
    public static final class Child {
        private final AtomicLong value = new AtomicLong();

        public void inc() {
            value.incrementAndGet();
        }

        public void dec() {
            value.decrementAndGet();
        }

        public void set(long v) {
            value.set(v);
        }

        public long value() {
            return value.get();
        }
    }
}
