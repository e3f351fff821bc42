package dev.veil.proxy.fuzz;

import java.util.Random;

/**
 * Random text of the kinds that break parsers and rewriters: JSON's special characters, control
 * characters, accents and CJK, characters outside the BMP (surrogate pairs), full-width digits,
 * zero-width characters, long runs, and now and then an identifier-like word.
 *
 * <p>Stateless; thread-safe.
 */
public final class RandomText {

    private static final String[] PIECES = {
        "hello", "world", " ", " ", "\n", "\t", "\"", "\\", "/", "{", "}", "[", "]", ":", ",", "\u0000", "\u001f",
        "é", "ß", "中文", "日本", "😀", "𝄞", "\u200b", "\ufeff", "１２３", "-", "_", "data:", "\r\n", "null",
        "true", "0", "-1.5e3", "Ω", "\u00a0", "ﬁ", "EMAIL_", "A1B2C3D4", "<script>", "%s", "\\u0041",
    };

    private RandomText() {
    }

    /** A string of at most about {@code maxPieces} pieces; may be empty. */
    public static String next(Random r, int maxPieces) {
        int n = r.nextInt(maxPieces + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(6)) {
                case 0 -> sb.append((char) (0x20 + r.nextInt(0x5f)));
                case 1 -> sb.appendCodePoint(0xa0 + r.nextInt(0xd000));
                case 2 -> sb.appendCodePoint(0x10000 + r.nextInt(0x2000));
                default -> sb.append(PIECES[r.nextInt(PIECES.length)]);
            }
        }
        return sb.toString();
    }

    /** A word of letters, digits and dashes that no other call is likely to produce again. */
    public static String marker(Random r) {
        return "m" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36) + "-" + r.nextInt(1000);
    }
}
