package dev.veil.detectors.text;

/**
 * Cyrillic and Greek letters that render like Latin ones ("раураl" with a Cyrillic а). Folded to
 * Latin only inside a word that already mixes them with Latin letters or digits: a whole word
 * of Cyrillic is Russian, not a disguise.
 */
final class Homoglyphs {

    private static final String FROM =
            "\u0430\u0435\u043E\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u04BB\u0501\u051B\u051D"
            + "\u0410\u0412\u0415\u041A\u041C\u041D\u041E\u0420\u0421\u0422\u0425\u0406\u0408\u0405\u04AE"
            + "\u0391\u0392\u0395\u0396\u0397\u0399\u039A\u039C\u039D\u039F\u03A1\u03A4\u03A5\u03A7"
            + "\u03BF\u03B1\u03BD\u03C1";
    private static final String TO =
            "aeopcyxijshdqw"
            + "ABEKMHOPCTXIJSY"
            + "ABEZHIKMNOPTYX"
            + "oavp";

    static {
        if (FROM.length() != TO.length()) {
            throw new AssertionError("homoglyph table out of step");
        }
    }

    private Homoglyphs() {
    }

    static boolean isLookAlike(char c) {
        return FROM.indexOf(c) >= 0;
    }

    /** Folds look-alikes to Latin in every word of {@code s} that also holds ASCII letters or digits. */
    static void foldMixedWords(StringBuilder s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (!Character.isLetterOrDigit(s.charAt(i))) {
                i++;
                continue;
            }
            int j = i;
            boolean ascii = false;
            boolean lookAlike = false;
            while (j < n && Character.isLetterOrDigit(s.charAt(j))) {
                char c = s.charAt(j);
                ascii |= c < 0x80;
                lookAlike |= isLookAlike(c);
                j++;
            }
            if (ascii && lookAlike) {
                for (int k = i; k < j; k++) {
                    int at = FROM.indexOf(s.charAt(k));
                    if (at >= 0) {
                        s.setCharAt(k, TO.charAt(at));
                    }
                }
            }
            i = j;
        }
    }
}
