package dev.veil.detectors.validate;

import java.util.Map;

/**
 * International Bank Account Numbers (ISO 13616): a country code, two check digits, and a
 * national part whose length the country fixes; valid when the number read as
 * BBAN + country + check digits is 1 modulo 97.
 */
public final class Iban {

    /** Length of a whole IBAN per country (the SWIFT registry, plus countries that use IBANs unofficially). */
    private static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20),
            Map.entry("AZ", 28), Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22),
            Map.entry("BH", 22), Map.entry("BI", 27), Map.entry("BR", 29), Map.entry("BY", 28),
            Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24),
            Map.entry("DE", 22), Map.entry("DJ", 27), Map.entry("DK", 18), Map.entry("DO", 28),
            Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24), Map.entry("FI", 18),
            Map.entry("FK", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22),
            Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27),
            Map.entry("GT", 28), Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22),
            Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26), Map.entry("IT", 27),
            Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28),
            Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20),
            Map.entry("LV", 21), Map.entry("LY", 25), Map.entry("MC", 27), Map.entry("MD", 24),
            Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MN", 20), Map.entry("MR", 27),
            Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NI", 28), Map.entry("NL", 18),
            Map.entry("NO", 15), Map.entry("OM", 23), Map.entry("PK", 24), Map.entry("PL", 28),
            Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29), Map.entry("RO", 24),
            Map.entry("RS", 22), Map.entry("RU", 33), Map.entry("SA", 24), Map.entry("SC", 31),
            Map.entry("SD", 18), Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24),
            Map.entry("SM", 27), Map.entry("SO", 23), Map.entry("ST", 25), Map.entry("SV", 28),
            Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29),
            Map.entry("VA", 22), Map.entry("VG", 24), Map.entry("XK", 20), Map.entry("YE", 30),
            // Used nationally, not (yet) in the SWIFT registry.
            Map.entry("AO", 25), Map.entry("BF", 28), Map.entry("BJ", 28), Map.entry("CF", 27),
            Map.entry("CG", 27), Map.entry("CI", 28), Map.entry("CM", 27), Map.entry("CV", 25),
            Map.entry("DZ", 26), Map.entry("GA", 27), Map.entry("GQ", 27), Map.entry("GW", 25),
            Map.entry("HN", 28), Map.entry("IR", 26), Map.entry("KM", 27), Map.entry("MA", 28),
            Map.entry("MG", 27), Map.entry("ML", 28), Map.entry("MZ", 25), Map.entry("NE", 28),
            Map.entry("SN", 28), Map.entry("TD", 27), Map.entry("TG", 28));

    private Iban() {
    }

    /** The IBAN length of {@code country}, or -1 if it has none. */
    public static int length(String country) {
        return LENGTHS.getOrDefault(country, -1);
    }

    /** True if {@code candidate} (separators ignored, any case) is a valid IBAN. */
    public static boolean valid(String candidate) {
        String s = compact(candidate);
        if (s.length() < 5 || length(s.substring(0, 2)) != s.length()) {
            return false;
        }
        if (!Character.isDigit(s.charAt(2)) || !Character.isDigit(s.charAt(3))) {
            return false;
        }
        return mod97(s.substring(4) + s.substring(0, 4)) == 1;
    }

    /** Upper-cased, separators (space, dash, dot) dropped. */
    public static String compact(String candidate) {
        StringBuilder b = new StringBuilder(candidate.length());
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c != ' ' && c != '-' && c != '.') {
                b.append(Character.toUpperCase(c));
            }
        }
        return b.toString();
    }

    /** The value of a string of digits and letters (A=10 ... Z=35) modulo 97, or -1 if another char occurs. */
    public static int mod97(String s) {
        int r = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                r = (r * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                r = (r * 100 + (c - 'A' + 10)) % 97;
            } else {
                return -1;
            }
        }
        return r;
    }
}
