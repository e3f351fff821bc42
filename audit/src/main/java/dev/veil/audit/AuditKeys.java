package dev.veil.audit;

import static java.util.Objects.requireNonNull;

import dev.veil.audit.internal.Crypto;
import dev.veil.audit.internal.KeyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.generators.X25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.X25519KeyGenerationParameters;

/**
 * Creates the keys of a trail: the officer's X25519 key pair (the private half never goes to the
 * proxy host) and the proxy's Ed25519 signing key pair. PEM files; private files are created with
 * owner-only permissions and never overwritten.
 */
public final class AuditKeys {

    public static final String OFFICER_PRIVATE = "officer-x25519.key";
    public static final String OFFICER_PUBLIC = "officer-x25519.pub";
    public static final String SIGNING_PRIVATE = "proxy-signing-ed25519.key";
    public static final String SIGNING_PUBLIC = "proxy-signing-ed25519.pub";

    private AuditKeys() {
    }

    /**
     * Writes both key pairs into {@code dir} (created if missing).
     *
     * @return the files written
     * @throws java.nio.file.FileAlreadyExistsException if any of the files exists
     */
    public static List<Path> generate(Path dir) throws IOException {
        requireNonNull(dir, "dir");
        Files.createDirectories(dir);
        List<Path> files = List.of(dir.resolve(OFFICER_PRIVATE), dir.resolve(OFFICER_PUBLIC),
                dir.resolve(SIGNING_PRIVATE), dir.resolve(SIGNING_PUBLIC));
        for (Path f : files) {
            if (Files.exists(f)) {
                throw new java.nio.file.FileAlreadyExistsException(f.toString(), null,
                        "refusing to overwrite a key");
            }
        }
        X25519KeyPairGenerator officer = new X25519KeyPairGenerator();
        officer.init(new X25519KeyGenerationParameters(Crypto.RANDOM));
        AsymmetricCipherKeyPair o = officer.generateKeyPair();
        Ed25519KeyPairGenerator signing = new Ed25519KeyPairGenerator();
        signing.init(new Ed25519KeyGenerationParameters(Crypto.RANDOM));
        AsymmetricCipherKeyPair s = signing.generateKeyPair();
        KeyFiles.writePrivate(files.get(0), o.getPrivate());
        KeyFiles.writePublic(files.get(1), o.getPublic());
        KeyFiles.writePrivate(files.get(2), s.getPrivate());
        KeyFiles.writePublic(files.get(3), s.getPublic());
        return files;
    }
}
