package dev.veil.audit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * Reads and writes keys as PEM files (PKCS#8 private keys, SubjectPublicKeyInfo public keys), the
 * format {@code openssl pkey} reads. Private key files are created readable by their owner only.
 */
public final class KeyFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static final ASN1ObjectIdentifier X25519_OID = new ASN1ObjectIdentifier("1.3.101.110");
    private static final ASN1ObjectIdentifier ED25519_OID = new ASN1ObjectIdentifier("1.3.101.112");

    private KeyFiles() {
    }

    public static void writePrivate(Path file, AsymmetricKeyParameter key) throws IOException {
        // PKCS#8 version 1 (no embedded public key): what OpenSSL 3.0 and the JDK read.
        PrivateKeyInfo info;
        if (key instanceof X25519PrivateKeyParameters x) {
            info = new PrivateKeyInfo(new AlgorithmIdentifier(X25519_OID),
                    new DEROctetString(x.getEncoded()));
        } else if (key instanceof Ed25519PrivateKeyParameters e) {
            info = new PrivateKeyInfo(new AlgorithmIdentifier(ED25519_OID),
                    new DEROctetString(e.getEncoded()));
        } else {
            info = PrivateKeyInfoFactory.createPrivateKeyInfo(key);
        }
        write(file, pem("PRIVATE KEY", info.getEncoded()), true);
    }

    public static void writePublic(Path file, AsymmetricKeyParameter key) throws IOException {
        byte[] der = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded();
        write(file, pem("PUBLIC KEY", der), false);
    }

    public static AsymmetricKeyParameter readPrivate(Path file) throws IOException {
        try {
            return PrivateKeyFactory.createKey(unpem(file, "PRIVATE KEY"));
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a private key this tool can read", e);
        }
    }

    public static AsymmetricKeyParameter readPublic(Path file) throws IOException {
        try {
            return PublicKeyFactory.createKey(unpem(file, "PUBLIC KEY"));
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a public key this tool can read", e);
        }
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static byte[] unpem(Path file, String label) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IOException(file + ": expected a PEM block '" + begin + "'");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": the PEM block is not valid base64", e);
        }
    }

    private static void write(Path file, String text, boolean secret) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
        } else {
            Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }
}
