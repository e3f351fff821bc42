package dev.veil.detectors.validate;

/** Canadian Social Insurance Numbers: nine digits, Luhn, first digit never 0 or 8. */
public final class CaSin {

    private CaSin() {
    }

    public static boolean valid(String candidate) {
        String d = Digits.only(candidate);
        return d.length() == 9 && d.charAt(0) != '0' && d.charAt(0) != '8' && !Digits.repeated(d)
                && Luhn.valid(d);
    }
}
