package dev.veil.proxy.e2e;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts, for each test, two recording stub upstreams ({@code openai}, external, and {@code local},
 * internal), a real Veil on a free loopback port between them with the project's default policy
 * (or one given as text), keys and an audit trail in a fresh temporary directory, and a real HTTP
 * client; stops all of it after the test. Register it on an instance field with {@code @RegisterExtension}.
 * On a static field it starts once for the whole class instead, and each test begins with the
 * stubs' and the audit's records cleared: for classes whose tests do not change Veil's state.
 *
 * <p>Not thread-safe: one instance per test instance (or per class when static).
 */
public final class VeilExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {

    /** The key Veil reads from its environment and sends to the external upstream only. */
    public static final String OPENAI_KEY = "sk-veil-e2e-external-4f1d9c";
    /** The key a client sends to Veil; it must never travel further. */
    public static final String CLIENT_KEY = "client-key-e2e-8b27e1";
    /** The secret pseudonym tokens are derived with, as replicas share it. */
    public static final String PSEUDONYM_KEY = "e2e-pseudonym-secret-0123456789abcdef";
    /** The model clients ask for. */
    public static final String MODEL = "gpt-4o-mini";
    /** What the internal upstream's {@code models} map turns {@link #MODEL} into. */
    public static final String LOCAL_MODEL = "llama3.1-8b-e2e";
    /** How long a test waits for something that must happen. */
    public static final Duration WAIT = Duration.ofSeconds(10);
    /**
     * How long a test watches for a request that must not reach an upstream, once the client has
     * its whole response: Veil forwards before it answers, so anything sent would be on its way.
     */
    public static final Duration QUIET = Duration.ofMillis(100);

    static final Path DEFAULT_POLICY = Path.of("..", "policies", "default.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Scanner> scanner;
    private final UnaryOperator<VeilConfig> configure;
    private final boolean recordAudit;
    private final String policyYaml;

    /** True when registered on a static field: one Veil for every test of the class. */
    private boolean perClass;
    private Path dir;
    private StubUpstream openai;
    private StubUpstream local;
    private AuditSink audit;
    private Veil veil;
    private HttpClient http;

    private VeilExtension(Builder b) {
        this.scanner = b.scanner;
        this.configure = b.configure;
        this.recordAudit = b.recordAudit;
        this.policyYaml = b.policyYaml;
    }

    /** Veil with the standard detectors, the default policy and a real encrypted audit trail. */
    public static VeilExtension standard() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Called only for a static registration. */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (perClass) {
            openai.drain();
            local.drain();
            if (audit instanceof RecordingAuditSink r) {
                r.drain();
            }
            return;
        }
        start();
    }

    private void start() throws Exception {
        try {
            dir = Files.createTempDirectory("veil-e2e");
            openai = StubUpstream.start("stand-in for OpenAI");
            local = StubUpstream.start("stand-in for a self-hosted model");
            Path keys = dir.resolve("keys");
            AuditKeys.generate(keys);
            VeilConfig d = VeilConfig.defaults();
            VeilConfig cfg = d.withPort(0).withServer(d.server().withAdminPort(0))
                    .withPolicy(DEFAULT_POLICY)
                    .withAudit(new AuditConfig(dir.resolve("audit"), List.of(keys.resolve(AuditKeys.OFFICER_PUBLIC)),
                            keys.resolve(AuditKeys.SIGNING_PRIVATE), Optional.empty(), FsyncPolicy.NONE))
                    .withUpstream(upstream(d.upstream("openai"), openai.baseUrl(), Map.of()))
                    .withUpstream(upstream(d.upstream("local"), local.baseUrl(), Map.of(MODEL, LOCAL_MODEL)));
            if (policyYaml != null) {
                Path policy = dir.resolve("policy.yaml");
                Files.writeString(policy, policyYaml);
                cfg = cfg.withPolicy(policy);
            }
            cfg = configure.apply(cfg);
            audit = recordAudit ? new RecordingAuditSink() : AuditTrail.open(cfg.audit().settings());
            veil = Veil.start(cfg, scanner.get(), audit,
                    Map.of("OPENAI_API_KEY", OPENAI_KEY, Veil.PSEUDONYM_KEY_ENV, PSEUDONYM_KEY));
            http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
        } catch (Exception | Error e) {
            stopAll();
            throw e;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (!perClass) {
            stopAll();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stopAll();
    }

    private void stopAll() throws IOException {
        try {
            if (veil != null) {
                veil.close();
            } else if (audit != null) {
                audit.close();
            }
        } finally {
            veil = null;
            audit = null;
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

    /**
     * Stops Veil (flushing and sealing the audit trail) before the test ends; idempotent. Not for a
     * static registration, whose Veil the next test still needs.
     */
    public void stopVeil() {
        if (perClass) {
            throw new IllegalStateException("a Veil shared by the class must not be stopped by one test");
        }
        veil.close();
    }

    public Veil veil() {
        return veil;
    }

    public StubUpstream openai() {
        return openai;
    }

    public StubUpstream local() {
        return local;
    }

    public HttpClient http() {
        return http;
    }

    /** The directory of the encrypted audit trail (empty when the audit is recorded in memory). */
    public Path auditDir() {
        return dir.resolve("audit");
    }

    /** The in-memory audit, for an extension built with {@link Builder#recordingAudit()}. */
    RecordingAuditSink records() {
        if (!(audit instanceof RecordingAuditSink r)) {
            throw new IllegalStateException("build the extension with recordingAudit() to read records");
        }
        return r;
    }

    /** A URI on Veil, e.g. {@code uri("/v1/models")}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + veil.port() + path);
    }

    /** A POST with a JSON body and the client's own key, as any OpenAI client sends it. */
    public HttpRequest.Builder post(String path, byte[] body) {
        return HttpRequest.newBuilder(uri(path))
                .timeout(WAIT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + CLIENT_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** Sends a POST and returns the response with its body as text. */
    public HttpResponse<String> send(String path, String body) throws IOException, InterruptedException {
        return send(path, body.getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> send(String path, byte[] body) throws IOException, InterruptedException {
        return http.send(post(path, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a chat completion with one user message. */
    /**
     * The official OpenAI Java SDK pointed at Veil, with SDK retries off so that each call is
     * exactly one request to Veil. The caller closes it.
     */
    public static OpenAIClient sdkClient(String baseUrl, String apiKey) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(baseUrl)
                .apiKey(apiKey)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(15))
                .build();
    }

    public HttpResponse<String> chat(String content) throws IOException, InterruptedException {
        return send("/v1/chat/completions", chatBody(content, false));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(uri(path)).timeout(WAIT)
                .header("Authorization", "Bearer " + CLIENT_KEY).GET().build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    /** A chat completion body with one user message, for model {@link #MODEL}. */
    public static String chatBody(String content, boolean stream) {
        ObjectNode root = JSON.createObjectNode().put("model", MODEL).put("stream", stream);
        root.putArray("messages").addObject().put("role", "user").put("content", content);
        return root.toString();
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    /** A copy of {@code u} pointing at {@code url}, with short timeouts suited to loopback. */
    public static UpstreamConfig upstream(UpstreamConfig u, String url, Map<String, String> models) {
        return new UpstreamConfig(u.name(), URI.create(url), u.trust(), u.apiKeyEnv(), models,
                Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    /** A copy of {@code u} that gives up waiting for response headers after {@code timeout}. */
    public static UpstreamConfig withResponseTimeout(UpstreamConfig u, Duration timeout) {
        return new UpstreamConfig(u.name(), u.url(), u.trust(), u.apiKeyEnv(), u.models(), u.connectTimeout(),
                timeout, u.idleTimeout());
    }

    /** A copy of {@code u} pointing at a loopback port where nothing listens. */
    public static UpstreamConfig down(UpstreamConfig u) {
        return new UpstreamConfig(u.name(), URI.create("http://127.0.0.1:" + closedPort() + "/v1"), u.trust(),
                u.apiKeyEnv(), u.models(), u.connectTimeout(), u.responseTimeout(), u.idleTimeout());
    }

    /** A loopback port that was free a moment ago and has no listener now. */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** Options for the Veil under test. */
    public static final class Builder {
        private Supplier<Scanner> scanner = Scanner::standard;
        private UnaryOperator<VeilConfig> configure = UnaryOperator.identity();
        private boolean recordAudit;
        private String policyYaml;

        private Builder() {
        }

        /** A policy file with this text instead of the project's default policy. */
        public Builder policy(String yaml) {
            this.policyYaml = requireNonNull(yaml, "yaml");
            return this;
        }

        /** The scanner to use instead of the standard detectors. */
        public Builder scanner(Supplier<Scanner> scanner) {
            this.scanner = requireNonNull(scanner, "scanner");
            return this;
        }

        /** Changes the configuration after the stubs are wired in (e.g. to take an upstream down). */
        public Builder configure(UnaryOperator<VeilConfig> configure) {
            this.configure = requireNonNull(configure, "configure");
            return this;
        }

        /** Audits into memory instead of the encrypted trail, so a test can read the records. */
        public Builder recordingAudit() {
            this.recordAudit = true;
            return this;
        }

        public VeilExtension build() {
            return new VeilExtension(this);
        }
    }
}
