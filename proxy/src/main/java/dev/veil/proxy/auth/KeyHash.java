package dev.veil.proxy.auth;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The stored form of one API key: SHA-256 of the key, optionally with a salt prepended. Written as
 * {@code sha256:HEX} (any key, e.g. one made by another tool) or {@code sha256-salted:SALT_HEX:HEX}
 * (what {@code veil keys add} writes). Immutable.
 */
public final class KeyHash {

    static final String PLAIN_PREFIX = "sha256:";
    static final String SALTED_PREFIX = "sha256-salted:";
    private static final int SALT_BYTES = 16;
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern HEX_CHARS = Pattern.compile("[0-9a-fA-F]+");

    private final byte[] salt;
    private final byte[] digest;

    private KeyHash(byte[] salt, byte[] digest) {
        this.salt = salt;
        this.digest = digest;
    }

    /**
     * Parses the stored form.
     *
     * @throws IllegalArgumentException with a message that names the expected forms (never the value)
     */
    public static KeyHash parse(String stored) {
        requireNonNull(stored, "stored");
        if (stored.startsWith(SALTED_PREFIX)) {
            String[] parts = stored.substring(SALTED_PREFIX.length()).split(":", -1);
            if (parts.length != 2 || !isHex(parts[0], SALT_BYTES * 2) || !isHex(parts[1], 64)) {
                throw new IllegalArgumentException("a salted hash is sha256-salted:<32 hex digits of salt>:<64 hex digits>");
            }
            return new KeyHash(HEX.parseHex(parts[0]), HEX.parseHex(parts[1]));
        }
        if (stored.startsWith(PLAIN_PREFIX)) {
            String hex = stored.substring(PLAIN_PREFIX.length());
            if (!isHex(hex, 64)) {
                throw new IllegalArgumentException("a hash is sha256:<64 hex digits>, the SHA-256 of the key");
            }
            return new KeyHash(new byte[0], HEX.parseHex(hex));
        }
        throw new IllegalArgumentException("a hash starts with sha256: or sha256-salted:");
    }

    /** A salted hash of {@code key} with a fresh salt. */
    public static KeyHash salted(String key, SecureRandom random) {
        requireNonNull(key, "key");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new KeyHash(salt, sha256(salt, key));
    }

    /** The unsalted hash of {@code key}. */
    public static KeyHash plain(String key) {
        return new KeyHash(new byte[0], sha256(new byte[0], requireNonNull(key, "key")));
    }

    boolean isSalted() {
        return salt.length > 0;
    }

    /** Whether {@code key} hashes to this hash; the comparison takes the same time wherever the bytes differ. */
    boolean matches(String key) {
        return MessageDigest.isEqual(digest, sha256(salt, key));
    }

    /** Compares a precomputed unsalted digest, in constant time. */
    boolean matchesDigest(byte[] plainDigest) {
        return !isSalted() && MessageDigest.isEqual(digest, plainDigest);
    }

    /** Whether two entries store the same unsalted digest (a copy-paste mistake in the key file). */
    boolean sameDigest(KeyHash other) {
        return MessageDigest.isEqual(digest, other.digest) && MessageDigest.isEqual(salt, other.salt);
    }

    /** The stored form. */
    public String format() {
        return isSalted()
                ? SALTED_PREFIX + HEX.formatHex(salt) + ":" + HEX.formatHex(digest)
                : PLAIN_PREFIX + HEX.formatHex(digest);
    }

    static byte[] sha256(byte[] salt, String key) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        md.update(salt);
        return md.digest(key.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isHex(String s, int length) {
        return s.length() == length && HEX_CHARS.matcher(s).matches();
    }

    /** Never the digest: a hash in a log is still something an attacker could test guesses against. */
    @Override
    public String toString() {
        return isSalted() ? "KeyHash[salted]" : "KeyHash[plain]";
    }
}
