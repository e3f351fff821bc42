package dev.veil.detectors;

import java.util.List;

/**
 * Finds one family of sensitive values in a text.
 *
 * <p>Implementations must be thread-safe: one instance serves every request concurrently. They
 * must not log or otherwise keep the text they are given. A detector may throw; the
 * {@link Scanner} then reports it as failed, and the caller treats the text as sensitive.
 */
public interface Detector {

    /** A stable id, used in findings, metrics, audit records and policy files. */
    String id();

    /** The finding types this detector can report, e.g. {@code pii.email}. */
    List<String> types();

    /** Returns the findings in {@code text}, in any order. Never null. */
    List<Finding> detect(String text);

    /**
     * The same as {@link #detect(String)} on {@code text.text()}; the {@link Scanner} calls this
     * one, so that detectors may use the facts that {@link ScanText} computes once per scan.
     */
    default List<Finding> detect(ScanText text) {
        return detect(text.text());
    }
}
