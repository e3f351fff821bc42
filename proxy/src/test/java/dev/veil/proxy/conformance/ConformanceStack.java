package dev.veil.proxy.conformance;

import dev.veil.audit.AuditKeys;
import dev.veil.audit.AuditSink;
import dev.veil.audit.AuditTrail;
import dev.veil.audit.FsyncPolicy;
import dev.veil.detectors.Scanner;
import dev.veil.proxy.Veil;
import dev.veil.proxy.config.AuditConfig;
import dev.veil.proxy.config.UpstreamConfig;
import dev.veil.proxy.config.VeilConfig;
import dev.veil.proxy.demo.StubUpstream;
import dev.veil.proxy.demo.StubUpstream.Received;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Veil between two recording stub upstreams ({@code openai}, external, and {@code local},
 * internal, which maps {@link #MODEL} to {@link #LOCAL_MODEL}), with a real encrypted audit trail
 * in a temporary directory. Register it on a static field with {@code @RegisterExtension}: it starts
 * once per test class (starting Veil is the slow part) and forgets what the stubs received before
 * each test, so a test sees only its own requests.
 *
 * <p>Not thread-safe: one instance per test class; tests of a class must not run concurrently.
 */
final class ConformanceStack implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    /** The model clients ask for. */
    static final String MODEL = "gpt-4o-mini";
    /** What the internal upstream calls {@link #MODEL}. */
    static final String LOCAL_MODEL = "llama3.1-8b-conformance";
    /** The key Veil sends to the external upstream. */
    static final String OPENAI_KEY = "sk-veil-conformance-external-91c3";
    /** How long a test waits for something that must happen. */
    static final Duration WAIT = Duration.ofSeconds(10);
    /** How long a test watches for a request that must not arrive, after the response has ended. */
    static final Duration QUIET = Duration.ofMillis(150);
    /** A pseudonym token for an e-mail address, as Veil derives it. */
    static final Pattern EMAIL_TOKEN = Pattern.compile("EMAIL_[0-9A-F]{8}");

    /**
     * Personal data leaves only as pseudonyms, which Veil turns back into the values in the answer;
     * what cannot be scanned stays internal; credentials are refused.
     */
    static final String PSEUDONYMIZING_POLICY = """
            version: 1
            description: Conformance tests; personal data leaves only as pseudonyms.
            default: allow
            on_detector_error: route local
            rules:
              - id: personal-data-pseudonymized
                description: E-mail addresses and phone numbers leave as tokens and come back as values.
                when:
                  findings: [pii.email, pii.phone]
                action: redact
                redact:
                  types: [pii.email, pii.phone]
                  mode: pseudonymize
              - id: unscannable-internal
                description: Token ids, images and files cannot be scanned, so they stay internal.
                when:
                  unscannable: true
                action: route local
              - id: secrets-block
                description: Credentials never reach any model.
                when:
                  findings: "secret.*"
                action: block
                message: "Blocked by policy: the request contains a credential."
            """;

    /** The policy Veil ships with: personal data is routed to the internal upstream, unredacted. */
    static final Path DEFAULT_POLICY = Path.of("..", "policies", "default.yaml");

    private final String policyText;
    private final Path policyFile;

    private Path dir;
    private StubUpstream openai;
    private StubUpstream local;
    private Veil veil;

    private ConformanceStack(String policyText, Path policyFile) {
        this.policyText = policyText;
        this.policyFile = policyFile;
    }

    /** Veil with {@link #PSEUDONYMIZING_POLICY}. */
    static ConformanceStack pseudonymizing() {
        return new ConformanceStack(PSEUDONYMIZING_POLICY, null);
    }

    /** Veil with the project's default policy, {@code policies/default.yaml}. */
    static ConformanceStack defaultPolicy() {
        return new ConformanceStack(null, DEFAULT_POLICY);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        openai.drain();
        local.drain();
    }

    void start() throws Exception {
        AuditSink audit = null;
        try {
            dir = Files.createTempDirectory("veil-conformance");
            Path policy = policyFile;
            if (policyText != null) {
                policy = dir.resolve("conformance-policy.yaml");
                Files.writeString(policy, policyText, StandardCharsets.UTF_8);
            }
            openai = StubUpstream.start("stand-in for OpenAI");
            local = StubUpstream.start("stand-in for a self-hosted model");
            Path keys = dir.resolve("keys");
            AuditKeys.generate(keys);
            VeilConfig d = VeilConfig.defaults();
            VeilConfig cfg = d.withPort(0)
                    .withPolicy(policy)
                    .withAudit(new AuditConfig(dir.resolve("audit"), List.of(keys.resolve(AuditKeys.OFFICER_PUBLIC)),
                            keys.resolve(AuditKeys.SIGNING_PRIVATE), Optional.empty(), FsyncPolicy.NONE))
                    .withUpstream(loopback(d.upstream("openai"), openai.baseUrl(), Map.of()))
                    .withUpstream(loopback(d.upstream("local"), local.baseUrl(), Map.of(MODEL, LOCAL_MODEL)));
            audit = AuditTrail.open(cfg.audit().settings());
            // A fixed pseudonym key, as replicas share one; without it Veil logs a warning and picks a random one.
            veil = Veil.start(cfg, Scanner.standard(), audit, Map.of(
                    "OPENAI_API_KEY", OPENAI_KEY,
                    Veil.PSEUDONYM_KEY_ENV, "conformance-pseudonym-key-0123456789abcdef"));
        } catch (Exception | Error e) {
            if (veil == null && audit != null) {
                audit.close();
            }
            close();
            throw e;
        }
    }

    void close() throws IOException {
        try {
            if (veil != null) {
                veil.close();
            }
        } finally {
            veil = null;
            if (openai != null) {
                openai.close();
            }
            if (local != null) {
                local.close();
            }
            if (dir != null) {
                deleteTree(dir);
            }
        }
    }

    /** Veil's base URL, e.g. {@code http://127.0.0.1:40123/v1}, as clients are configured with it. */
    String baseUrl() {
        return veil.baseUrl();
    }

    StubUpstream openai() {
        return openai;
    }

    StubUpstream local() {
        return local;
    }

    /** The one request the external upstream got, after asserting that the internal one got none. */
    Received onlyExternal() throws InterruptedException {
        return only(openai, local, "external");
    }

    /** The one request the internal upstream got, after asserting that the external one got none. */
    Received onlyInternal() throws InterruptedException {
        return only(local, openai, "internal");
    }

    private static Received only(StubUpstream expected, StubUpstream other, String which)
            throws InterruptedException {
        Received got = expected.takeRequest(WAIT);
        if (got == null) {
            throw new AssertionError("the " + which + " upstream received no request");
        }
        Received stray = other.takeRequest(QUIET);
        if (stray != null) {
            throw new AssertionError("the request should have gone to the " + which + " upstream only, but "
                    + stray.path() + " also reached the other one");
        }
        Received second = expected.takeRequest(Duration.ZERO);
        if (second != null) {
            throw new AssertionError("the " + which + " upstream received a second request: " + second.path());
        }
        return got;
    }

    private static UpstreamConfig loopback(UpstreamConfig u, String url, Map<String, String> models) {
        return new UpstreamConfig(u.name(), URI.create(url), u.trust(), u.apiKeyEnv(), models,
                Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
