package dev.veil.detectors.secret;

/** Measures of how random a string looks, to tell a key from a word. */
final class Entropy {

    private Entropy() {
    }

    /** Shannon entropy of the chars of {@code s}, in bits per char. */
    static double bitsPerChar(CharSequence s) {
        if (s.length() == 0) {
            return 0;
        }
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double h = 0;
        double n = s.length();
        for (int c : counts) {
            if (c > 0) {
                double p = c / n;
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        if (other > 0) {
            double p = other / n;
            h -= p * Math.log(p) / Math.log(2);
        }
        return h;
    }

    /** True if {@code s} has chars of at least {@code k} of: lower case, upper case, digits, symbols. */
    static boolean mixesClasses(CharSequence s, int k) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean symbol = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                symbol = true;
            }
        }
        int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
        return classes >= k;
    }

    /** True if {@code s} is only hex digits (a hash, a commit id, a checksum). */
    static boolean hex(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return s.length() > 0;
    }

    /**
     * True if most of {@code s} is made of words ("ConnectionString_Main", "my-app-name"): runs of
     * four to twelve letters, lower case after the first, with a vowel and no four consonants in
     * a row. Generated keys have few such runs.
     */
    static boolean wordLike(CharSequence s) {
        int inWords = 0;
        int i = 0;
        int n = s.length();
        while (i < n) {
            int j = i;
            if (Character.isUpperCase(s.charAt(j))) {
                j++;
            }
            while (j < n && Character.isLowerCase(s.charAt(j))) {
                j++;
            }
            if (j - i >= 4 && j - i <= 12 && pronounceable(s, i, j)) {
                inWords += j - i;
            }
            i = Math.max(i + 1, j);
        }
        return inWords * 10 >= n * 6;
    }

    private static boolean pronounceable(CharSequence s, int from, int to) {
        boolean vowel = false;
        int consonants = 0;
        for (int k = from; k < to; k++) {
            boolean v = "aeiouAEIOU".indexOf(s.charAt(k)) >= 0;
            vowel |= v;
            consonants = v ? 0 : consonants + 1;
            if (consonants >= 4) {
                return false;
            }
        }
        return vowel;
    }

    /**
     * True if {@code s} is an example someone typed rather than a generated value: one char
     * makes up half of it ({@code 00aaaaaaaa...}), or its letters or its digits hold a run of
     * six in alphabetical or counting order ({@code abcdef}, {@code a1b2c3d4e5f6},
     * {@code 1234567890}). A generated key holds such a run about once in a billion.
     */
    static boolean madeUp(CharSequence s) {
        int n = s.length();
        if (n == 0) {
            return true;
        }
        int[] counts = new int[128];
        int most = 0;
        int letterRun = 0;
        int digitRun = 0;
        char lastLetter = 0;
        char lastDigit = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 128) {
                most = Math.max(most, ++counts[c]);
            }
            if (c >= '0' && c <= '9') {
                digitRun = lastDigit != 0 && (c == lastDigit + 1 || c == '0' && lastDigit == '9') ? digitRun + 1 : 1;
                lastDigit = c;
            } else if (Character.isLetter(c) && c < 128) {
                char l = Character.toLowerCase(c);
                letterRun = lastLetter != 0 && l == lastLetter + 1 ? letterRun + 1 : 1;
                lastLetter = l;
            }
            if (letterRun >= 6 || digitRun >= 6) {
                return true;
            }
        }
        return most * 2 >= n;
    }
}
