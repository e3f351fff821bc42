package dev.veil.detectors.validate;

/**
 * US Social Security numbers as the SSA issues them: area 001-899 except 666, group 01-99,
 * serial 0001-9999. Area 9xx belongs to ITINs, never to SSNs.
 */
public final class UsSsn {

    private UsSsn() {
    }

    /** True if the nine digits of {@code candidate} (separators ignored) can be an issued SSN. */
    public static boolean valid(String candidate) {
        String d = Digits.only(candidate);
        if (d.length() != 9) {
            return false;
        }
        int area = Integer.parseInt(d.substring(0, 3));
        int group = Integer.parseInt(d.substring(3, 5));
        int serial = Integer.parseInt(d.substring(5));
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
                && !Digits.repeated(d);
    }
}
