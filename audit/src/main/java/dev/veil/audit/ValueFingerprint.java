package dev.veil.audit;

import static java.util.Objects.requireNonNull;

/**
 * A keyed fingerprint of a found value: the id of the key that made it and the truncated HMAC.
 * Reveals nothing about the value to anyone without the key; the officer recomputes it from a known
 * value with the key sealed in the segment header.
 *
 * @param keyId the id of the fingerprint key (the id of the segment whose key made it)
 * @param hex the fingerprint, lower-case hex
 */
public record ValueFingerprint(String keyId, String hex) {

    public ValueFingerprint {
        requireNonNull(keyId, "keyId");
        requireNonNull(hex, "hex");
        if (keyId.indexOf(':') >= 0) {
            throw new IllegalArgumentException("key id must not contain ':'");
        }
    }

    /** Parses the {@link #toString()} form {@code keyId:hex}. */
    public static ValueFingerprint parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a value fingerprint (expected keyId:hex)");
        }
        return new ValueFingerprint(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return keyId + ":" + hex;
    }
}
