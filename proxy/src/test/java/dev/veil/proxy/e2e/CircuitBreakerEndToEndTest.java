package dev.veil.proxy.e2e;

import static dev.veil.proxy.e2e.BadInputEndToEndTest.assertError;
import static dev.veil.proxy.e2e.UpstreamFailureEndToEndTest.SSN_QUESTION;
import static dev.veil.proxy.e2e.VeilExtension.QUIET;
import static dev.veil.proxy.e2e.VeilExtension.WAIT;
import static dev.veil.proxy.e2e.VeilExtension.down;
import static dev.veil.proxy.e2e.VeilExtension.upstream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.proxy.config.CircuitBreakerSettings;
import dev.veil.proxy.config.RetrySettings;
import dev.veil.proxy.config.UpstreamConfig;
import dev.veil.proxy.config.VeilConfig;
import dev.veil.proxy.demo.StubUpstream.Behavior;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An upstream that keeps failing is given a pause: after the configured number of consecutive
 * failures its circuit opens and requests fail at once, without a connection attempt; after the
 * cool-down one trial request goes through and its outcome closes or reopens the circuit. Only
 * requests that never reached an upstream are tried again.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CircuitBreakerEndToEndTest {

    static final String CLEAN = "What is the capital of France?";
    static final String SERVER_ERROR = "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\","
            + "\"param\":null,\"code\":null}}";

    static String scrape(VeilExtension veil) {
        return veil.veil().metrics().registry().scrape();
    }

    static VeilConfig configure(VeilConfig c, String name, String url, CircuitBreakerSettings circuit,
            RetrySettings retry) {
        UpstreamConfig u = c.upstream(name);
        return c.withUpstream(upstream(u, url, u.models()).withCircuitBreaker(circuit).withRetry(retry));
    }

    @Nested
    class DeadExternalUpstream {

        final ScriptedUpstream dead = new ScriptedUpstream();

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder()
                .configure(c -> configure(c, "openai", dead.baseUrl(),
                        new CircuitBreakerSettings(3, Duration.ofMinutes(5)), RetrySettings.NONE))
                .build();

        DeadExternalUpstream() throws IOException {
        }

        @AfterEach
        void stop() throws IOException {
            dead.close();
        }

        @Test
        void afterThreeFailures_requestsFailFast_andTheUpstreamIsNotCalledAgain() throws Exception {
            for (int i = 0; i < 3; i++) {
                assertError(veil.chat(CLEAN), 502, "upstream_error", "upstream_failed");
            }
            for (int i = 0; i < 7; i++) {
                long start = System.nanoTime();
                HttpResponse<String> r = veil.chat(CLEAN);
                long millis = (System.nanoTime() - start) / 1_000_000;

                assertError(r, 503, "upstream_error", "upstream_circuit_open");
                long retryAfter = Long.parseLong(r.headers().firstValue("retry-after").orElse("0"));
                assertTrue(retryAfter > 0 && retryAfter <= 300, "Retry-After " + retryAfter);
                assertTrue(millis < 2_000, "a fail-fast answer took " + millis + " ms");
            }

            assertEquals(3, dead.connections(), "connections the dead upstream received");
            String metrics = scrape(veil);
            assertTrue(metrics.contains("veil_upstream_circuit_state{upstream=\"openai\"} 1\n"), metrics);
            assertTrue(metrics.contains("veil_upstream_circuit_state{upstream=\"local\"} 0\n"), metrics);
            assertTrue(metrics.contains("veil_upstream_errors_total{upstream=\"openai\",kind=\"circuit_open\"} 7\n"),
                    metrics);
            assertTrue(metrics.contains("veil_upstream_circuit_transitions_total{upstream=\"openai\",state=\"open\"} 1\n"),
                    metrics);
            assertNull(veil.local().takeRequest(QUIET), "a failing external request was sent to the internal upstream");
        }

        @Test
        void aRequestThatReachedTheUpstream_isNotSentAgain() throws Exception {
            assertError(veil.chat(CLEAN), 502, "upstream_error", "upstream_failed");

            assertNotNull(dead.requestLines().poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertNull(dead.requestLines().poll(QUIET.toMillis(), TimeUnit.MILLISECONDS), "the request was sent twice");
            assertEquals(1, dead.connections());
        }
    }

    @Nested
    class DeadInternalUpstream {

        final ScriptedUpstream dead = new ScriptedUpstream();

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder()
                .configure(c -> configure(c, "local", dead.baseUrl(),
                        new CircuitBreakerSettings(2, Duration.ofMinutes(5)), RetrySettings.NONE))
                .build();

        DeadInternalUpstream() throws IOException {
        }

        @AfterEach
        void stop() throws IOException {
            dead.close();
        }

        @Test
        void openCircuit_answersSensitiveRequestsWith503_andNothingGoesExternal() throws Exception {
            for (int i = 0; i < 2; i++) {
                assertError(veil.chat(SSN_QUESTION), 502, "upstream_error", "upstream_failed");
            }
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = veil.chat(SSN_QUESTION);
                assertError(r, 503, "upstream_error", "internal_upstream_unavailable");
                assertTrue(r.headers().firstValue("retry-after").isPresent(), r.headers().map().toString());
            }

            assertEquals(2, dead.connections());
            assertNull(veil.openai().takeRequest(QUIET), "a sensitive request went to the external upstream");
        }
    }

    @Nested
    class Recovering {

        /** Long enough that the requests after the circuit opened arrive within it, even on a loaded machine. */
        static final Duration COOL_DOWN = Duration.ofMillis(1500);

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder()
                .configure(c -> c.withUpstream(c.upstream("openai")
                        .withCircuitBreaker(new CircuitBreakerSettings(2, COOL_DOWN)).withRetry(RetrySettings.NONE)))
                .build();

        private void openTheCircuit() throws Exception {
            for (int i = 0; i < 2; i++) {
                veil.openai().enqueue(new Behavior.Status(500, SERVER_ERROR, Map.of()));
                HttpResponse<String> r = veil.chat(CLEAN);
                assertEquals(500, r.statusCode(), "an upstream 5xx is passed on: " + r.body());
                assertEquals(SERVER_ERROR, r.body());
            }
            assertError(veil.chat(CLEAN), 503, "upstream_error", "upstream_circuit_open");
            assertEquals(2, veil.openai().drain().size(), "requests the upstream received");
        }

        @Test
        void afterTheCoolDown_oneSuccessfulTrialClosesTheCircuit() throws Exception {
            openTheCircuit();
            Thread.sleep(COOL_DOWN.toMillis() + 50);

            HttpResponse<String> trial = veil.chat(CLEAN);

            assertEquals(200, trial.statusCode(), trial.body());
            assertEquals(200, veil.chat(CLEAN).statusCode());
            assertEquals(2, veil.openai().drain().size());
            String metrics = scrape(veil);
            assertTrue(metrics.contains("veil_upstream_circuit_state{upstream=\"openai\"} 0\n"), metrics);
            for (String state : new String[] {"open", "half_open", "closed"}) {
                assertTrue(metrics.contains("veil_upstream_circuit_transitions_total{upstream=\"openai\",state=\""
                        + state + "\"} 1\n"), metrics);
            }
        }

        @Test
        void aFailedTrial_reopensTheCircuit() throws Exception {
            openTheCircuit();
            Thread.sleep(COOL_DOWN.toMillis() + 50);
            veil.openai().enqueue(new Behavior.Status(503, SERVER_ERROR, Map.of()));

            assertEquals(503, veil.chat(CLEAN).statusCode());
            assertError(veil.chat(CLEAN), 503, "upstream_error", "upstream_circuit_open");

            assertEquals(1, veil.openai().drain().size(), "only the trial reached the upstream");
            assertTrue(scrape(veil).contains("veil_upstream_circuit_state{upstream=\"openai\"} 1\n"));
        }

        @Test
        void rateLimited429_doesNotOpenTheCircuit() throws Exception {
            for (int i = 0; i < 4; i++) {
                veil.openai().enqueue(new Behavior.Status(429, SERVER_ERROR, Map.of("Retry-After", "1")));
                assertEquals(429, veil.chat(CLEAN).statusCode());
            }

            assertEquals(200, veil.chat(CLEAN).statusCode());
            assertEquals(5, veil.openai().drain().size());
        }
    }

    @Nested
    class Refused {

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder()
                .configure(c -> c.withUpstream(down(c.upstream("openai"))
                        .withCircuitBreaker(CircuitBreakerSettings.OFF)
                        .withRetry(new RetrySettings(3, Duration.ofMillis(20)))))
                .build();

        @Test
        void aRefusedConnection_isTriedAgainUpToMaxAttempts_thenAnswered502() throws Exception {
            long start = System.nanoTime();
            HttpResponse<String> r = veil.chat(CLEAN);
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertError(r, 502, "upstream_error", "upstream_unreachable");
            assertTrue(millis >= 60, "two backoffs of 20 and 40 ms took only " + millis + " ms");
            String metrics = scrape(veil);
            assertTrue(metrics.contains("veil_upstream_connect_retries_total{upstream=\"openai\"} 2\n"), metrics);
            assertTrue(metrics.contains("veil_upstream_errors_total{upstream=\"openai\",kind=\"connect\"} 1\n"), metrics);
            assertNull(veil.local().takeRequest(QUIET));
        }
    }

    @Nested
    class ClientGoneDuringBackoff {

        static final Duration BACKOFF = Duration.ofMillis(1000);

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder()
                .configure(c -> c.withUpstream(down(c.upstream("openai"))
                        .withCircuitBreaker(new CircuitBreakerSettings(2, Duration.ofMinutes(5)))
                        .withRetry(new RetrySettings(3, BACKOFF))))
                .build();

        @Test
        void noFurtherAttemptIsMade_forAClientThatLeft() throws Exception {
            java.net.http.HttpRequest request = veil.post("/v1/chat/completions",
                    VeilExtension.chatBody(CLEAN, false).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .timeout(Duration.ofMillis(200)).build();
            assertThrows(java.net.http.HttpTimeoutException.class,
                    () -> veil.http().send(request, HttpResponse.BodyHandlers.ofString()));

            Thread.sleep(BACKOFF.toMillis() * 2);

            String metrics = scrape(veil);
            assertTrue(metrics.contains("veil_upstream_connect_retries_total{upstream=\"openai\"} 1\n"), metrics);
            assertTrue(metrics.contains("veil_upstream_circuit_state{upstream=\"openai\"} 0\n"),
                    "a second attempt was made for nobody and counted against the upstream: " + metrics);
        }
    }
}
