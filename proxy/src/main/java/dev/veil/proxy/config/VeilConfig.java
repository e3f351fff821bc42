package dev.veil.proxy.config;

import static java.util.Objects.requireNonNull;

import dev.veil.detectors.DetectorSettings;
import dev.veil.policy.Trust;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Veil's validated configuration. Built by {@link ConfigLoader} from {@code veil.yaml}, or
 * {@link #defaults()} when none is given.
 *
 * @param host address to listen on
 * @param port port to listen on (0 picks a free one)
 * @param maxBodyBytes largest request body accepted; larger ones get 413
 * @param upstreams named upstreams in file order
 * @param defaultUpstream the external upstream that {@code allow} and {@code redact} forward to
 * @param policyFile the policy file
 * @param audit where and how the audit trail is written
 * @param scanTimeout longest time the detectors may take on one request before it is treated as
 *     sensitive
 * @param workerThreads threads that scan requests off the event loop (0: one per core)
 * @param detectors which detectors run, custom dictionaries and patterns, the allow-list
 * @param server TLS, client keys, the admin port and the drain time
 * @param shadowPolicy a candidate policy evaluated beside the live one on real traffic, its
 *     differences counted and audited, never enforced; empty for none
 */
public record VeilConfig(
        String host,
        int port,
        long maxBodyBytes,
        Map<String, UpstreamConfig> upstreams,
        String defaultUpstream,
        Path policyFile,
        AuditConfig audit,
        Duration scanTimeout,
        int workerThreads,
        DetectorSettings detectors,
        ServerOptions server,
        Optional<Path> shadowPolicy) {

    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;

    /** A configuration with the standard detectors. */
    public VeilConfig(String host, int port, long maxBodyBytes, Map<String, UpstreamConfig> upstreams,
            String defaultUpstream, Path policyFile, AuditConfig audit, Duration scanTimeout, int workerThreads) {
        this(host, port, maxBodyBytes, upstreams, defaultUpstream, policyFile, audit, scanTimeout, workerThreads,
                DetectorSettings.defaults(), ServerOptions.defaults(), Optional.empty());
    }

    public VeilConfig {
        requireNonNull(host, "host");
        upstreams = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(upstreams));
        requireNonNull(defaultUpstream, "defaultUpstream");
        requireNonNull(policyFile, "policyFile");
        requireNonNull(audit, "audit");
        requireNonNull(scanTimeout, "scanTimeout");
        requireNonNull(detectors, "detectors");
        requireNonNull(server, "server");
        requireNonNull(shadowPolicy, "shadowPolicy");
        if (!upstreams.containsKey(defaultUpstream)) {
            throw new IllegalArgumentException("default upstream is not configured: " + defaultUpstream);
        }
    }

    /** Built-in defaults: OpenAI as the external upstream, Ollama's default port as the internal one. */
    public static VeilConfig defaults() {
        Map<String, UpstreamConfig> upstreams = new LinkedHashMap<>();
        upstreams.put("openai", new UpstreamConfig("openai", URI.create("https://api.openai.com/v1"),
                Trust.EXTERNAL, "OPENAI_API_KEY", Map.of(),
                Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofSeconds(120)));
        upstreams.put("local", new UpstreamConfig("local", URI.create("http://127.0.0.1:11434/v1"),
                Trust.INTERNAL, "", Map.of("*", "llama3.1"),
                Duration.ofSeconds(2), Duration.ofSeconds(300), Duration.ofSeconds(300)));
        return new VeilConfig("127.0.0.1", 8787, DEFAULT_MAX_BODY_BYTES, upstreams, "openai",
                Path.of("policies/default.yaml"), AuditConfig.defaults(), Duration.ofSeconds(2), 0,
                DetectorSettings.defaults(), ServerOptions.defaults(), Optional.empty());
    }

    /** Upstream trust by name, as the policy needs it. */
    public Map<String, Trust> trustByUpstream() {
        Map<String, Trust> m = new LinkedHashMap<>();
        upstreams.forEach((name, u) -> m.put(name, u.trust()));
        return m;
    }

    public UpstreamConfig upstream(String name) {
        UpstreamConfig u = upstreams.get(name);
        if (u == null) {
            throw new IllegalArgumentException("unknown upstream: " + name);
        }
        return u;
    }

    public VeilConfig withPolicy(Path file) {
        return new VeilConfig(host, port, maxBodyBytes, upstreams, defaultUpstream, file, audit, scanTimeout,
                workerThreads, detectors, server, shadowPolicy);
    }

    public VeilConfig withAudit(AuditConfig newAudit) {
        return new VeilConfig(host, port, maxBodyBytes, upstreams, defaultUpstream, policyFile, newAudit,
                scanTimeout, workerThreads, detectors, server, shadowPolicy);
    }

    public VeilConfig withUpstream(UpstreamConfig upstream) {
        Map<String, UpstreamConfig> m = new LinkedHashMap<>(upstreams);
        m.put(upstream.name(), upstream);
        return new VeilConfig(host, port, maxBodyBytes, m, defaultUpstream, policyFile, audit, scanTimeout,
                workerThreads, detectors, server, shadowPolicy);
    }

    public VeilConfig withDetectors(DetectorSettings newDetectors) {
        return new VeilConfig(host, port, maxBodyBytes, upstreams, defaultUpstream, policyFile, audit, scanTimeout,
                workerThreads, newDetectors, server, shadowPolicy);
    }

    public VeilConfig withServer(ServerOptions newServer) {
        return new VeilConfig(host, port, maxBodyBytes, upstreams, defaultUpstream, policyFile, audit, scanTimeout,
                workerThreads, detectors, newServer, shadowPolicy);
    }

    public VeilConfig withShadowPolicy(Path file) {
        return new VeilConfig(host, port, maxBodyBytes, upstreams, defaultUpstream, policyFile, audit, scanTimeout,
                workerThreads, detectors, server, Optional.of(file));
    }

    public VeilConfig withPort(int newPort) {
        return new VeilConfig(host, newPort, maxBodyBytes, upstreams, defaultUpstream, policyFile, audit,
                scanTimeout, workerThreads, detectors, server, shadowPolicy);
    }
}
