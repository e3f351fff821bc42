package dev.veil.detectors.pattern;

/** A half-open range {@code [start, end)} of chars inside a candidate. */
public record Span(int start, int end) {

    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("invalid span [" + start + ", " + end + ")");
        }
    }
}
