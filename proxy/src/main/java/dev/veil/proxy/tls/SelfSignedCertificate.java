package dev.veil.proxy.tls;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate and its private key, in PEM, for running Veil with TLS on a developer
 * machine or in a test. Clients trust it by pinning the certificate file (e.g. {@code curl --cacert}).
 * The key is ECDSA P-256, made and signed with the JDK's providers; Bouncy Castle builds the
 * X.509 structure and writes PEM.
 *
 * @param certificatePem the certificate, {@code -----BEGIN CERTIFICATE-----}
 * @param privateKeyPem the private key, PKCS#8, {@code -----BEGIN PRIVATE KEY-----}
 */
public record SelfSignedCertificate(String certificatePem, String privateKeyPem) {

    public static final String CERTIFICATE_FILE = "veil-cert.pem";
    public static final String KEY_FILE = "veil-key.pem";
    /** Backdating absorbs clock skew between the host that makes the pair and its clients. */
    private static final Duration BACKDATE = Duration.ofHours(1);

    public SelfSignedCertificate {
        requireNonNull(certificatePem, "certificatePem");
        requireNonNull(privateKeyPem, "privateKeyPem");
    }

    /**
     * Makes a pair valid for these host names and IP addresses.
     *
     * @param hosts DNS names and IP literals for the subject alternative names; the first is also the common name
     * @param validity how long from {@code now} the certificate is valid
     */
    public static SelfSignedCertificate generate(List<String> hosts, Duration validity, Instant now,
            SecureRandom random) {
        requireNonNull(hosts, "hosts");
        requireNonNull(validity, "validity");
        requireNonNull(now, "now");
        requireNonNull(random, "random");
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("at least one host name is needed");
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive: " + validity);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "Veil (self-signed)")
                    .addRDN(BCStyle.CN, hosts.get(0))
                    .build();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(127, random).add(BigInteger.ONE), Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(validity)), name, pair.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(hosts));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            X509CertificateHolder cert = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            return new SelfSignedCertificate(pem(cert), pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralNames subjectAltNames(List<String> hosts) {
        List<GeneralName> names = new ArrayList<>();
        for (String host : hosts) {
            names.add(isIpLiteral(host)
                    ? new GeneralName(GeneralName.iPAddress, host)
                    : new GeneralName(GeneralName.dNSName, host));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    static boolean isIpLiteral(String host) {
        if (host.contains(":")) {
            return true;
        }
        if (!host.matches("[0-9.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(host) != null;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    /**
     * Writes {@value #CERTIFICATE_FILE} and {@value #KEY_FILE} into {@code dir}; the key file is
     * readable by its owner only where the file system supports POSIX permissions.
     *
     * @param overwrite replace existing files; otherwise existing files are an error and nothing is written
     * @return the certificate and key paths
     */
    public List<Path> write(Path dir, boolean overwrite) throws IOException {
        requireNonNull(dir, "dir");
        Files.createDirectories(dir);
        Path cert = dir.resolve(CERTIFICATE_FILE);
        Path key = dir.resolve(KEY_FILE);
        if (!overwrite) {
            for (Path p : List.of(cert, key)) {
                if (Files.exists(p)) {
                    throw new FileAlreadyExistsException(p.toString(), null, "already exists (use --force to replace)");
                }
            }
        }
        Files.deleteIfExists(key);
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(key);
        }
        Files.writeString(key, privateKeyPem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        Files.writeString(cert, certificatePem, StandardCharsets.US_ASCII);
        return List.of(cert, key);
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "SelfSignedCertificate[private key hidden]";
    }
}
