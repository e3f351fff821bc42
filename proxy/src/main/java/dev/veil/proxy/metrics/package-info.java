/**
 * Prometheus metrics without a client library: a registry of counters, gauges and histograms that
 * renders the text exposition format 0.0.4, and {@link dev.veil.proxy.metrics.VeilMetrics}, the one
 * place Veil's own metrics are defined.
 *
 * <p>Label values hold identifiers only (actions, upstream names, finding types, rule ids), never
 * request text: {@code VeilMetrics} replaces anything that does not look like an identifier.
 */
package dev.veil.proxy.metrics;
