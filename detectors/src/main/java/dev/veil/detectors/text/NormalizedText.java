package dev.veil.detectors.text;

import static java.util.Objects.requireNonNull;

/**
 * A normalized text and the way back to the original: normalized char {@code i} came from the
 * original chars {@code [startOf(i), endOf(i))}. Several normalized chars may share one origin
 * (a ligature expanded), and original chars may have no image at all (a zero-width space).
 *
 * <p>Immutable and thread-safe.
 */
public final class NormalizedText {

    private final String original;
    private final String text;
    private final int[] starts;
    private final int[] ends;

    private NormalizedText(String original, String text, int[] starts, int[] ends) {
        this.original = original;
        this.text = text;
        this.starts = starts;
        this.ends = ends;
    }

    /** A text that normalization left unchanged: offsets map to themselves. */
    static NormalizedText identity(String text) {
        return new NormalizedText(text, text, null, null);
    }

    static NormalizedText mapped(String original, String text, int[] starts, int[] ends) {
        requireNonNull(original, "original");
        requireNonNull(text, "text");
        if (starts.length != text.length() || ends.length != text.length()) {
            throw new IllegalArgumentException("offset map length differs from text length");
        }
        return new NormalizedText(original, text, starts, ends);
    }

    public String original() {
        return original;
    }

    /** The text detectors see. */
    public String text() {
        return text;
    }

    public boolean changed() {
        return starts != null;
    }

    /** Original offset where the normalized span starting at {@code start} begins. */
    public int originalStart(int start) {
        if (starts == null) {
            return start;
        }
        return start >= text.length() ? original.length() : starts[start];
    }

    /** Original offset (exclusive) where the normalized span ending at {@code end} ends. */
    public int originalEnd(int end) {
        if (starts == null) {
            return end;
        }
        return end <= 0 ? 0 : ends[end - 1];
    }
}
