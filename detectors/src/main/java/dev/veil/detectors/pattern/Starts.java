package dev.veil.detectors.pattern;

import dev.veil.detectors.pattern.PatternDetector.CharTest;

/** Tests on the chars after a possible match start, for {@link PatternDetector.Builder#startsWhere}. */
final class Starts {

    private Starts() {
    }

    /** True if {@code text} has a char at {@code i} and {@code test} accepts it. */
    static boolean at(String text, int i, CharTest test) {
        return i < text.length() && test.test(text.charAt(i));
    }

    /** True if {@code text} has {@code count} chars from {@code i} and {@code test} accepts each. */
    static boolean all(String text, int i, int count, CharTest test) {
        if (i + count > text.length()) {
            return false;
        }
        for (int k = i; k < i + count; k++) {
            if (!test.test(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }
}
