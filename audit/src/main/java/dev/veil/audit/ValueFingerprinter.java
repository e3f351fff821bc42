package dev.veil.audit;

import static java.util.Objects.requireNonNull;

import dev.veil.audit.internal.Bytes;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes keyed fingerprints (HMAC-SHA-256, truncated to 128 bits) of found values and tenant ids,
 * so that the trail can say "this request held the value the officer asks about" without holding
 * the value.
 *
 * <p>Why this key: each segment has its own fingerprint key, derived from the segment key that is
 * sealed to the officers in the segment header. The officer recovers it offline and fingerprints a
 * value she knows ({@code veil audit show --value}); the proxy holds it only in memory while the
 * segment is open. Someone who later copies the files cannot test guesses against the fingerprints
 * without an officer key; someone inside the running proxy can, but only for the current segment.
 *
 * <p>Values are normalized first (NFKC, lower case, whitespace and hyphens removed) so that
 * {@code 123-45-6789} and {@code 123 45 6789} match.
 *
 * <p>Thread-safe.
 */
public final class ValueFingerprinter {

    private static final int FINGERPRINT_BYTES = 16;

    private final String keyId;
    // Initialized once; each call clones it, which is cheaper than a provider lookup and key setup.
    private final Mac prototype;

    /**
     * @param keyId the id recorded with each fingerprint
     * @param key 32 bytes of key; copied
     */
    public ValueFingerprinter(String keyId, byte[] key) {
        this.keyId = requireNonNull(keyId, "keyId");
        requireNonNull(key, "key");
        if (key.length != 32) {
            throw new IllegalArgumentException("fingerprint key must be 32 bytes");
        }
        try {
            this.prototype = Mac.getInstance("HmacSHA256");
            this.prototype.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The id of this fingerprint key. */
    public String keyId() {
        return keyId;
    }

    /** The fingerprint of one value. */
    public ValueFingerprint fingerprint(CharSequence value) {
        requireNonNull(value, "value");
        try {
            Mac mac = (Mac) prototype.clone();
            byte[] full = mac.doFinal(normalize(value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new ValueFingerprint(keyId, Bytes.hex(full, FINGERPRINT_BYTES));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 cannot be cloned", e);
        }
    }

    static String normalize(CharSequence value) {
        String nfkc = Normalizer.normalize(value, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(nfkc.length());
        nfkc.codePoints()
                .filter(c -> !Character.isWhitespace(c) && c != '-' && !Character.isSpaceChar(c))
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    @Override
    public String toString() {
        return "ValueFingerprinter[" + keyId + "]";
    }
}
