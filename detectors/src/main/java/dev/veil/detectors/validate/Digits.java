package dev.veil.detectors.validate;

/** Helpers shared by the validators: the ASCII digits of a candidate, separators dropped. */
public final class Digits {

    private Digits() {
    }

    /** The ASCII digits of {@code s} in order, every other character dropped. */
    public static String only(CharSequence s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** True if every char of {@code s} is an ASCII digit and there is at least one. */
    public static boolean all(CharSequence s) {
        if (s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** True if all digits of {@code s} are the same ("0000", "1111111"), a common placeholder. */
    public static boolean repeated(CharSequence digits) {
        for (int i = 1; i < digits.length(); i++) {
            if (digits.charAt(i) != digits.charAt(0)) {
                return false;
            }
        }
        return true;
    }
}
