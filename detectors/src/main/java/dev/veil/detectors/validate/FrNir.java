package dev.veil.detectors.validate;

/**
 * French social security number (NIR, "numéro de sécurité sociale"): sex, year, month,
 * département (2A/2B for Corsica), commune, order number, and a two-digit key equal to
 * 97 minus the first thirteen digits modulo 97.
 */
public final class FrNir {

    private FrNir() {
    }

    public static boolean valid(String candidate) {
        String s = candidate.replace(" ", "").replace(".", "").toUpperCase(java.util.Locale.ROOT);
        if (s.length() != 15) {
            return false;
        }
        String body = s.substring(0, 13);
        if (body.startsWith("2A", 5)) {
            body = body.substring(0, 5) + "19" + body.substring(7);
        } else if (body.startsWith("2B", 5)) {
            body = body.substring(0, 5) + "18" + body.substring(7);
        }
        if (!Digits.all(body) || !Digits.all(s.substring(13))) {
            return false;
        }
        if ("123478".indexOf(body.charAt(0)) < 0) {
            return false;
        }
        int month = Integer.parseInt(body.substring(3, 5));
        if (month == 0 || (month > 12 && month < 20) || (month > 42 && month < 50)) {
            return false;
        }
        long n = Long.parseLong(body);
        int key = Integer.parseInt(s.substring(13));
        return key == 97 - (int) (n % 97);
    }
}
