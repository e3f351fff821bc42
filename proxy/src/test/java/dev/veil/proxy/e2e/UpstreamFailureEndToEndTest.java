package dev.veil.proxy.e2e;

import static dev.veil.proxy.e2e.BadInputEndToEndTest.assertError;
import static dev.veil.proxy.e2e.VeilExtension.QUIET;
import static dev.veil.proxy.e2e.VeilExtension.WAIT;
import static dev.veil.proxy.e2e.VeilExtension.chatBody;
import static dev.veil.proxy.e2e.VeilExtension.down;
import static dev.veil.proxy.e2e.VeilExtension.json;
import static dev.veil.proxy.e2e.VeilExtension.withResponseTimeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.proxy.config.UpstreamConfig;
import dev.veil.proxy.demo.StubUpstream.Behavior;
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
 * Upstreams that are down, slow or failing: the client gets a clear error, and a sensitive request
 * is never sent to the external upstream instead (fail closed).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UpstreamFailureEndToEndTest {

    static final String SSN_QUESTION = "My SSN is 123-45-6789. Which tax form do I need?";

    @Nested
    class InternalDown {

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder()
                .configure(c -> c.withUpstream(down(c.upstream("local"))))
                .build();

        @Test
        void sensitiveRequest_gets503_andTheExternalUpstreamReceivesNothing() throws Exception {
            HttpResponse<String> r = veil.chat(SSN_QUESTION);

            JsonNode error = assertError(r, 503, "upstream_error", "internal_upstream_unavailable");
            assertTrue(error.path("message").asText().contains("local"), error.toString());
            assertFalse(r.body().contains("123-45-6789"));
            assertNull(veil.openai().takeRequest(QUIET), "a sensitive request fell back to the external upstream");
        }

        @Test
        void sensitiveStreamingRequest_gets503_notAStream() throws Exception {
            HttpResponse<String> r = veil.send("/v1/chat/completions", chatBody(SSN_QUESTION, true));

            assertError(r, 503, "upstream_error", "internal_upstream_unavailable");
            assertNull(veil.openai().takeRequest(QUIET), "a sensitive request fell back to the external upstream");
        }

        @Test
        void repeatedSensitiveRequests_neverFallBack() throws Exception {
            for (int i = 0; i < 3; i++) {
                assertEquals(503, veil.chat(SSN_QUESTION).statusCode());
            }
            assertNull(veil.openai().takeRequest(QUIET), "a sensitive request fell back to the external upstream");
        }

        @Test
        void cleanRequest_stillReachesTheExternalUpstream() throws Exception {
            HttpResponse<String> r = veil.chat("What is the capital of France?");

            assertEquals(200, r.statusCode(), r.body());
            assertNotNull(veil.openai().takeRequest(WAIT));
        }
    }

    @Nested
    class ExternalDown {

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder()
                .configure(c -> c.withUpstream(down(c.upstream("openai"))))
                .build();

        @Test
        void cleanRequest_gets502_andIsNotRerouted() throws Exception {
            HttpResponse<String> r = veil.chat("What is the capital of France?");

            JsonNode error = assertError(r, 502, "upstream_error", "upstream_unreachable");
            assertTrue(error.path("message").asText().contains("openai"), error.toString());
            assertNull(veil.local().takeRequest(QUIET), "a failed request was silently sent elsewhere");
        }

        @Test
        void modelList_stillListsTheInternalUpstream() throws Exception {
            HttpResponse<String> r = veil.get("/v1/models");

            assertEquals(200, r.statusCode(), r.body());
            JsonNode data = json(r.body()).path("data");
            assertEquals(1, data.size(), r.body());
            assertEquals("local", data.get(0).path("veil_upstream").asText());
        }
    }

    @Nested
    class BothDown {

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder()
                .configure(c -> c.withUpstream(down(c.upstream("openai"))).withUpstream(down(c.upstream("local"))))
                .build();

        @Test
        void modelList_gets502() throws Exception {
            assertError(veil.get("/v1/models"), 502, "upstream_error", "upstream_unreachable");
        }
    }

    @Nested
    class Slow {

        static final Duration TIMEOUT = Duration.ofMillis(400);

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder()
                .configure(c -> c.withUpstream(slowToStart(c.upstream("openai")))
                        .withUpstream(slowToStart(c.upstream("local"))))
                .build();

        private static UpstreamConfig slowToStart(UpstreamConfig u) {
            UpstreamConfig t = withResponseTimeout(u, TIMEOUT);
            return new UpstreamConfig(t.name(), t.url(), t.trust(), t.apiKeyEnv(), t.models(), t.connectTimeout(),
                    t.responseTimeout(), TIMEOUT);
        }

        @Test
        void hangingExternalUpstream_gets504() throws Exception {
            veil.openai().enqueue(new Behavior.Hang(Duration.ofSeconds(10)));

            long start = System.nanoTime();
            HttpResponse<String> r = veil.chat("What is the capital of France?");
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertError(r, 504, "upstream_error", "upstream_timeout");
            assertTrue(millis < 5_000, "the client waited " + millis + " ms for a 400 ms timeout");
            assertNotNull(veil.openai().takeRequest(WAIT));
            assertNull(veil.local().takeRequest(QUIET));
        }

        @Test
        void hangingInternalUpstream_gets504_andTheRequestIsNotSentElsewhere() throws Exception {
            veil.local().enqueue(new Behavior.Hang(Duration.ofSeconds(10)));

            HttpResponse<String> r = veil.chat(SSN_QUESTION);

            assertError(r, 504, "upstream_error", "upstream_timeout");
            assertNotNull(veil.local().takeRequest(WAIT));
            assertNull(veil.openai().takeRequest(QUIET), "a timed-out sensitive request reached the external upstream");
        }

        @Test
        void streamLongerThanTheIdleTimeout_withPartsCloserThanIt_passesWhole() throws Exception {
            // Seven events 150 ms apart: about 900 ms in all, never 400 ms without a part.
            List<String> events = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                events.add("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"w" + i + "\"},\"finish_reason\":null}]}");
            }
            events.add("[DONE]");
            veil.openai().enqueue(new Behavior.Events(events, Duration.ofMillis(150)));

            long start = System.nanoTime();
            HttpResponse<String> r = veil.send("/v1/chat/completions", chatBody("Say hi.", true));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertEquals(200, r.statusCode());
            assertEquals(events, StreamingEndToEndTest.dataLines(r.body()), "the stream was cut: " + r.body());
            assertTrue(millis > TIMEOUT.toMillis(), "the stream took " + millis + " ms, not longer than the timeout");
        }

        @Test
        void upstreamGoingSilentMidStream_endsTheStreamWithAnErrorEvent() throws Exception {
            String first = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}";
            veil.openai().enqueue(new Behavior.Events(List.of(first, "[DONE]"), Duration.ofSeconds(10)));

            HttpResponse<String> r = veil.send("/v1/chat/completions", chatBody("Say hi.", true));

            assertEquals(200, r.statusCode());
            List<String> data = StreamingEndToEndTest.dataLines(r.body());
            assertEquals(2, data.size(), r.body());
            assertEquals(first, data.get(0));
            JsonNode error = json(data.get(1)).path("error");
            assertEquals("upstream_timeout", error.path("code").asText(), r.body());
        }
    }

    @Nested
    class Resetting {

        final ResettingUpstream resetter = new ResettingUpstream();

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder()
                .configure(c -> c.withUpstream(VeilExtension.upstream(c.upstream("local"), resetter.baseUrl(),
                        c.upstream("local").models())))
                .build();

        Resetting() throws IOException {
        }

        @AfterEach
        void stopResetter() throws IOException {
            resetter.close();
        }

        @Test
        void internalUpstreamResettingTheConnection_gets502_andNothingGoesExternal() throws Exception {
            HttpResponse<String> r = veil.chat(SSN_QUESTION);

            assertError(r, 502, "upstream_error", "upstream_failed");
            assertFalse(r.body().contains("123-45-6789"));
            String line = resetter.requestLines().poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals("POST /v1/chat/completions HTTP/1.1", line);
            assertNull(veil.openai().takeRequest(QUIET), "a sensitive request fell back to the external upstream");
        }
    }

    @Nested
    class Failing {

        @RegisterExtension
        final VeilExtension veil = VeilExtension.standard();

        @Test
        void internalUpstreamError_isPassedOn_andNotRetriedExternally() throws Exception {
            String body = "{\"error\":{\"message\":\"model is loading\",\"type\":\"server_error\",\"param\":null,"
                    + "\"code\":\"overloaded\"}}";
            veil.local().enqueue(new Behavior.Status(503, body, Map.of("Retry-After", "3")));

            HttpResponse<String> r = veil.chat(SSN_QUESTION);

            assertEquals(503, r.statusCode());
            assertEquals(body, r.body());
            assertEquals("3", r.headers().firstValue("retry-after").orElse(""));
            assertNotNull(veil.local().takeRequest(WAIT));
            assertNull(veil.openai().takeRequest(QUIET), "a failed sensitive request was retried externally");
        }

        @Test
        void externalUpstreamError_isPassedOn() throws Exception {
            String body = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"param\":null,"
                    + "\"code\":\"rate_limit_exceeded\"}}";
            veil.openai().enqueue(new Behavior.Status(429, body, Map.of("x-ratelimit-remaining-requests", "0")));

            HttpResponse<String> r = veil.chat("What is the capital of France?");

            assertEquals(429, r.statusCode());
            assertEquals(body, r.body());
            assertEquals("0", r.headers().firstValue("x-ratelimit-remaining-requests").orElse(""));
            assertNull(veil.local().takeRequest(QUIET));
        }
    }
}
