package dev.veil.detectors.validate;

/** The Luhn (mod 10) check used by payment cards, Canadian SINs and IMEIs. */
public final class Luhn {

    private Luhn() {
    }

    /** True if {@code digits} (ASCII digits only) passes the Luhn check. */
    public static boolean valid(CharSequence digits) {
        if (!Digits.all(digits)) {
            return false;
        }
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
