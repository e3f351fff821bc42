package dev.veil.proxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.detectors.Scanner;
import dev.veil.policy.PolicyException;
import dev.veil.proxy.Veil;
import dev.veil.proxy.config.UpstreamConfig;
import dev.veil.proxy.config.VeilConfig;
import dev.veil.proxy.demo.StubUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Start-up refuses configurations that would break an invariant, before anything listens. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VeilStartupTest {

    @TempDir
    Path dir;

    private final RecordingAuditSink audit = new RecordingAuditSink();

    private static VeilConfig base() {
        return VeilConfig.defaults().withPort(0).withPolicy(VeilExtension.DEFAULT_POLICY);
    }

    @Test
    void start_internalUpstreamSharingTheExternalKeyVariable_isRefused() {
        UpstreamConfig local = base().upstream("local");
        VeilConfig cfg = base().withUpstream(new UpstreamConfig("local", local.url(), local.trust(), "OPENAI_API_KEY",
                local.models(), local.connectTimeout(), local.responseTimeout(), local.idleTimeout()));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Veil.start(cfg, Scanner.standard(), audit, Map.of("OPENAI_API_KEY", VeilExtension.OPENAI_KEY)));

        assertTrue(e.getMessage().contains("local"), e.getMessage());
        assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
        assertFalse(e.getMessage().contains(VeilExtension.OPENAI_KEY), "the error quotes the key itself");
    }

    @Test
    void start_invalidPolicy_isRefusedWithItsPosition() throws Exception {
        Path policy = dir.resolve("bad.yaml");
        Files.writeString(policy, """
                version: 1
                default: allow
                on_detector_error: route local
                rules:
                  - id: x
                    when:
                      findings: "pii.*"
                    action: route nowhere
                """);

        PolicyException e = assertThrows(PolicyException.class,
                () -> Veil.start(base().withPolicy(policy), Scanner.standard(), audit, Map.of()));

        assertTrue(e.getMessage().contains("bad.yaml:8"), e.getMessage());
    }

    @Test
    void start_withAFocusedPolicy_routesByIt() throws Exception {
        Path policy = dir.resolve("all-local.yaml");
        Files.writeString(policy, """
                version: 1
                default: route local
                on_detector_error: route local
                rules: []
                """);
        try (StubUpstream openai = StubUpstream.start("openai");
                StubUpstream local = StubUpstream.start("local")) {
            VeilConfig cfg = base().withPolicy(policy)
                    .withUpstream(VeilExtension.upstream(base().upstream("openai"), openai.baseUrl(), Map.of()))
                    .withUpstream(VeilExtension.upstream(base().upstream("local"), local.baseUrl(), Map.of()));
            try (Veil veil = Veil.start(cfg, Scanner.standard(), audit, Map.of())) {
                HttpClient http = HttpClient.newHttpClient();
                // A default client, as most users have it: it offers an h2c upgrade Veil must ignore.
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(veil.baseUrl() + "/chat/completions"))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                VeilExtension.chatBody("What is the capital of France?", false)))
                        .build(), HttpResponse.BodyHandlers.ofString());

                assertEquals(200, r.statusCode(), r.body());
                assertEquals("route; rule=default", r.headers().firstValue("x-veil-decision").orElse(""));
                assertEquals("local", r.headers().firstValue("x-veil-upstream").orElse(""));
                assertEquals(1, local.drain().size());
                assertEquals(0, openai.drain().size());
            }
        }
    }
}
