package dev.veil.proxy.metrics;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One metric family: a name, its help text, its type and the names of its labels. The samples are
 * written by the concrete kinds in this package.
 */
public abstract sealed class Metric permits Counter, Gauge, CallbackGauge, Histogram {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final String name;
    private final String help;
    private final List<String> labelNames;

    Metric(String name, String help, List<String> labelNames) {
        this.name = requireNonNull(name, "name");
        this.help = requireNonNull(help, "help");
        this.labelNames = List.copyOf(labelNames);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name must match " + NAME + ": " + name);
        }
        if (help.isBlank()) {
            throw new IllegalArgumentException("metric " + name + " needs a help text");
        }
        for (String label : this.labelNames) {
            if (!LABEL.matcher(label).matches() || label.startsWith("__")) {
                throw new IllegalArgumentException("metric " + name + ": invalid label name: " + label);
            }
        }
        if (this.labelNames.stream().distinct().count() != this.labelNames.size()) {
            throw new IllegalArgumentException("metric " + name + ": duplicate label names " + this.labelNames);
        }
    }

    public final String name() {
        return name;
    }

    public final String help() {
        return help;
    }

    public final List<String> labelNames() {
        return labelNames;
    }

    public abstract MetricType type();

    /** Appends the {@code # HELP}, {@code # TYPE} and sample lines of this family. */
    final void writeTo(StringBuilder out) {
        out.append("# HELP ").append(name).append(' ');
        TextFormat.appendHelp(out, help);
        out.append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type().exposedName()).append('\n');
        writeSamples(out);
    }

    abstract void writeSamples(StringBuilder out);
}
