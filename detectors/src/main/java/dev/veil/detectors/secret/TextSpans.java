package dev.veil.detectors.secret;

import dev.veil.detectors.Finding;
import java.util.List;

/**
 * Line bounds looked for within a bounded distance, and overlap with findings already made: the
 * few text questions the secret detectors all ask. A search for a line's start or end that could
 * run to the text's edge, asked at every key, makes a long line without breaks quadratic.
 */
final class TextSpans {

    private TextSpans() {
    }

    /**
     * The start of the line holding the char before {@code at}, looked for at most {@code reach}
     * chars back; -1 if that line starts further back.
     */
    static int lineStart(String text, int at, int reach) {
        int limit = Math.max(0, at - reach);
        for (int i = at - 1; i >= limit; i--) {
            if (text.charAt(i) == '\n') {
                return i + 1;
            }
        }
        return limit == 0 ? 0 : -1;
    }

    /** The end of the line holding {@code from}, or {@code from + max} if that comes first. */
    static int lineEnd(String text, int from, int max) {
        int limit = (int) Math.min(text.length(), (long) from + max);
        for (int i = from; i < limit; i++) {
            if (text.charAt(i) == '\n') {
                return i;
            }
        }
        return limit;
    }

    /** True if {@code [start, end)} shares a char with one of {@code findings}. */
    static boolean overlapsAny(List<Finding> findings, int start, int end) {
        for (Finding f : findings) {
            if (start < f.end() && f.start() < end) {
                return true;
            }
        }
        return false;
    }
}
