package dev.veil.detectors.secret;

import dev.veil.detectors.Detector;
import dev.veil.detectors.pattern.PatternDetector;

/** The catalogue of credential detectors. */
public final class SecretDetectors {

    private SecretDetectors() {
    }

    /**
     * AWS access key ids: a four-letter prefix naming the kind of principal (AKIA for long-term
     * user keys, ASIA for temporary STS keys, ...) and 16 base-32 chars.
     */
    public static Detector awsAccessKeyId() {
        return PatternDetector.builder("secret.aws_access_key_id")
                .pattern("(?<![A-Za-z0-9/+])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA"
                        + "|APKA|ASCA)[A-Z2-7]{16}(?![A-Za-z0-9/+])")
                .score(0.95)
                .literals("AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA",
                        "AROA", "APKA", "ASCA")
                .build();
    }

    /** PEM, OpenSSH, PuTTY and PGP private key blocks. */
    public static Detector privateKey() {
        return new PrivateKeyDetector();
    }
}
