package dev.veil.proxy.metrics;

import java.util.Locale;

/** The kinds of metric the registry exposes, named as in the {@code # TYPE} line. */
public enum MetricType {
    COUNTER,
    GAUGE,
    HISTOGRAM;

    /** The name used in the exposition format, e.g. {@code counter}. */
    public String exposedName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
