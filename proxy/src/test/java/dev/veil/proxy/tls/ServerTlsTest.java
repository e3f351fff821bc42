package dev.veil.proxy.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTlsTest {

    private static EventLoopGroup group;

    @TempDir
    Path dir;

    @BeforeAll
    static void startGroup() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private List<Path> pair(Path into, String... hosts) throws Exception {
        return SelfSignedCertificate.generate(List.of(hosts), Duration.ofDays(30), Instant.now(), new SecureRandom())
                .write(into, false);
    }

    /** Starts a TLS server with {@code tls}, connects a client trusting {@code trusted} as {@code host}, returns the handshake. */
    private Future<Channel> handshake(ServerTls tls, Path trusted, String host) throws Exception {
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        SslContext client = SslContextBuilder.forClient().trustManager(trusted.toFile())
                .endpointIdentificationAlgorithm("HTTPS").build();
        SslHandler[] handler = new SslHandler[1];
        Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        handler[0] = client.newHandler(c.alloc(), host, port);
                        c.pipeline().addLast(handler[0]);
                    }
                })
                .connect("127.0.0.1", port).sync().channel();
        Future<Channel> done = handler[0].handshakeFuture().await();
        ch.close().sync();
        server.close().sync();
        return done;
    }

    @Test
    void handshake_clientTrustingTheGeneratedCertificate_succeedsWithTls13() throws Exception {
        List<Path> files = pair(dir, "localhost", "127.0.0.1");
        ServerTls tls = ServerTls.load(files.get(0), files.get(1));

        Future<Channel> done = handshake(tls, files.get(0), "localhost");

        assertTrue(done.isSuccess(), () -> String.valueOf(done.cause()));
        assertEquals("TLSv1.3", done.getNow().pipeline().get(SslHandler.class).engine().getSession().getProtocol());
    }

    @Test
    void handshake_clientTrustingAnotherCertificate_fails() throws Exception {
        List<Path> served = pair(dir.resolve("a"), "localhost");
        List<Path> other = pair(dir.resolve("b"), "localhost");

        Future<Channel> done = handshake(ServerTls.load(served.get(0), served.get(1)), other.get(0), "localhost");

        assertFalse(done.isSuccess());
        assertInstanceOf(SSLHandshakeException.class, done.cause());
    }

    @Test
    void handshake_hostNotInTheCertificate_fails() throws Exception {
        List<Path> files = pair(dir, "localhost");

        Future<Channel> done = handshake(ServerTls.load(files.get(0), files.get(1)), files.get(0), "veil.example.com");

        assertFalse(done.isSuccess());
        assertInstanceOf(SSLHandshakeException.class, done.cause());
    }

    @Test
    void generate_certificateNamesEveryHostAndIsAServerLeaf() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        SelfSignedCertificate pair = SelfSignedCertificate.generate(List.of("veil.internal", "10.0.0.7", "::1"),
                Duration.ofDays(10), now, new SecureRandom());
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pair.certificatePem().getBytes(StandardCharsets.US_ASCII)));

        assertEquals(Set.of(List.of(2, "veil.internal"), List.of(7, "10.0.0.7"), List.of(7, "0:0:0:0:0:0:0:1")),
                Set.copyOf(cert.getSubjectAlternativeNames().stream().map(l -> List.copyOf(l)).toList()));
        assertEquals(-1, cert.getBasicConstraints(), "not a CA");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), cert.getExtendedKeyUsage());
        assertEquals(now.plus(Duration.ofDays(10)), cert.getNotAfter().toInstant());
        assertTrue(pair.privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----"));
        assertFalse(pair.toString().contains("PRIVATE"));
    }

    @Test
    void write_keyIsOwnerOnlyAndExistingFilesAreKept() throws Exception {
        List<Path> files = pair(dir, "localhost");
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(files.get(1)));
        }
        String before = Files.readString(files.get(0));
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> pair(dir, "localhost"));
        assertEquals(before, Files.readString(files.get(0)));
    }

    @Test
    void load_keyOfAnotherCertificate_isRefusedAtStartup() throws Exception {
        List<Path> a = pair(dir.resolve("a"), "localhost");
        List<Path> b = pair(dir.resolve("b"), "localhost");

        TlsConfigException e = assertThrows(TlsConfigException.class, () -> ServerTls.load(a.get(0), b.get(1)));
        assertEquals(b.get(1) + " is not the private key of the certificate in " + a.get(0), e.getMessage());
    }

    @Test
    void load_expiredOrSwappedOrMissingFiles_areRefusedWithTheFileName() throws Exception {
        List<Path> files = pair(dir, "localhost");
        TlsConfigException expired = assertThrows(TlsConfigException.class,
                () -> ServerTls.load(files.get(0), files.get(1), Instant.now().plus(Duration.ofDays(31))));
        assertTrue(expired.getMessage().startsWith(files.get(0) + ": the certificate expired on"), expired.getMessage());

        TlsConfigException swapped = assertThrows(TlsConfigException.class,
                () -> ServerTls.load(files.get(1), files.get(0)));
        assertEquals(files.get(1) + ": expected only certificates, found a private key", swapped.getMessage());

        TlsConfigException missing = assertThrows(TlsConfigException.class,
                () -> ServerTls.load(files.get(0), dir.resolve("nope.pem")));
        assertTrue(missing.getMessage().startsWith(dir.resolve("nope.pem") + ": cannot read the private key"),
                missing.getMessage());
    }

    @Test
    void load_keyMessages_neverQuoteKeyMaterial() throws Exception {
        List<Path> files = pair(dir, "localhost");
        String key = Files.readString(files.get(1));
        Path broken = dir.resolve("broken.pem");
        Files.writeString(broken, key.replace("-----END PRIVATE KEY-----", ""));

        TlsConfigException e = assertThrows(TlsConfigException.class, () -> ServerTls.load(files.get(0), broken));
        String body = key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertFalse(e.getMessage().contains(body.substring(0, 20)), e.getMessage());
    }
}
