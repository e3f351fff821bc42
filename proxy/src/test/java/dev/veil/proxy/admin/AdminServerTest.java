package dev.veil.proxy.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.proxy.metrics.MetricRegistry;
import dev.veil.proxy.metrics.VeilMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminServerTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean auditUp = new AtomicBoolean(true);
    private final AtomicBoolean policyLoaded = new AtomicBoolean(true);
    private final VeilMetrics metrics = new VeilMetrics(Set.of("pii.email"), Set.of("openai"));
    private AdminServer server;

    @BeforeEach
    void start() throws InterruptedException {
        Map<String, BooleanSupplier> conditions = new LinkedHashMap<>();
        conditions.put("audit trail unavailable", auditUp::get);
        conditions.put("policy not loaded", policyLoaded::get);
        server = AdminServer.start(AdminServer.DEFAULT_HOST, 0, metrics.registry(), Readiness.allOf(conditions));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(5))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthz_answersOk() throws Exception {
        HttpResponse<String> r = send("GET", "/healthz");
        assertEquals(200, r.statusCode());
        assertEquals("ok\n", r.body());
    }

    @Test
    void readyz_is503WithReasonsUntilEveryConditionHolds() throws Exception {
        assertEquals(200, send("GET", "/readyz").statusCode());

        auditUp.set(false);
        policyLoaded.set(false);
        HttpResponse<String> down = send("GET", "/readyz");
        assertEquals(503, down.statusCode());
        assertEquals("not ready: audit trail unavailable; policy not loaded\n", down.body());

        auditUp.set(true);
        assertEquals("not ready: policy not loaded\n", send("GET", "/readyz").body());
        policyLoaded.set(true);
        HttpResponse<String> up = send("GET", "/readyz");
        assertEquals(200, up.statusCode());
        assertEquals("ready\n", up.body());
    }

    @Test
    void metrics_servesTheRegistryInPrometheusTextFormat() throws Exception {
        metrics.requestRejected(413);
        HttpResponse<String> r = send("GET", "/metrics");
        assertEquals(200, r.statusCode());
        assertEquals(MetricRegistry.CONTENT_TYPE, r.headers().firstValue("content-type").orElseThrow());
        assertTrue(r.body().contains("veil_requests_total{action=\"none\",upstream=\"none\",status=\"413\"} 1\n"),
                r.body());
        assertEquals(metrics.registry().scrape(), r.body());
    }

    @Test
    void head_hasNoBody() throws Exception {
        HttpResponse<String> r = send("HEAD", "/metrics");
        assertEquals(200, r.statusCode());
        assertEquals("", r.body());
    }

    @Test
    void otherPathsAndMethods_areRefused() throws Exception {
        assertEquals(404, send("GET", "/v1/chat/completions").statusCode());
        HttpResponse<String> post = send("POST", "/metrics");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("allow").orElseThrow());
    }

    @Test
    void start_bindsLoopbackByDefault() throws Exception {
        assertTrue(InetAddress.getByName(AdminServer.DEFAULT_HOST).isLoopbackAddress());
        assertEquals(200, send("GET", "/healthz").statusCode());
    }

    @Test
    void start_onAPortInUse_failsWithAClearMessage() throws Exception {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> AdminServer.start(AdminServer.DEFAULT_HOST, server.port(), new MetricRegistry(), Readiness.always()));
        assertTrue(e.getMessage().startsWith("cannot bind the admin port 127.0.0.1:" + server.port()), e.getMessage());
    }

    @Test
    void readyz_whenTheCheckThrows_isNotReady() throws Exception {
        try (AdminServer broken = AdminServer.start(AdminServer.DEFAULT_HOST, 0, new MetricRegistry(), () -> {
            throw new IllegalStateException("boom");
        })) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + broken.port() + "/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, r.statusCode());
            assertEquals("not ready: readiness check failed\n", r.body());
        }
    }
}
