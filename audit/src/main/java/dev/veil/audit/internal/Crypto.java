package dev.veil.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The cryptography of the trail in one place: HPKE sealing of segment keys, the per-record key
 * ratchet (HKDF-Expand, RFC 5869), AES-256-GCM, Ed25519 and key ids.
 */
public final class Crypto {

    public static final SecureRandom RANDOM = new SecureRandom();
    static final byte[] FINGERPRINT_INFO = ascii("veil-audit/1 fingerprint");
    static final byte[] RATCHET_INFO = ascii("veil-audit/1 ratchet");
    static final byte[] RECORD_INFO = ascii("veil-audit/1 record key");
    static final byte[] NEXT_INFO = ascii("veil-audit/1 next");
    // Every record key encrypts exactly one record, so a fixed nonce never repeats under one key.
    private static final byte[] NONCE = new byte[12];

    private Crypto() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
    }

    /** Seals {@code secret} to one officer; returns {@code [enc, ciphertext]}. */
    public static byte[][] seal(X25519PublicKeyParameters officer, byte[] info, byte[] secret) {
        try {
            byte[][] out = hpke().seal(officer, info, new byte[0], secret, null, null, null);
            return new byte[][] {out[1], out[0]};
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("HPKE seal failed", e);
        }
    }

    /** Opens what {@link #seal} sealed to this officer's key. */
    public static byte[] open(X25519PrivateKeyParameters officer, byte[] info, byte[] enc, byte[] ct)
            throws InvalidCipherTextException {
        AsymmetricCipherKeyPair pair = new AsymmetricCipherKeyPair(officer.generatePublicKey(), officer);
        return hpke().open(enc, pair, info, new byte[0], ct, null, null, null);
    }

    /** A fresh HMAC-SHA-256; callers that run hot keep one per thread. */
    public static Mac hmac() {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** A fresh AES-GCM cipher; callers keep one per thread and re-key it for every record. */
    public static Cipher gcm() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding is not available", e);
        }
    }

    /** HKDF-Expand (RFC 5869) of one 32-byte block: HMAC-SHA-256(prk, info || 0x01). */
    public static byte[] expand(byte[] prk, byte[] info) {
        return expand(hmac(), prk, info);
    }

    static byte[] expand(Mac mac, byte[] prk, byte[] info) {
        try {
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 rejected a 32-byte key", e);
        }
        mac.update(info);
        mac.update((byte) 1);
        return mac.doFinal();
    }

    public static byte[] fingerprintKey(byte[] segmentKey) {
        return expand(segmentKey, FINGERPRINT_INFO);
    }

    public static byte[] ratchetStart(byte[] segmentKey) {
        return expand(segmentKey, RATCHET_INFO);
    }

    /** Best-effort erasure; the JVM may hold other copies, which the docs say. */
    public static void erase(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }

    public static byte[] encrypt(Cipher c, byte[] key, byte[] aad, byte[] plaintext) {
        try {
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, NONCE));
            c.updateAAD(aad);
            return c.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public static byte[] decrypt(Cipher c, byte[] key, byte[] aad, byte[] ciphertext)
            throws GeneralSecurityException {
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, NONCE));
        c.updateAAD(aad);
        return c.doFinal(ciphertext);
    }

    public static byte[] sign(Ed25519PrivateKeyParameters key, byte[] message) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, key);
        s.update(message, 0, message.length);
        return s.generateSignature();
    }

    public static boolean verify(Ed25519PublicKeyParameters key, byte[] message, byte[] signature) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(false, key);
        s.update(message, 0, message.length);
        return s.verifySignature(signature);
    }

    /** A short id for a public key: the first 8 bytes of SHA-256 of its raw encoding, in hex. */
    public static String keyId(AsymmetricKeyParameter publicKey) {
        byte[] raw;
        if (publicKey instanceof X25519PublicKeyParameters x) {
            raw = x.getEncoded();
        } else if (publicKey instanceof Ed25519PublicKeyParameters e) {
            raw = e.getEncoded();
        } else {
            throw new IllegalArgumentException("unsupported key type " + publicKey.getClass().getSimpleName());
        }
        return Bytes.hex(Bytes.sha256().digest(raw), 8);
    }
}
