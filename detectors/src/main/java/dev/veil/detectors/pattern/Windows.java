package dev.veil.detectors.pattern;

import dev.veil.detectors.ScanText;
import java.util.Arrays;

/** The parts of a text worth matching: windows around clusters of anchor chars. */
final class Windows {

    /** The digits, the anchor of most identifier formats. */
    static final String DIGITS = "0123456789";

    private Windows() {
    }

    /**
     * Merged windows {@code [start0, end0, start1, end1, ...]} reaching {@code before} chars
     * before and {@code after} chars after each anchor char of {@code text}.
     */
    static int[] around(String text, String anchors, int before, int after) {
        int[] out = new int[8];
        int n = 0;
        int length = text.length();
        boolean digitsOnly = anchors.equals(DIGITS);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean anchor = digitsOnly ? c >= '0' && c <= '9' : anchors.indexOf(c) >= 0;
            if (!anchor) {
                continue;
            }
            int start = Math.max(0, i - before);
            int end = (int) Math.min(length, (long) i + 1 + after);
            if (n > 0 && start <= out[n - 1]) {
                out[n - 1] = Math.max(out[n - 1], end);
            } else {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = start;
                out[n++] = end;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * The windows of {@link #around} with digits as anchors, built from the clusters that
     * {@code text} has already found, minus the windows that hold fewer than {@code minDigits}
     * digits: no match of a format with that many digits can lie in them.
     */
    static int[] aroundClusters(ScanText text, int minDigits, int before, int after) {
        int[] clusters = text.digitClusters();
        int length = text.text().length();
        int[] out = new int[8];
        int n = 0;
        int digits = 0;
        for (int c = 0; c < clusters.length; c += 3) {
            int start = Math.max(0, clusters[c] - before);
            int end = (int) Math.min(length, (long) clusters[c + 1] + after);
            if (n > 0 && start <= out[n - 1]) {
                out[n - 1] = Math.max(out[n - 1], end);
                digits += clusters[c + 2];
                continue;
            }
            if (n > 0 && digits < minDigits) {
                n -= 2;
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = start;
            out[n++] = end;
            digits = clusters[c + 2];
        }
        if (n > 0 && digits < minDigits) {
            n -= 2;
        }
        return Arrays.copyOf(out, n);
    }
}
