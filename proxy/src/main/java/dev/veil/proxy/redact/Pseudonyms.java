package dev.veil.proxy.redact;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives pseudonym tokens: {@code EMAIL_3F9A0C1D} stands for one e-mail address of one tenant. The
 * token is a keyed HMAC of tenant, type and value, so the same value gets the same token in every
 * turn and every request, on every replica that shares the key, and nothing needs to be stored.
 * Tokens look like identifiers (upper-case letters, digits, underscores), which models copy
 * faithfully.
 *
 * <p>Thread-safe.
 */
public final class Pseudonyms {

    /** Hex digits of HMAC in a token: 32 bits, plenty to tell apart the values of one conversation. */
    static final int HEX_DIGITS = 8;

    private final SecretKeySpec key;

    /** @param key at least 32 bytes of secret key, shared by the replicas that must agree on tokens */
    public Pseudonyms(byte[] key) {
        requireNonNull(key, "key");
        if (key.length < 32) {
            throw new IllegalArgumentException("pseudonym key must be at least 32 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** The token for {@code value}, a finding of {@code type}, for {@code tenant}. */
    public String token(String tenant, String type, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(tenant.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(type.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] h = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return label(type) + "_" + HexFormat.of().withUpperCase().formatHex(h, 0, HEX_DIGITS / 2);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** {@code pii.email} becomes {@code EMAIL}, {@code gov_id.us_ssn} becomes {@code US_SSN}. */
    static String label(String type) {
        String last = type.substring(type.lastIndexOf('.') + 1);
        String up = last.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        return up.isEmpty() || !Character.isLetter(up.charAt(0)) ? "VALUE" : up;
    }
}
