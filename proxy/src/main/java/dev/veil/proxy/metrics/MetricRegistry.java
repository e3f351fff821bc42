package dev.veil.proxy.metrics;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The metrics of one process, in registration order, rendered in the Prometheus text exposition
 * format 0.0.4. Registration is meant for start-up; recording on the returned metrics is lock-free
 * and may happen from any thread, concurrently with {@link #scrape()}.
 */
public final class MetricRegistry {

    /** The {@code Content-Type} of {@link #scrape()}'s output. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Default cap on the label combinations of one metric. */
    public static final int DEFAULT_MAX_CHILDREN = 2_000;

    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final int maxChildren;

    public MetricRegistry() {
        this(DEFAULT_MAX_CHILDREN);
    }

    /**
     * @param maxChildren most label combinations one metric keeps; later ones are counted together
     *     under the label value {@code _overflow}
     */
    public MetricRegistry(int maxChildren) {
        if (maxChildren < 1) {
            throw new IllegalArgumentException("maxChildren must be positive: " + maxChildren);
        }
        this.maxChildren = maxChildren;
    }

    public Counter counter(String name, String help, String... labelNames) {
        return register(new Counter(name, help, List.of(labelNames), maxChildren));
    }

    public Gauge gauge(String name, String help, String... labelNames) {
        return register(new Gauge(name, help, List.of(labelNames), maxChildren));
    }

    /** A gauge read from {@code value} at each scrape. */
    public CallbackGauge gauge(String name, String help, DoubleSupplier value) {
        return register(new CallbackGauge(name, help, value));
    }

    /** A histogram with the given bucket upper bounds (strictly increasing; {@code +Inf} is implicit). */
    public Histogram histogram(String name, String help, double[] buckets, String... labelNames) {
        requireNonNull(buckets, "buckets");
        return register(new Histogram(name, help, buckets, List.of(labelNames), maxChildren));
    }

    private synchronized <M extends Metric> M register(M metric) {
        for (String existing : metrics.keySet()) {
            if (clashes(existing, metric.name())) {
                throw new IllegalArgumentException("metric " + metric.name() + " clashes with " + existing);
            }
        }
        metrics.put(metric.name(), metric);
        return metric;
    }

    /** Two names clash if equal, or if one is a histogram's sample name of the other. */
    private static boolean clashes(String a, String b) {
        return a.equals(b) || suffixClash(a, b) || suffixClash(b, a);
    }

    private static boolean suffixClash(String a, String b) {
        return b.equals(a + "_bucket") || b.equals(a + "_sum") || b.equals(a + "_count");
    }

    /** The registered metrics in registration order. */
    public synchronized List<Metric> metrics() {
        return List.copyOf(new ArrayList<>(metrics.values()));
    }

    /** The current values of every metric, in the text exposition format 0.0.4. */
    public String scrape() {
        StringBuilder out = new StringBuilder(8192);
        for (Metric m : metrics()) {
            m.writeTo(out);
        }
        return out.toString();
    }
}
