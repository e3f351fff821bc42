package dev.veil.proxy.e2e;

import static dev.veil.proxy.e2e.BadInputEndToEndTest.assertError;
import static dev.veil.proxy.e2e.CircuitBreakerEndToEndTest.CLEAN;
import static dev.veil.proxy.e2e.CircuitBreakerEndToEndTest.SERVER_ERROR;
import static dev.veil.proxy.e2e.CircuitBreakerEndToEndTest.configure;
import static dev.veil.proxy.e2e.CircuitBreakerEndToEndTest.scrape;
import static dev.veil.proxy.e2e.UpstreamFailureEndToEndTest.SSN_QUESTION;
import static dev.veil.proxy.e2e.VeilExtension.LOCAL_MODEL;
import static dev.veil.proxy.e2e.VeilExtension.MODEL;
import static dev.veil.proxy.e2e.VeilExtension.OPENAI_KEY;
import static dev.veil.proxy.e2e.VeilExtension.QUIET;
import static dev.veil.proxy.e2e.VeilExtension.WAIT;
import static dev.veil.proxy.e2e.VeilExtension.chatBody;
import static dev.veil.proxy.e2e.VeilExtension.down;
import static dev.veil.proxy.e2e.VeilExtension.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.audit.AuditRecord;
import dev.veil.proxy.config.CircuitBreakerSettings;
import dev.veil.proxy.config.RetrySettings;
import dev.veil.proxy.demo.StubUpstream.Behavior;
import dev.veil.proxy.demo.StubUpstream.Received;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The policy's {@code fallback:} lets a request whose external upstream cannot be reached go to the
 * internal one instead, before anything was sent and before any byte reached the client. It never
 * works the other way: an internal upstream that is down is never replaced by an external one.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FallbackEndToEndTest {

    static final String POLICY = """
            version: 1
            description: Government ids stay internal; when OpenAI cannot be reached, the self-hosted model answers.
            default: allow
            on_detector_error: route local
            fallback: local
            rules:
              - id: government-ids-internal
                description: Government ids stay on the self-hosted model.
                when:
                  findings: "gov_id.*"
                action: route local
            """;

    @Nested
    class ExternalDown {

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder()
                .policy(POLICY)
                .recordingAudit()
                .configure(c -> c.withUpstream(down(c.upstream("openai")).withRetry(RetrySettings.NONE)))
                .build();

        @Test
        void cleanRequest_isAnsweredByTheInternalUpstream_andSaysSo() throws Exception {
            HttpResponse<String> r = veil.chat(CLEAN);

            assertEquals(200, r.statusCode(), r.body());
            assertEquals("local", r.headers().firstValue("x-veil-upstream").orElse(""));
            assertEquals("Hello from the stand-in for a self-hosted model.",
                    json(r.body()).at("/choices/0/message/content").asText());
            assertEquals(MODEL, json(r.body()).path("model").asText(), "the client sees the model it asked for");
            Received got = veil.local().takeRequest(WAIT);
            assertNotNull(got);
            assertEquals(LOCAL_MODEL, got.json().path("model").asText());
            assertFalse(String.valueOf(got.headers().get("authorization")).contains(OPENAI_KEY),
                    "the OpenAI key was sent to the internal upstream");

            AuditRecord record = veil.records().take(WAIT);
            assertEquals("local", record.routing().upstream());
            assertEquals("internal", record.routing().trust());
            assertEquals(200, record.outcome().status());
            assertEquals("upstream openai unreachable (connect); sent to local", record.verdict().fallback());
            String metrics = scrape(veil);
            assertTrue(metrics.contains("veil_upstream_fallbacks_total{from=\"openai\",to=\"local\"} 1\n"), metrics);
            assertTrue(metrics.contains("veil_requests_total{action=\"allow\",upstream=\"local\",status=\"200\"} 1\n"),
                    metrics);
        }

        @Test
        void streamingRequest_isStreamedByTheInternalUpstream() throws Exception {
            HttpResponse<String> r = veil.send("/v1/chat/completions", chatBody(CLEAN, true));

            assertEquals(200, r.statusCode(), r.body());
            assertEquals("local", r.headers().firstValue("x-veil-upstream").orElse(""));
            List<String> data = StreamingEndToEndTest.dataLines(r.body());
            assertEquals("[DONE]", data.get(data.size() - 1), r.body());
        }
    }

    /**
     * The external upstream's TLS handshake fails (here: its URL says https but the server speaks
     * plain HTTP). The request waits in the TLS handler and is never sent, so this is a failure to
     * connect: retried, and open to the fallback.
     */
    @Nested
    class ExternalTlsHandshakeFails {

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder()
                .policy(POLICY)
                .recordingAudit()
                .configure(c -> c.withUpstream(overTls(c.upstream("openai"))
                        .withRetry(new RetrySettings(2, Duration.ofMillis(10)))))
                .build();

        @Test
        void cleanRequest_isRetriedThenAnsweredByTheInternalUpstream() throws Exception {
            HttpResponse<String> r = veil.chat(CLEAN);

            assertEquals(200, r.statusCode(), r.body());
            assertEquals("local", r.headers().firstValue("x-veil-upstream").orElse(""));
            assertNotNull(veil.local().takeRequest(WAIT));
            assertNull(veil.openai().takeRequest(QUIET), "the request reached the upstream whose handshake failed");
            AuditRecord record = veil.records().take(WAIT);
            assertEquals("upstream openai unreachable (tls_handshake); sent to local", record.verdict().fallback());
            String metrics = scrape(veil);
            assertTrue(metrics.contains("veil_upstream_connect_retries_total{upstream=\"openai\"} 1\n"), metrics);
        }
    }

    /** Without a fallback the client learns that the upstream could not be reached, not that it broke. */
    @Nested
    class ExternalTlsHandshakeFailsWithoutFallback {

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder()
                .configure(c -> c.withUpstream(overTls(c.upstream("openai")).withRetry(RetrySettings.NONE)))
                .build();

        @Test
        void cleanRequest_gets502Unreachable() throws Exception {
            HttpResponse<String> r = veil.chat(CLEAN);

            assertError(r, 502, "upstream_error", "upstream_unreachable");
            assertTrue(json(r.body()).at("/error/message").asText().contains("TLS"), r.body());
        }
    }

    /** The same upstream, addressed with https: its plain-HTTP server cannot complete a handshake. */
    static dev.veil.proxy.config.UpstreamConfig overTls(dev.veil.proxy.config.UpstreamConfig u) {
        return new dev.veil.proxy.config.UpstreamConfig(u.name(),
                java.net.URI.create(u.url().toString().replaceFirst("^http:", "https:")), u.trust(), u.apiKeyEnv(),
                u.models(), u.connectTimeout(), u.responseTimeout(), u.idleTimeout());
    }

    @Nested
    class ExternalCircuitOpen {

        final ScriptedUpstream dead = new ScriptedUpstream();

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder()
                .policy(POLICY)
                .configure(c -> configure(c, "openai", dead.baseUrl(),
                        new CircuitBreakerSettings(1, Duration.ofMinutes(5)), RetrySettings.NONE))
                .build();

        ExternalCircuitOpen() throws IOException {
        }

        @AfterEach
        void stop() throws IOException {
            dead.close();
        }

        @Test
        void requestSentBeforeTheFailure_isNotRerouted_butLaterOnesFallBackWithoutCallingIt() throws Exception {
            assertError(veil.chat(CLEAN), 502, "upstream_error", "upstream_failed");
            assertNull(veil.local().takeRequest(QUIET), "a request the external upstream had received went elsewhere");

            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = veil.chat(CLEAN);
                assertEquals(200, r.statusCode(), r.body());
                assertEquals("local", r.headers().firstValue("x-veil-upstream").orElse(""));
            }

            assertEquals(1, dead.connections(), "connections the dead external upstream received");
            assertEquals(3, veil.local().drain().size());
        }
    }

    @Nested
    class ExternalAnswersWithAnError {

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder().policy(POLICY).build();

        @Test
        void upstream5xx_isPassedOn_notRetriedElsewhere() throws Exception {
            veil.openai().enqueue(new Behavior.Status(500, SERVER_ERROR, Map.of()));

            HttpResponse<String> r = veil.chat(CLEAN);

            assertEquals(500, r.statusCode());
            assertEquals(SERVER_ERROR, r.body());
            assertEquals("openai", r.headers().firstValue("x-veil-upstream").orElse(""));
            assertNull(veil.local().takeRequest(QUIET), "a request the external upstream had received went elsewhere");
        }
    }

    @Nested
    class InternalDown {

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder()
                .policy(POLICY)
                .configure(c -> c.withUpstream(down(c.upstream("local"))))
                .build();

        @Test
        void sensitiveRequest_gets503_andNeverFallsBackExternally() throws Exception {
            for (int i = 0; i < 8; i++) {
                assertError(veil.chat(SSN_QUESTION), 503, "upstream_error", "internal_upstream_unavailable");
            }

            assertNull(veil.openai().takeRequest(QUIET), "a sensitive request went to the external upstream");
            assertFalse(scrape(veil).contains("veil_upstream_fallbacks_total{"), scrape(veil));
        }
    }
}
