package dev.veil.proxy.tls;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The TLS side of Veil's listener, built once at start-up from a PEM certificate chain and a PEM
 * private key (PKCS#8, or the traditional RSA/EC forms; not encrypted). Loading checks what would
 * otherwise only fail in a client's handshake: that both files parse, that the key belongs to the
 * certificate, and that the certificate is valid now. TLS 1.3 and 1.2 only.
 *
 * <p>Immutable and thread-safe; {@link #newHandler} is called once per connection.
 */
public final class ServerTls {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SslContext context;
    private final X509Certificate leaf;

    private ServerTls(SslContext context, X509Certificate leaf) {
        this.context = context;
        this.leaf = leaf;
    }

    /**
     * Loads and checks the pair.
     *
     * @param certificate PEM file with the server certificate first, then any intermediates
     * @param privateKey PEM file with the server certificate's private key
     * @param now the time against which the certificate's validity is checked
     * @throws TlsConfigException naming the file and what is wrong with it
     */
    public static ServerTls load(Path certificate, Path privateKey, Instant now) throws TlsConfigException {
        requireNonNull(certificate, "certificate");
        requireNonNull(privateKey, "privateKey");
        requireNonNull(now, "now");
        List<X509Certificate> chain = readChain(certificate);
        PrivateKey key = readKey(privateKey);
        X509Certificate leaf = chain.get(0);
        try {
            leaf.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new TlsConfigException(certificate + ": the certificate expired on " + leaf.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new TlsConfigException(certificate + ": the certificate is not valid before "
                    + leaf.getNotBefore().toInstant());
        }
        if (!belongTogether(key, leaf)) {
            throw new TlsConfigException(privateKey + " is not the private key of the certificate in " + certificate);
        }
        try {
            SslContext context = SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
                    .protocols(PROTOCOLS)
                    .build();
            return new ServerTls(context, leaf);
        } catch (SSLException e) {
            throw new TlsConfigException("cannot use " + certificate + " and " + privateKey + ": " + e.getMessage(), e);
        }
    }

    /** Loads and checks the pair against the current time. */
    public static ServerTls load(Path certificate, Path privateKey) throws TlsConfigException {
        return load(certificate, privateKey, Instant.now());
    }

    /** The Netty context, for callers that build their own handlers. */
    public SslContext context() {
        return context;
    }

    /** A handler to put first in a new connection's pipeline. */
    public SslHandler newHandler(ByteBufAllocator alloc) {
        return context.newHandler(alloc);
    }

    /** When the server certificate expires: worth logging at start-up and alerting on. */
    public Instant notAfter() {
        return leaf.getNotAfter().toInstant();
    }

    private static List<X509Certificate> readChain(Path file) throws TlsConfigException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            Object o;
            while ((o = pem.readObject()) != null) {
                if (o instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                } else {
                    throw new TlsConfigException(file + ": expected only certificates, found " + describe(o));
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new TlsConfigException(file + ": cannot read the certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new TlsConfigException(file + ": no PEM certificate (-----BEGIN CERTIFICATE-----) found");
        }
        return chain;
    }

    private static PrivateKey readKey(Path file) throws TlsConfigException {
        Object o;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            o = pem.readObject();
        } catch (IOException | RuntimeException e) {
            // The parser's message may quote the file's content; say only what kind of failure it was.
            throw new TlsConfigException(file + ": cannot read the private key (" + e.getClass().getSimpleName() + ")");
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (o instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
        } catch (IOException e) {
            throw new TlsConfigException(file + ": unsupported private key algorithm");
        }
        if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
            throw new TlsConfigException(file + ": the private key is encrypted; give Veil an unencrypted key "
                    + "readable only by its user");
        }
        throw new TlsConfigException(file + ": no PEM private key found (expected -----BEGIN PRIVATE KEY-----)");
    }

    private static String describe(Object o) {
        return o instanceof PrivateKeyInfo || o instanceof PEMKeyPair ? "a private key" : o.getClass().getSimpleName();
    }

    /**
     * Signs a random challenge with the key and verifies it with the certificate's public key. A key
     * of an algorithm this check does not know is let through: the handshake will still catch it.
     */
    private static boolean belongTogether(PrivateKey key, X509Certificate cert) {
        String algorithm = signatureAlgorithm(key.getAlgorithm());
        if (algorithm == null) {
            return true;
        }
        if (!algorithm.equals(signatureAlgorithm(cert.getPublicKey().getAlgorithm()))) {
            return false;
        }
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String signatureAlgorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
    }
}
