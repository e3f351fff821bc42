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
 */
public record ServerOptions(
        Optional<Path> tlsCertificate,
        Optional<Path> tlsKey,
        Optional<Path> authKeysFile,
        String adminHost,
        int adminPort,
        Duration drainTimeout) {

    public ServerOptions {
        requireNonNull(tlsCertificate, "tlsCertificate");
        requireNonNull(tlsKey, "tlsKey");
        if (tlsCertificate.isPresent() != tlsKey.isPresent()) {
            throw new IllegalArgumentException("tls needs both cert and key, or neither");
        }
        requireNonNull(authKeysFile, "authKeysFile");
        requireNonNull(adminHost, "adminHost");
        requireNonNull(drainTimeout, "drainTimeout");
    }

    /** Plain HTTP, no client keys, admin on 127.0.0.1:8788, 30 s to drain. */
    public static ServerOptions defaults() {
        return new ServerOptions(Optional.empty(), Optional.empty(), Optional.empty(), "127.0.0.1", 8788,
                Duration.ofSeconds(30));
    }

    public boolean tls() {
        return tlsCertificate.isPresent();
    }

    public ServerOptions withAdminPort(int port) {
        return new ServerOptions(tlsCertificate, tlsKey, authKeysFile, adminHost, port, drainTimeout);
    }

    public ServerOptions withAuthKeysFile(Path file) {
        return new ServerOptions(tlsCertificate, tlsKey, Optional.of(file), adminHost, adminPort, drainTimeout);
    }
}
