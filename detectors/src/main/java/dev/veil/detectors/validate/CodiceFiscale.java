package dev.veil.detectors.validate;

import java.util.regex.Pattern;

/**
 * Italian codice fiscale of a person: surname and name consonants, birth year, month letter,
 * day (plus 40 for women), municipality code, and a check letter computed from the fifteen
 * chars before it. Digits may be replaced by letters (omocodia) to tell apart people who would
 * otherwise share a code.
 */
public final class CodiceFiscale {

    private static final Pattern SHAPE = Pattern.compile(
            "[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]");
    /** Values of 0-9 then A-Z in odd (1st, 3rd, ...) positions. */
    private static final int[] ODD = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21,
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};

    private CodiceFiscale() {
    }

    public static boolean valid(String candidate) {
        String s = candidate.toUpperCase(java.util.Locale.ROOT);
        if (!SHAPE.matcher(s).matches()) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = s.charAt(i);
            int index = c <= '9' ? c - '0' : c - 'A' + 10;
            if (i % 2 == 0) {
                sum += ODD[index];
            } else {
                sum += c <= '9' ? c - '0' : c - 'A';
            }
        }
        return s.charAt(15) == (char) ('A' + sum % 26);
    }
}
