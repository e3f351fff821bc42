package dev.veil.detectors.validate;

/**
 * German tax identification number (Steuerliche Identifikationsnummer): eleven digits, no
 * leading zero; among the first ten exactly one digit occurs twice or three times (never three
 * in a row) and all others at most once; the last digit is an ISO 7064 MOD 11,10 check.
 */
public final class DeTaxId {

    private DeTaxId() {
    }

    public static boolean valid(String candidate) {
        String d = Digits.only(candidate);
        if (d.length() != 11 || d.charAt(0) == '0') {
            return false;
        }
        int[] counts = new int[10];
        for (int i = 0; i < 10; i++) {
            counts[d.charAt(i) - '0']++;
        }
        int repeatedDigits = 0;
        for (int c : counts) {
            if (c > 3) {
                return false;
            }
            if (c >= 2) {
                repeatedDigits++;
            }
        }
        if (repeatedDigits != 1) {
            return false;
        }
        for (int i = 2; i < 10; i++) {
            if (d.charAt(i) == d.charAt(i - 1) && d.charAt(i) == d.charAt(i - 2)) {
                return false;
            }
        }
        int product = 10;
        for (int i = 0; i < 10; i++) {
            int sum = (d.charAt(i) - '0' + product) % 10;
            if (sum == 0) {
                sum = 10;
            }
            product = (sum * 2) % 11;
        }
        int check = 11 - product;
        if (check == 10) {
            check = 0;
        }
        return check == d.charAt(10) - '0';
    }
}
