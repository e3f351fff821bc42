package dev.veil.detectors.validate;

/** India's Aadhaar number (twelve digits, Verhoeff check) and PAN (income-tax account number). */
public final class IndianIds {

    private IndianIds() {
    }

    /** Aadhaar: twelve digits, not starting with 0 or 1, Verhoeff check digit last. */
    public static boolean validAadhaar(String candidate) {
        String d = Digits.only(candidate);
        return d.length() == 12 && d.charAt(0) >= '2' && !Digits.repeated(d) && Verhoeff.valid(d);
    }

    /** PAN: five letters (the fourth says what holds it: P person, C company ...), four digits, a letter. */
    public static boolean validPan(String candidate) {
        return candidate.length() == 10 && candidate.matches("[A-Z]{3}[ABCFGHJLPT][A-Z]\\d{4}[A-Z]")
                && !candidate.startsWith("0000", 5);
    }
}
