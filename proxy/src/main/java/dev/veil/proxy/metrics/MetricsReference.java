package dev.veil.proxy.metrics;

import static java.util.Objects.requireNonNull;

/**
 * The table of metrics in {@code docs/operations.md}, generated from the registry's definitions so
 * that the documentation cannot drift from the code (a test compares the two).
 */
public final class MetricsReference {

    private MetricsReference() {
    }

    /** A Markdown table: name, type, labels, help; one row per metric in registration order. */
    public static String markdown(MetricRegistry registry) {
        requireNonNull(registry, "registry");
        StringBuilder out = new StringBuilder();
        out.append("| metric | type | labels | meaning |\n");
        out.append("|---|---|---|---|\n");
        for (Metric m : registry.metrics()) {
            out.append("| `").append(m.name()).append("` | ").append(m.type().exposedName()).append(" | ");
            out.append(m.labelNames().isEmpty() ? "" : "`" + String.join("`, `", m.labelNames()) + "`");
            out.append(" | ").append(m.help().replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }
}
