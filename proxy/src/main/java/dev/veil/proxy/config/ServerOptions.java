package dev.veil.proxy.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How Veil serves clients and operators, beyond the listen address: TLS on the listener, client API
 * keys, the admin port, and how long a shutdown waits for requests in flight.
 *
 * @param tlsCertificate PEM certificate chain for the listener; empty for plain HTTP
 * @param tlsKey PEM private key matching {@code tlsCertificate}
 * @param authKeysFile file of client API keys (see {@code veil keys add}); empty: no client keys
 *     are required
 * @param adminHost address of the admin port (health, readiness, metrics)
 * @param adminPort the admin port; -1 turns it off
 * @param drainTimeout the longest a shutdown waits for requests and streams in flight
 * @param clientTimeout how long a connection may send nothing while no request is being answered
 *     (an idle keep-alive connection, or a client stuck halfway through its request) before Veil
 *     closes it
 * @param inlineScanMaxBytes request bodies up to this size are parsed and scanned on the network
 *     thread that received them instead of a scan thread, which saves two thread hand-offs per
 *     request; 0 turns this off. Only done while every detector is one of Veil's own (see
 *     {@code Veil}), so that a custom expression that runs away cannot hold a network thread.
 */
public record ServerOptions(
        Optional<Path> tlsCertificate,
        Optional<Path> tlsKey,
        Optional<Path> authKeysFile,
        String adminHost,
        int adminPort,
        Duration drainTimeout,
        Duration clientTimeout,
        int inlineScanMaxBytes) {

    /** Default for {@link #inlineScanMaxBytes}: a typical chat request, scanned in well under a millisecond. */
    public static final int DEFAULT_INLINE_SCAN_MAX_BYTES = 4096;

    public ServerOptions {
        requireNonNull(tlsCertificate, "tlsCertificate");
        requireNonNull(tlsKey, "tlsKey");
        if (tlsCertificate.isPresent() != tlsKey.isPresent()) {
            throw new IllegalArgumentException("tls needs both cert and key, or neither");
        }
        requireNonNull(authKeysFile, "authKeysFile");
        requireNonNull(adminHost, "adminHost");
        requireNonNull(drainTimeout, "drainTimeout");
        requireNonNull(clientTimeout, "clientTimeout");
        if (inlineScanMaxBytes < 0) {
            throw new IllegalArgumentException("inlineScanMaxBytes must not be negative");
        }
    }

    /**
     * Plain HTTP, no client keys, admin on 127.0.0.1:8788, 30 s to drain, 60 s for an idle client,
     * bodies up to 4 KiB scanned on the network thread.
     */
    public static ServerOptions defaults() {
        return new ServerOptions(Optional.empty(), Optional.empty(), Optional.empty(), "127.0.0.1", 8788,
                Duration.ofSeconds(30), Duration.ofSeconds(60), DEFAULT_INLINE_SCAN_MAX_BYTES);
    }

    public boolean tls() {
        return tlsCertificate.isPresent();
    }

    public ServerOptions withAdminPort(int port) {
        return new ServerOptions(tlsCertificate, tlsKey, authKeysFile, adminHost, port, drainTimeout, clientTimeout,
                inlineScanMaxBytes);
    }

    public ServerOptions withAuthKeysFile(Path file) {
        return new ServerOptions(tlsCertificate, tlsKey, Optional.of(file), adminHost, adminPort, drainTimeout,
                clientTimeout, inlineScanMaxBytes);
    }

    public ServerOptions withInlineScanMaxBytes(int bytes) {
        return new ServerOptions(tlsCertificate, tlsKey, authKeysFile, adminHost, adminPort, drainTimeout,
                clientTimeout, bytes);
    }

    public ServerOptions withClientTimeout(Duration timeout) {
        return new ServerOptions(tlsCertificate, tlsKey, authKeysFile, adminHost, adminPort, drainTimeout, timeout,
                inlineScanMaxBytes);
    }
}
