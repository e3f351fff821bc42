package dev.veil.detectors.validate;

/**
 * US ABA routing transit numbers: nine digits, a Federal Reserve prefix (00-12, 21-32, 61-72,
 * 80) and the 3-7-1 weighted checksum.
 */
public final class AbaRouting {

    private AbaRouting() {
    }

    public static boolean valid(String candidate) {
        String d = Digits.only(candidate);
        if (d.length() != 9 || Digits.repeated(d)) {
            return false;
        }
        int prefix = Integer.parseInt(d.substring(0, 2));
        boolean knownPrefix = prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72)
                || prefix == 80;
        if (!knownPrefix) {
            return false;
        }
        int[] w = {3, 7, 1};
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (d.charAt(i) - '0') * w[i % 3];
        }
        return sum % 10 == 0;
    }
}
