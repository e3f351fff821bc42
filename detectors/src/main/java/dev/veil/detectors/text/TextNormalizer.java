package dev.veil.detectors.text;

import java.text.Normalizer;
import java.util.Arrays;

/**
 * Undoes the cheap tricks that hide a value from pattern matching while keeping a map back to
 * the original text (see {@link NormalizedText}):
 * <ul>
 *   <li>zero-width characters, soft hyphens, bidi controls, variation selectors and tag
 *       characters are removed;</li>
 *   <li>every Unicode decimal digit (full-width, Arabic-Indic, Devanagari, mathematical ...)
 *       becomes its ASCII digit;</li>
 *   <li>dashes and minus signs become {@code -}, exotic spaces become a space, line and
 *       paragraph separators a line break;</li>
 *   <li>compatibility forms whose NFKC form is ASCII (full-width letters and symbols,
 *       mathematical letters, ligatures, circled digits) become that ASCII text;</li>
 *   <li>Cyrillic and Greek letters that look like Latin ones become the Latin letter, but only in
 *       a word that also holds Latin letters or digits, so that genuine Greek or Russian words
 *       are left alone.</li>
 * </ul>
 * Text that needs none of this (the common case) is returned as is, without copying.
 *
 * <p>Stateless and thread-safe.
 */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    public static NormalizedText normalize(String text) {
        if (!needsWork(text)) {
            return NormalizedText.identity(text);
        }
        int n = text.length();
        StringBuilder out = new StringBuilder(n);
        int[] starts = new int[n + 8];
        int[] ends = new int[n + 8];
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            String replacement = replacement(cp);
            if (replacement == null) {
                starts = ensure(starts, out.length() + len);
                ends = ensure(ends, out.length() + len);
                for (int k = 0; k < len; k++) {
                    starts[out.length()] = i;
                    ends[out.length()] = i + len;
                    out.append(text.charAt(i + k));
                }
            } else {
                starts = ensure(starts, out.length() + replacement.length());
                ends = ensure(ends, out.length() + replacement.length());
                for (int k = 0; k < replacement.length(); k++) {
                    starts[out.length()] = i;
                    ends[out.length()] = i + len;
                    out.append(replacement.charAt(k));
                }
            }
            i += len;
        }
        Homoglyphs.foldMixedWords(out);
        int m = out.length();
        return NormalizedText.mapped(text, out.toString(), Arrays.copyOf(starts, m),
                Arrays.copyOf(ends, m));
    }

    private static int[] ensure(int[] a, int size) {
        return size <= a.length ? a : Arrays.copyOf(a, Math.max(size, a.length * 2));
    }

    /** True if any char of {@code text} is one that normalization would change. */
    private static boolean needsWork(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && (Character.isSurrogate(c) || replacement(c) != null || Homoglyphs.isLookAlike(c))) {
                return true;
            }
        }
        return false;
    }

    /** What code point {@code cp} becomes: null to keep it, "" to drop it, else the new text. */
    static String replacement(int cp) {
        if (cp < 0x80) {
            return null;
        }
        switch (Character.getType(cp)) {
            case Character.FORMAT:
                // Zero-width, bidi controls, soft hyphen, tag characters: invisible in the text.
                return "";
            case Character.DASH_PUNCTUATION:
                return cp == 0x301C || cp == 0x3030 ? null : "-";
            case Character.SPACE_SEPARATOR:
                return " ";
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return "\n";
            case Character.DECIMAL_DIGIT_NUMBER:
                int d = Character.digit(cp, 10);
                return d >= 0 ? String.valueOf((char) ('0' + d)) : null;
            case Character.NON_SPACING_MARK:
                return isVariationSelector(cp) ? "" : null;
            default:
                break;
        }
        if (cp == 0x2212 || cp == 0xFE63 || cp == 0x2043) {
            return "-";
        }
        if (cp == 0x2024 || cp == 0x3002) {
            return ".";
        }
        return compatibilityAscii(cp);
    }

    private static boolean isVariationSelector(int cp) {
        return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
    }

    /** The NFKC form of {@code cp} if it differs and is printable ASCII, else null. */
    private static String compatibilityAscii(int cp) {
        if (!compatibilityRange(cp)) {
            return null;
        }
        String s = new String(Character.toChars(cp));
        String k = Normalizer.normalize(s, Normalizer.Form.NFKC);
        if (k.equals(s) || k.isEmpty()) {
            return null;
        }
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (c < 0x20 || c >= 0x7F) {
                return null;
            }
        }
        return k;
    }

    /** Blocks whose characters are look-alike forms of ASCII: worth the cost of NFKC. */
    private static boolean compatibilityRange(int cp) {
        return (cp >= 0xFF01 && cp <= 0xFF5E)        // full-width ASCII
                || (cp >= 0xFE50 && cp <= 0xFE6B)    // small form variants
                || (cp >= 0x2070 && cp <= 0x209F)    // superscripts and subscripts
                || (cp >= 0x2460 && cp <= 0x24FF)    // enclosed alphanumerics
                || (cp >= 0xFB00 && cp <= 0xFB06)    // Latin ligatures
                || (cp >= 0x2100 && cp <= 0x214F)    // letterlike symbols
                || (cp >= 0x1D400 && cp <= 0x1D7FF)  // mathematical alphanumerics
                || cp == 0x00B2 || cp == 0x00B3 || cp == 0x00B9;
    }
}
