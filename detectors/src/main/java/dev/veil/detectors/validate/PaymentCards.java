package dev.veil.detectors.validate;

/**
 * Payment card numbers: the issuer (brand) ranges and lengths of the networks in use, the Luhn
 * check, and the written forms people use (no separators, or groups split by one kind of
 * separator: "4111 1111 1111 1111", "3782-822463-10005").
 */
public final class PaymentCards {

    /** Networks whose ranges this class knows. */
    public enum Brand { VISA, MASTERCARD, AMEX, DISCOVER, JCB, DINERS, UNIONPAY, MAESTRO, MIR }

    private PaymentCards() {
    }

    /** True if {@code candidate} is a well-written card number of a known brand that passes Luhn. */
    public static boolean valid(String candidate) {
        if (!wellSeparated(candidate)) {
            return false;
        }
        String digits = Digits.only(candidate);
        return brand(digits) != null && Luhn.valid(digits);
    }

    /**
     * True if {@code candidate} is a well-written number of 13 to 19 digits passing Luhn, whatever
     * its issuer range: issuers and ranges change faster than any table, so next to a word like
     * "card" this is evidence enough.
     */
    public static boolean validAnyBrand(String candidate) {
        if (!wellSeparated(candidate)) {
            return false;
        }
        String digits = Digits.only(candidate);
        return digits.length() >= 13 && digits.length() <= 19 && digits.charAt(0) != '0' && Luhn.valid(digits)
                && !Digits.repeated(digits);
    }

    /** The brand whose issuer range and length fit {@code digits}, or null. */
    public static Brand brand(String digits) {
        int n = digits.length();
        if (n < 12 || n > 19 || !Digits.all(digits)) {
            return null;
        }
        int p1 = digits.charAt(0) - '0';
        int p2 = prefix(digits, 2);
        int p3 = prefix(digits, 3);
        int p4 = prefix(digits, 4);
        int p6 = prefix(digits, 6);
        if (p1 == 4 && (n == 13 || n == 16 || n == 19)) {
            return Brand.VISA;
        }
        if (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && n == 16) {
            return Brand.MASTERCARD;
        }
        if ((p2 == 34 || p2 == 37) && n == 15) {
            return Brand.AMEX;
        }
        if ((p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925))
                && n >= 16) {
            return Brand.DISCOVER;
        }
        if ((p4 >= 3528 && p4 <= 3589 && n >= 16) || ((p4 == 2131 || p4 == 1800) && n == 15)) {
            return Brand.JCB;
        }
        if (((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) && n >= 14) {
            return Brand.DINERS;
        }
        if (p2 == 62 && n >= 16) {
            return Brand.UNIONPAY;
        }
        if (p4 >= 2200 && p4 <= 2204 && n >= 16) {
            return Brand.MIR;
        }
        if ((p2 == 50 || (p2 >= 56 && p2 <= 69)) && n >= 12) {
            return Brand.MAESTRO;
        }
        return null;
    }

    /** The number the first {@code k} digits make; {@code digits} holds only ASCII digits. */
    private static int prefix(String digits, int k) {
        int v = 0;
        for (int i = 0; i < k; i++) {
            v = v * 10 + digits.charAt(i) - '0';
        }
        return v;
    }

    /**
     * No separator at all, or one kind of separator between groups of 3 to 6 digits (the last
     * group may be 1 to 6 digits, as in 19-digit numbers written 4-4-4-4-3).
     */
    static boolean wellSeparated(String s) {
        char sep = 0;
        int group = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                group++;
                continue;
            }
            if (sep == 0) {
                sep = c;
            } else if (c != sep) {
                return false;
            }
            if (group < 3 || group > 6) {
                return false;
            }
            group = 0;
        }
        return sep == 0 || (group >= 1 && group <= 6);
    }
}
