package dev.veil.detectors.pattern;

import dev.veil.detectors.Detector;

/** Detectors of contact details: e-mail addresses. */
public final class ContactDetectors {

    private ContactDetectors() {
    }

    /**
     * E-mail addresses: a local part of up to 64 chars, then one to eight domain labels and a
     * top-level domain of letters. Quoted local parts and IP-literal domains are left out: they
     * are vanishingly rare in prompts and expensive to match safely.
     */
    public static Detector email() {
        return PatternDetector.builder("pii.email")
                .pattern("(?<![\\w.%+-])[A-Za-z0-9_%+-](?:[A-Za-z0-9._%+-]{0,63}+)"
                        + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}+)\\.){1,8}[A-Za-z]{2,24}+(?![\\w-])")
                .validator(ContactDetectors::plausibleEmail)
                .score(0.95)
                .literals("@")
                .build();
    }

    private static boolean plausibleEmail(String s) {
        int at = s.indexOf('@');
        // Dots may not start, end or double up in a local part (RFC 5321 dot-string).
        return s.charAt(at - 1) != '.' && !s.substring(0, at).contains("..");
    }
}
