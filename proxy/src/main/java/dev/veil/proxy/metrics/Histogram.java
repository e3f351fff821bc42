package dev.veil.proxy.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A distribution of observed values in fixed buckets, optionally split by labels. Each bucket is a
 * {@link LongAdder}, so observing does not contend; the count written is the sum of the buckets
 * read at scrape time, so {@code _count} always equals the {@code +Inf} bucket. Thread-safe.
 */
public final class Histogram extends Metric {

    private final double[] bounds;
    private final String[] boundLabels;
    private final LabelledChildren<Child> children;

    Histogram(String name, String help, double[] buckets, List<String> labelNames, int maxChildren) {
        super(name, help, labelNames);
        if (labelNames.contains("le")) {
            throw new IllegalArgumentException("histogram " + name + ": the label name le is reserved");
        }
        if (buckets.length == 0) {
            throw new IllegalArgumentException("histogram " + name + " needs at least one bucket");
        }
        for (int i = 0; i < buckets.length; i++) {
            if (!Double.isFinite(buckets[i]) || (i > 0 && buckets[i] <= buckets[i - 1])) {
                throw new IllegalArgumentException("histogram " + name
                        + ": bucket bounds must be finite and strictly increasing: " + Arrays.toString(buckets));
            }
        }
        this.bounds = buckets.clone();
        this.boundLabels = new String[bounds.length + 1];
        for (int i = 0; i < bounds.length; i++) {
            boundLabels[i] = TextFormat.number(bounds[i]);
        }
        boundLabels[bounds.length] = "+Inf";
        this.children = new LabelledChildren<>(name, labelNames.size(), maxChildren, () -> new Child(bounds));
        if (labelNames.isEmpty()) {
            children.get();
        }
    }

    @Override
    public MetricType type() {
        return MetricType.HISTOGRAM;
    }

    /** The upper bounds of the buckets, without the implicit {@code +Inf}. */
    public double[] buckets() {
        return bounds.clone();
    }

    public Child labels(String... values) {
        return children.get(values);
    }

    public void observe(double value) {
        children.get().observe(value);
    }

    @Override
    void writeSamples(StringBuilder out) {
        for (Map.Entry<List<String>, Child> e : children.sorted()) {
            Child c = e.getValue();
            long cumulative = 0;
            for (int i = 0; i < c.buckets.length; i++) {
                cumulative += c.buckets[i].sum();
                out.append(name()).append("_bucket");
                TextFormat.appendLabels(out, labelNames(), e.getKey(), "le", boundLabels[i]);
                out.append(' ').append(cumulative).append('\n');
            }
            out.append(name()).append("_sum");
            TextFormat.appendLabels(out, labelNames(), e.getKey(), null, null);
            out.append(' ').append(TextFormat.number(c.sum.sum())).append('\n');
            out.append(name()).append("_count");
            TextFormat.appendLabels(out, labelNames(), e.getKey(), null, null);
            out.append(' ').append(cumulative).append('\n');
        }
    }

    /** One labelled distribution. */
    public static final class Child {
        private final double[] bounds;
        private final LongAdder[] buckets;
        private final DoubleAdder sum = new DoubleAdder();

        Child(double[] bounds) {
            this.bounds = bounds;
            this.buckets = new LongAdder[bounds.length + 1];
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        /** Records one value; NaN is ignored, as it belongs in no bucket. */
        public void observe(double value) {
            if (Double.isNaN(value)) {
                return;
            }
            int i = Arrays.binarySearch(bounds, value);
            // An exact hit belongs to that bucket (le is inclusive); otherwise the insertion point
            // is the first bound above the value, or the +Inf bucket.
            buckets[i >= 0 ? i : -i - 1].increment();
            sum.add(value);
        }

        /** Records a duration measured with {@link System#nanoTime()}, in seconds. */
        public void observeNanos(long nanos) {
            observe(nanos / 1e9);
        }

        /** Observations so far. */
        public long count() {
            long n = 0;
            for (LongAdder b : buckets) {
                n += b.sum();
            }
            return n;
        }

        public double sum() {
            return sum.sum();
        }
    }
}
