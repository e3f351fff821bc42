package dev.veil.detectors;

import static java.util.Objects.requireNonNull;

/**
 * One thing a detector found in a text: its type (for example {@code pii.email} or
 * {@code secret.aws_access_key_id}), where it is, how sure the detector is, and which detector
 * found it.
 *
 * <p>Offsets are UTF-16 indexes into the original text ({@code start} inclusive, {@code end}
 * exclusive), the same as {@link String#substring(int, int)}. A finding never holds the value
 * itself, so it can be logged and audited freely.
 */
public record Finding(String type, int start, int end, double score, String detector) {

    public Finding {
        requireNonNull(type, "type");
        requireNonNull(detector, "detector");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("invalid span [" + start + ", " + end + ")");
        }
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score must be within [0, 1]: " + score);
        }
    }

    /** Number of UTF-16 chars covered. */
    public int length() {
        return end - start;
    }
}
