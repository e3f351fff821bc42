package dev.veil.detectors.validate;

import java.util.Locale;
import java.util.Set;

/**
 * SWIFT/BIC codes (ISO 9362): four letters for the institution, an ISO 3166 country code, two
 * letters or digits for the location, and an optional three-char branch.
 */
public final class Bic {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private Bic() {
    }

    public static boolean valid(String s) {
        if (s.length() != 8 && s.length() != 11) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = c >= 'A' && c <= 'Z';
            boolean digit = c >= '0' && c <= '9';
            if (i < 6 ? !letter : !(letter || digit)) {
                return false;
            }
        }
        return COUNTRIES.contains(s.substring(4, 6)) || s.startsWith("XK", 4);
    }
}
