package dev.veil.detectors.validate;

/** US Individual Taxpayer Identification Numbers: area 9xx and a group in the IRS's ITIN ranges. */
public final class UsItin {

    private UsItin() {
    }

    public static boolean valid(String candidate) {
        String d = Digits.only(candidate);
        if (d.length() != 9 || d.charAt(0) != '9') {
            return false;
        }
        int group = Integer.parseInt(d.substring(3, 5));
        return (group >= 50 && group <= 65) || (group >= 70 && group <= 88)
                || (group >= 90 && group <= 92) || (group >= 94 && group <= 99);
    }
}
