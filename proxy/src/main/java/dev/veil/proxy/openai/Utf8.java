package dev.veil.proxy.openai;

/**
 * Checks that bytes are well-formed UTF-8 (RFC 3629) without decoding them: no overlong forms, no
 * UTF-16 surrogates, nothing above U+10FFFF, no truncated sequence. A charset decoder would answer
 * the same, but it builds a char copy of every request body only to throw it away.
 */
final class Utf8 {

    private Utf8() {
    }

    static boolean isValid(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            if (c < 0xC2 || c > 0xF4) {
                // 0x80-0xBF: a continuation byte without a lead; 0xC0, 0xC1: overlong two-byte
                // forms of ASCII; above 0xF4: beyond U+10FFFF.
                return false;
            }
            if (c < 0xE0) {
                if (i + 1 >= n || !continuation(b[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (c < 0xF0) {
                if (i + 2 >= n || !continuation(b[i + 1]) || !continuation(b[i + 2])) {
                    return false;
                }
                int second = b[i + 1] & 0xFF;
                if ((c == 0xE0 && second < 0xA0) || (c == 0xED && second > 0x9F)) {
                    return false; // overlong three-byte form, or a surrogate (U+D800-U+DFFF)
                }
                i += 3;
            } else {
                if (i + 3 >= n || !continuation(b[i + 1]) || !continuation(b[i + 2]) || !continuation(b[i + 3])) {
                    return false;
                }
                int second = b[i + 1] & 0xFF;
                if ((c == 0xF0 && second < 0x90) || (c == 0xF4 && second > 0x8F)) {
                    return false; // overlong four-byte form, or above U+10FFFF
                }
                i += 4;
            }
        }
        return true;
    }

    private static boolean continuation(byte x) {
        return (x & 0xC0) == 0x80;
    }
}
