package dev.veil.audit.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hex and hashing helpers shared by writer, verifier and reader. */
public final class Bytes {

    private static final HexFormat HEX = HexFormat.of();

    private Bytes() {
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static String hex(byte[] bytes, int length) {
        return HEX.formatHex(bytes, 0, length);
    }

    public static byte[] unhex(String hex) {
        return HEX.parseHex(hex);
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
