package dev.veil.proxy.metrics;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * A gauge without labels whose value is read from a supplier at each scrape, for values another
 * component already tracks (an audit queue's depth). The supplier runs on the scraping thread and
 * must be cheap and thread-safe; if it throws, the sample is written as NaN rather than failing
 * the whole scrape.
 */
public final class CallbackGauge extends Metric {

    private final DoubleSupplier value;

    CallbackGauge(String name, String help, DoubleSupplier value) {
        super(name, help, List.of());
        this.value = requireNonNull(value, "value");
    }

    @Override
    public MetricType type() {
        return MetricType.GAUGE;
    }

    /** The current value, NaN if the supplier failed. */
    public double value() {
        try {
            return value.getAsDouble();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    void writeSamples(StringBuilder out) {
        out.append(name()).append(' ').append(TextFormat.number(value())).append('\n');
    }
}
