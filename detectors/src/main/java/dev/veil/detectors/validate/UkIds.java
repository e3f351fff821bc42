package dev.veil.detectors.validate;

/** UK National Insurance numbers and NHS numbers. */
public final class UkIds {

    private UkIds() {
    }

    /**
     * National Insurance number: two prefix letters (HMRC never issues D, F, I, Q, U, V, nor O as
     * second letter, nor the prefixes BG, GB, KN, NK, NT, TN, ZZ), six digits, suffix A-D.
     */
    public static boolean validNino(String candidate) {
        String s = candidate.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        if (!s.matches("[A-Z]{2}\\d{6}[A-D]")) {
            return false;
        }
        char a = s.charAt(0);
        char b = s.charAt(1);
        String prefix = s.substring(0, 2);
        return "DFIQUV".indexOf(a) < 0 && "DFIOQUV".indexOf(b) < 0
                && !java.util.Set.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ").contains(prefix);
    }

    /** NHS number: ten digits, the last a mod-11 check with weights 10 down to 2. */
    public static boolean validNhs(String candidate) {
        String d = Digits.only(candidate);
        if (d.length() != 10 || Digits.repeated(d)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (d.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == d.charAt(9) - '0';
    }
}
