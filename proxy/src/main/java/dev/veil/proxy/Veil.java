package dev.veil.proxy;

import static java.util.Objects.requireNonNull;

import dev.veil.audit.AuditSink;
import dev.veil.audit.AuditTrail;
import dev.veil.audit.ValueFingerprinter;
import dev.veil.detectors.Scanner;
import dev.veil.detectors.custom.RegexDetector;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.veil.audit.AuditRecord;
import dev.veil.audit.AuditUnavailableException;
import dev.veil.policy.PolicyException;
import dev.veil.policy.PolicyFileWatcher;
import dev.veil.policy.PolicyHolder;
import dev.veil.policy.fixture.FixtureRunner;
import dev.veil.proxy.inspect.FixtureFacts;
import dev.veil.policy.Trust;
import dev.veil.proxy.config.UpstreamConfig;
import dev.veil.proxy.config.VeilConfig;
import dev.veil.proxy.admin.AdminServer;
import dev.veil.proxy.admin.Readiness;
import dev.veil.proxy.auth.ApiKeyFileException;
import dev.veil.proxy.auth.ApiKeyStore;
import dev.veil.proxy.inspect.RequestInspector;
import dev.veil.proxy.tls.ServerTls;
import dev.veil.proxy.tls.TlsConfigException;
import dev.veil.proxy.metrics.VeilMetrics;
import dev.veil.proxy.redact.Pseudonyms;
import dev.veil.proxy.server.ProxyServices;
import dev.veil.proxy.server.VeilServerInitializer;
import dev.veil.proxy.upstream.UpstreamClient;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Veil: starts the server with its policy, scanner, upstream client and audit trail,
 * and stops them in order. Used by {@code veil serve}, {@code veil demo} and the tests.
 *
 * <p>Thread-safe; {@link #close()} may be called from any thread, once or more.
 */
public final class Veil implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Veil.class);
    private static final int SCAN_QUEUE = 4096;
    /** Environment variable holding the secret that pseudonym tokens are derived with. */
    public static final String PSEUDONYM_KEY_ENV = "VEIL_PSEUDONYM_KEY";
    private static final Duration RELOAD_DEBOUNCE = Duration.ofMillis(200);

    private final VeilConfig config;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ThreadPoolExecutor scanPool;
    private final UpstreamClient upstreams;
    private final AuditSink audit;
    private final PolicyHolder policy;
    private final VeilMetrics metrics;
    private final PolicyFileWatcher policyWatcher;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;
    private final AdminServer admin;
    private final Channel serverChannel;

    private Veil(VeilConfig config, PolicyHolder policy, RequestInspector inspector, AuditSink audit,
            Map<String, String> env, Optional<ServerTls> tls, Optional<ApiKeyStore> clientKeys)
            throws InterruptedException, IOException {
        this.config = config;
        this.audit = audit;
        this.policy = policy;
        int cores = Runtime.getRuntime().availableProcessors();
        int scanThreads = config.workerThreads() > 0 ? config.workerThreads() : cores;
        this.scanPool = new ThreadPoolExecutor(scanThreads, scanThreads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(SCAN_QUEUE), new DefaultThreadFactory("veil-scan", true));
        Transport transport = Transport.select();
        this.metrics = new VeilMetrics(inspector.scanner().types(), config.upstreams().keySet());
        this.upstreams = new UpstreamClient(apiKeys(config, env), transport.socketChannel(),
                transport.datagramChannel(), metrics, System::nanoTime);
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("veil-accept"),
                transport.ioHandlers().get());
        this.workers = new MultiThreadIoEventLoopGroup(cores, new DefaultThreadFactory("veil-io"),
                transport.ioHandlers().get());
        Supplier<ValueFingerprinter> fingerprints = audit instanceof AuditTrail trail ? trail::fingerprinter : () -> null;
        ProxyServices services = new ProxyServices(config, policy, inspector, upstreams, audit, scanPool,
                fingerprints, pseudonyms(env), metrics, clientKeys, inFlight,
                inlineScanMaxBytes(config, inspector.scanner()));
        try {
            this.serverChannel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new VeilServerInitializer(services, tls))
                    .bind(config.host(), config.port())
                    .sync()
                    .channel();
        } catch (RuntimeException | InterruptedException e) {
            shutdownGroups();
            scanPool.shutdown();
            upstreams.close();
            throw e;
        }
        this.policyWatcher = PolicyFileWatcher.start(policy, RELOAD_DEBOUNCE, this::policyReloaded);
        this.admin = startAdmin(config, metrics, audit);
        audit.append(AuditRecord.lifecycle(AuditRecord.Event.START, Instant.now(),
                "listening on " + config.host() + ":" + port() + "; policy version " + policy.current().version()));
        log.info("Veil listening on {} (policy {}, version {}; {} transport)", baseUrl(), config.policyFile(),
                policy.current().version(), transport.name());
        if (clientKeys.isEmpty() && !isLoopback(config.host())) {
            log.warn("Veil listens on {} without client keys: anyone who can reach it can use it. Set auth.keys_file.",
                    config.host());
        }
    }

    private AdminServer startAdmin(VeilConfig config, VeilMetrics metrics, AuditSink audit)
            throws InterruptedException {
        if (config.server().adminPort() < 0) {
            return null;
        }
        Map<String, java.util.function.BooleanSupplier> ready = new LinkedHashMap<>();
        ready.put("audit trail unavailable", audit::isAvailable);
        ready.put("shutting down", () -> !draining);
        return AdminServer.start(config.server().adminHost(), config.server().adminPort(), metrics.registry(),
                Readiness.allOf(ready));
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    private void policyReloaded(PolicyHolder.ReloadOutcome outcome) {
        if (outcome.swapped() || outcome.refused()) {
            metrics.policyReload(outcome.swapped());
        }
        try {
            if (outcome.swapped()) {
                audit.append(AuditRecord.lifecycle(AuditRecord.Event.POLICY_RELOAD_APPLIED, Instant.now(),
                        "policy version " + outcome.version()));
            } else if (outcome.refused()) {
                audit.append(AuditRecord.lifecycle(AuditRecord.Event.POLICY_RELOAD_REFUSED, Instant.now(),
                        outcome.errors().size() + " error(s); kept version " + outcome.version()));
            }
        } catch (AuditUnavailableException e) {
            log.error("the policy reload could not be audited: {}", e.getMessage());
        }
    }

    /**
     * Loads the policy named by the config and starts serving.
     *
     * @param env the environment to read upstream API keys from
     * @throws PolicyException if the policy file is invalid (nothing is started)
     */
    public static Veil start(VeilConfig config, Scanner scanner, AuditSink audit, Map<String, String> env)
            throws PolicyException, InterruptedException {
        requireNonNull(config, "config");
        requireNonNull(scanner, "scanner");
        requireNonNull(audit, "audit");
        RequestInspector inspector = new RequestInspector(scanner);
        // Warm the detectors so that the first client does not pay for their initialisation.
        scanner.scan("warm-up: jane.doe@example.com 4111 1111 1111 1111 +1 415 555 0100");
        FixtureRunner fixtures = new FixtureRunner(new FixtureFacts(inspector), scanner.types());
        PolicyHolder policy = PolicyHolder.load(config.policyFile(), config.trustByUpstream(), scanner.types(),
                Optional.of(fixtures), Ticker.systemTicker());
        if (config.shadowPolicy().isPresent()) {
            policy.shadow(config.shadowPolicy().get());
            log.info("shadow policy {} (version {}) is evaluated beside the live one; it decides nothing",
                    config.shadowPolicy().get(), policy.shadow().map(p -> p.version()).orElse("?"));
        }
        Optional<ServerTls> tls = Optional.empty();
        if (config.server().tls()) {
            try {
                tls = Optional.of(ServerTls.load(config.server().tlsCertificate().get(),
                        config.server().tlsKey().get()));
            } catch (TlsConfigException e) {
                throw new IllegalArgumentException("TLS: " + e.getMessage(), e);
            }
        }
        Optional<ApiKeyStore> clientKeys = Optional.empty();
        if (config.server().authKeysFile().isPresent()) {
            try {
                clientKeys = Optional.of(ApiKeyStore.load(config.server().authKeysFile().get()));
            } catch (ApiKeyFileException e) {
                throw new IllegalArgumentException("client keys: " + String.join("; ", e.problems()), e);
            }
        }
        try {
            return new Veil(config, policy, inspector, audit, env, tls, clientKeys);
        } catch (IOException e) {
            throw new IllegalStateException("cannot watch the policy file for changes: " + e.getMessage(), e);
        }
    }

    /**
     * Keys by upstream name. An internal upstream never gets the key of an external one, even if
     * the configuration names the same variable for both.
     */
    static Map<String, String> apiKeys(VeilConfig config, Map<String, String> env) {
        Map<String, String> keys = new LinkedHashMap<>();
        Map<String, String> externalVars = new LinkedHashMap<>();
        for (UpstreamConfig u : config.upstreams().values()) {
            if (u.trust() == Trust.EXTERNAL && !u.apiKeyEnv().isEmpty()) {
                externalVars.put(u.apiKeyEnv(), u.name());
            }
        }
        for (UpstreamConfig u : config.upstreams().values()) {
            if (u.apiKeyEnv().isEmpty()) {
                continue;
            }
            if (u.trust() == Trust.INTERNAL && externalVars.containsKey(u.apiKeyEnv())) {
                throw new IllegalArgumentException("upstream '" + u.name() + "' is internal but its api_key_env "
                        + u.apiKeyEnv() + " is also the key of external upstream '"
                        + externalVars.get(u.apiKeyEnv()) + "'; give the internal upstream its own variable");
            }
            String key = env.get(u.apiKeyEnv());
            if (key == null || key.isBlank()) {
                log.warn("upstream '{}': environment variable {} is not set; requests to it carry no API key",
                        u.name(), u.apiKeyEnv());
            } else {
                keys.put(u.name(), key.strip());
            }
        }
        return keys;
    }

    /**
     * The pseudonym key from {@value #PSEUDONYM_KEY_ENV}: replicas that share it give a value the same
     * token. Without it, a random key: tokens then change at restart and differ between replicas.
     */
    /**
     * How large a body may be to be scanned on the network thread. Only Veil's own detectors are
     * trusted there: each is written and tested to run in time linear in its input, so a small body
     * cannot hold the thread. A custom expression from the configuration can backtrack without
     * bound, and a detector from elsewhere is unknown; with either, every scan goes to the scan
     * threads, where the scan time limit still decides for a scan that does not end.
     */
    static int inlineScanMaxBytes(VeilConfig config, Scanner scanner) {
        boolean ownOnly = scanner.detectors().stream().allMatch(d -> !(d instanceof RegexDetector)
                && d.getClass().getPackageName().startsWith("dev.veil.detectors"));
        return ownOnly ? config.server().inlineScanMaxBytes() : 0;
    }

    static Pseudonyms pseudonyms(Map<String, String> env) {
        String secret = env.get(PSEUDONYM_KEY_ENV);
        byte[] key = new byte[32];
        if (secret == null || secret.isBlank()) {
            new java.security.SecureRandom().nextBytes(key);
            log.warn("{} is not set: pseudonyms use a random key, so they change when Veil restarts and differ "
                    + "between replicas. Set it to a long random secret shared by all replicas.", PSEUDONYM_KEY_ENV);
        } else {
            if (secret.strip().length() < 32) {
                throw new IllegalArgumentException(PSEUDONYM_KEY_ENV + " must be at least 32 characters long");
            }
            try {
                key = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(secret.strip().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }
        return new Pseudonyms(key);
    }

    /** The port actually bound (useful when the config asked for port 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8787/v1}. */
    public String baseUrl() {
        return (config.server().tls() ? "https://" : "http://") + config.host() + ":" + port() + "/v1";
    }

    /** The admin port actually bound, or -1 if the admin endpoints are off. */
    public int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    public VeilConfig config() {
        return config;
    }

    /** Veil's metrics, for the admin endpoint. */
    public VeilMetrics metrics() {
        return metrics;
    }

    /** The live policy, its reload counters and shadow candidate. */
    public PolicyHolder policy() {
        return policy;
    }

    /** Blocks until the server channel closes. */
    public void awaitClose() throws InterruptedException {
        serverChannel.closeFuture().sync();
    }

    /**
     * Stops accepting connections, waits up to the drain timeout for requests and streams in flight
     * to end, then stops everything and seals the audit trail.
     */
    @Override
    public synchronized void close() {
        if (!serverChannel.isOpen() && workers.isShuttingDown()) {
            return;
        }
        draining = true;
        serverChannel.close().syncUninterruptibly();
        long deadline = System.nanoTime() + config.server().drainTimeout().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight.get() > 0) {
            log.warn("{} request(s) still in flight after the drain timeout; they are cut off", inFlight.get());
        }
        if (admin != null) {
            admin.close();
        }
        try {
            policyWatcher.close();
        } catch (IOException e) {
            log.debug("policy watcher close: {}", e.toString());
        }
        shutdownGroups();
        scanPool.shutdown();
        upstreams.close();
        try {
            audit.append(AuditRecord.lifecycle(AuditRecord.Event.STOP, Instant.now(), "stopped"));
        } catch (AuditUnavailableException e) {
            log.error("the stop could not be audited: {}", e.getMessage());
        }
        audit.close();
        log.info("Veil stopped");
    }

    private void shutdownGroups() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
