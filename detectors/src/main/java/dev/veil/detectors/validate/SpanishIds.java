package dev.veil.detectors.validate;

/** Spanish DNI (eight digits and a check letter) and NIE (X, Y or Z, seven digits, check letter). */
public final class SpanishIds {

    private static final String LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    private SpanishIds() {
    }

    public static boolean validDni(String candidate) {
        String s = compact(candidate);
        return s.length() == 9 && Digits.all(s.substring(0, 8)) && checkLetter(s.substring(0, 8)) == s.charAt(8);
    }

    public static boolean validNie(String candidate) {
        String s = compact(candidate);
        if (s.length() != 9 || "XYZ".indexOf(s.charAt(0)) < 0 || !Digits.all(s.substring(1, 8))) {
            return false;
        }
        String number = "XYZ".indexOf(s.charAt(0)) + s.substring(1, 8);
        return checkLetter(number) == s.charAt(8);
    }

    private static char checkLetter(String digits) {
        return LETTERS.charAt(Integer.parseInt(digits) % 23);
    }

    private static String compact(String candidate) {
        return candidate.replace("-", "").replace(" ", "").replace(".", "").toUpperCase(java.util.Locale.ROOT);
    }
}
