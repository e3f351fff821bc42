package dev.veil.proxy.e2e;

import static dev.veil.proxy.e2e.VeilExtension.QUIET;
import static dev.veil.proxy.e2e.VeilExtension.chatBody;
import static dev.veil.proxy.e2e.VeilExtension.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.proxy.config.VeilConfig;
import dev.veil.proxy.demo.StubUpstream.Behavior;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests Veil refuses before any upstream sees them: each gets a clear error in OpenAI's shape
 * that names the problem and echoes nothing of the body.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BadInputEndToEndTest {

    /** Small enough to exceed cheaply, large enough for every other request of this class. */
    static final int MAX_BODY = 4096;

    /** One Veil for the class: these tests leave nothing behind that the next could see. */
    @RegisterExtension
    static final VeilExtension veil = VeilExtension.builder()
            .configure(c -> new VeilConfig(c.host(), c.port(), MAX_BODY, c.upstreams(), c.defaultUpstream(),
                    c.policyFile(), c.audit(), c.scanTimeout(), c.workerThreads()).withServer(c.server()))
            .build();

    @AfterEach
    void noUpstreamWasCalled() throws InterruptedException {
        assertNull(veil.openai().takeRequest(QUIET), "a refused request reached the external upstream");
        assertEquals(List.of(), veil.local().drain(), "a refused request reached the internal upstream");
    }

    @Test
    void malformedJson_gets400InvalidJson_withoutEchoingTheBody() throws Exception {
        HttpResponse<String> r = veil.send("/v1/chat/completions",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"SSN 123-45-6789\"}");

        JsonNode error = assertError(r, 400, "invalid_request_error", "invalid_json");
        assertFalse(r.body().contains("123-45-6789"), r.body());
        assertTrue(error.path("message").asText().contains("line 1"), "the message does not locate the error: " + r.body());
    }

    @Test
    void wrongTypes_get400NamingTheParameter() throws Exception {
        assertParam("{\"model\":\"gpt-4o-mini\",\"messages\":\"hello\"}", "messages");
        assertParam("{\"model\":42,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "model");
        assertParam("{\"model\":\"gpt-4o-mini\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "stream");
        assertParam("{\"model\":\"gpt-4o-mini\",\"messages\":[\"hi\"]}", "messages[0]");
        assertParam("{\"model\":\"gpt-4o-mini\"}", "messages");
    }

    @Test
    void bodyThatIsNotAnObject_gets400() throws Exception {
        assertError(veil.send("/v1/chat/completions", "[1,2,3]"), 400, "invalid_request_error", "invalid_request");
        assertError(veil.send("/v1/chat/completions", ""), 400, "invalid_request_error", "invalid_json");
    }

    @Test
    void invalidUtf8_gets400() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"caf"
                .getBytes(StandardCharsets.US_ASCII));
        body.write(0xC3);
        body.write(0x28);
        body.writeBytes("\"}]}".getBytes(StandardCharsets.US_ASCII));

        JsonNode error = assertError(veil.send("/v1/chat/completions", body.toByteArray()), 400,
                "invalid_request_error", "invalid_json");
        assertTrue(error.path("message").asText().contains("UTF-8"), error.toString());
    }

    @Test
    void loneSurrogateEscape_getsAnAnswer_notADroppedConnection() throws Exception {
        HttpResponse<String> r = veil.send("/v1/chat/completions",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"a\\ud800b\"}]}");

        // JSON allows the escape; Veil may refuse it or forward it, as long as the upstream gets
        // exactly what was scanned and the client gets an answer.
        if (r.statusCode() == 400) {
            assertEquals("invalid_request_error", json(r.body()).at("/error/type").asText());
            return;
        }
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("a\ud800b", veil.openai().takeRequest(VeilExtension.WAIT).json().at("/messages/0/content").asText());
    }

    @Test
    void bodyOverTheLimit_gets413_andTheConnectionIsClosed() throws Exception {
        String big = chatBody("a".repeat(MAX_BODY), false);
        try (RawHttpConnection c = new RawHttpConnection(veil.veil().port())) {
            c.post("/v1/chat/completions", big);
            RawHttpConnection.Response r = c.read();
            assertEquals(413, r.status());
            JsonNode error = json(r.body()).path("error");
            assertEquals("request_too_large", error.path("code").asText());
            assertEquals("invalid_request_error", error.path("type").asText());
            assertTrue(error.path("message").asText().contains(String.valueOf(MAX_BODY)), r.body());
            assertEquals("close", r.headers().get("connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void bodyOverTheLimit_gets413_throughAStandardClient() throws Exception {
        HttpResponse<String> r = veil.send("/v1/chat/completions", chatBody("a".repeat(MAX_BODY), false));

        assertErrorBody(r, 413, "invalid_request_error", "request_too_large");
    }

    @Test
    void bodyOverTheLimit_isIdentifiedLikeEveryOtherRequest() throws Exception {
        HttpResponse<String> r = veil.send("/v1/chat/completions", chatBody("a".repeat(MAX_BODY), false));

        assertEquals(413, r.statusCode());
        assertTrue(r.headers().firstValue("x-request-id").orElse("").startsWith("req_"),
                "a refused request has no id to quote to support, and no audit record: " + r.headers().map());
    }

    @Test
    void expectContinue_getsA100_thenTheAnswer() throws Exception {
        byte[] body = chatBody("What is the capital of France?", false).getBytes(StandardCharsets.UTF_8);
        try (RawHttpConnection c = new RawHttpConnection(veil.veil().port())) {
            c.write("POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\nContent-Type: application/json\r\n"
                    + "Expect: 100-continue\r\nContent-Length: " + body.length + "\r\n\r\n");
            assertEquals(100, c.read().status(), "curl waits for this before sending the body");
            c.write(new String(body, StandardCharsets.UTF_8));
            RawHttpConnection.Response r = c.read();

            assertEquals(200, r.status(), r.body());
            assertEquals("openai", r.headers().get("x-veil-upstream"));
        }
        assertEquals(1, veil.openai().drain().size());
    }

    @Test
    void expectContinue_withTooLargeABody_gets413InOpenAisShape() throws Exception {
        try (RawHttpConnection c = new RawHttpConnection(veil.veil().port())) {
            c.write("POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\nContent-Type: application/json\r\n"
                    + "Expect: 100-continue\r\nContent-Length: " + (MAX_BODY * 2) + "\r\n\r\n");
            RawHttpConnection.Response r = c.read();

            assertEquals(413, r.status());
            assertEquals("request_too_large", json(r.body()).at("/error/code").asText(), r.body());
        }
    }

    @Test
    void chunkedBodyOverTheLimit_gets413() throws Exception {
        try (RawHttpConnection c = new RawHttpConnection(veil.veil().port())) {
            c.write("POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            String part = "a".repeat(1024);
            for (int i = 0; i < 5; i++) {
                c.write(Integer.toHexString(part.length()) + "\r\n" + part + "\r\n");
            }
            RawHttpConnection.Response r = c.read();

            assertEquals(413, r.status());
            assertEquals("request_too_large", json(r.body()).at("/error/code").asText(), r.body());
        }
    }

    @Test
    void chunkedBody_isServed() throws Exception {
        String body = chatBody("What is the capital of France?", false);
        try (RawHttpConnection c = new RawHttpConnection(veil.veil().port())) {
            c.write("POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            int half = body.length() / 2;
            c.write(Integer.toHexString(half) + "\r\n" + body.substring(0, half) + "\r\n");
            c.write(Integer.toHexString(body.length() - half) + "\r\n" + body.substring(half) + "\r\n0\r\n\r\n");
            RawHttpConnection.Response r = c.read();

            assertEquals(200, r.status(), r.body());
        }
        assertEquals(1, veil.openai().drain().size());
    }

    @Test
    void bodyJustUnderTheLimit_isServed() throws Exception {
        String body = chatBody("a".repeat(MAX_BODY - 200), false);
        assertTrue(body.length() < MAX_BODY);

        HttpResponse<String> r = veil.send("/v1/chat/completions", body);

        assertEquals(200, r.statusCode(), r.body());
        assertEquals(1, veil.openai().drain().size());
    }

    @Test
    void unknownPath_gets404() throws Exception {
        HttpResponse<String> r = veil.send("/v1/chat/complete", chatBody("hi", false));

        JsonNode error = assertError(r, 404, "invalid_request_error", "unknown_url");
        assertTrue(error.path("message").asText().contains("/v1/chat/completions"),
                "the message does not list what is served: " + error);
    }

    @Test
    void getOnAPostEndpoint_gets405() throws Exception {
        HttpResponse<String> r = veil.get("/v1/chat/completions");

        JsonNode error = assertError(r, 405, "invalid_request_error", "method_not_allowed");
        assertTrue(error.path("message").asText().contains("POST"), error.toString());
    }

    @Test
    void postOnTheModelList_gets405() throws Exception {
        HttpResponse<String> r = veil.send("/v1/models", "{}");

        assertError(r, 405, "invalid_request_error", "method_not_allowed");
    }

    @Test
    void keepAlive_severalRequestsOnOneConnection_areAllAnsweredInOrder() throws Exception {
        try (RawHttpConnection c = new RawHttpConnection(veil.veil().port())) {
            c.post("/v1/chat/completions", chatBody("What is the capital of France?", false));
            RawHttpConnection.Response clean = c.read();
            c.post("/v1/chat/completions", chatBody("My SSN is 123-45-6789.", false));
            RawHttpConnection.Response ssn = c.read();
            c.post("/v1/chat/completions", "{not json");
            RawHttpConnection.Response bad = c.read();
            c.get("/v1/nowhere");
            RawHttpConnection.Response missing = c.read();
            c.get("/v1/models");
            RawHttpConnection.Response models = c.read();
            c.post("/v1/chat/completions", chatBody("And of Spain?", false));
            RawHttpConnection.Response again = c.read();

            assertEquals(200, clean.status(), clean.body());
            assertEquals("openai", clean.headers().get("x-veil-upstream"));
            assertEquals(200, ssn.status(), ssn.body());
            assertEquals("local", ssn.headers().get("x-veil-upstream"));
            assertEquals(400, bad.status());
            assertEquals(404, missing.status());
            assertEquals(200, models.status());
            assertEquals(2, json(models.body()).path("data").size());
            assertEquals(200, again.status());
            assertEquals("openai", again.headers().get("x-veil-upstream"));
            long ids = Stream.of(clean, ssn, bad, missing, models, again)
                    .map(r -> r.headers().get("x-request-id")).distinct().count();
            assertEquals(6, ids, "every request gets its own id");
        }
        assertEquals(3, veil.openai().drain().size(), "clean, model list, clean again");
        assertEquals(2, veil.local().drain().size(), "SSN, model list");
    }

    @Test
    void pipelinedRequests_areAnsweredInOrder() throws Exception {
        veil.local().enqueue(new Behavior.Events(
                List.of("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"slow\"},\"finish_reason\":null}]}",
                        "[DONE]"), Duration.ofMillis(300)));
        try (RawHttpConnection c = new RawHttpConnection(veil.veil().port())) {
            // Sent back to back: the slow sensitive stream first, then a quick clean request.
            c.post("/v1/chat/completions", chatBody("My SSN is 123-45-6789.", true));
            c.post("/v1/chat/completions", chatBody("What is the capital of France?", false));
            RawHttpConnection.Response first = c.read();
            RawHttpConnection.Response second = c.read();

            assertEquals(200, first.status(), first.body());
            assertEquals("local", first.headers().get("x-veil-upstream"));
            assertTrue(first.body().contains("slow") && first.body().endsWith("data: [DONE]\n\n"), first.body());
            assertEquals(200, second.status(), second.body());
            assertEquals("openai", second.headers().get("x-veil-upstream"));
        }
        assertEquals(1, veil.openai().drain().size());
        assertEquals(1, veil.local().drain().size());
    }

    private void assertParam(String body, String param) throws Exception {
        HttpResponse<String> r = veil.send("/v1/chat/completions", body);
        JsonNode error = assertError(r, 400, "invalid_request_error", "invalid_request");
        assertEquals(param, error.path("param").asText(), r.body());
        assertTrue(error.path("message").asText().contains(param.replaceAll("\\[.*", "")), r.body());
    }

    /** An OpenAI-shaped error from a request Veil identified (it carries x-request-id). */
    static JsonNode assertError(HttpResponse<String> r, int status, String type, String code) {
        assertTrue(r.headers().firstValue("x-request-id").isPresent(), r.headers().map().toString());
        return assertErrorBody(r, status, type, code);
    }

    static JsonNode assertErrorBody(HttpResponse<String> r, int status, String type, String code) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonNode error = json(r.body()).path("error");
        assertEquals(type, error.path("type").asText(), r.body());
        assertEquals(code, error.path("code").asText(), r.body());
        assertTrue(error.has("param"), r.body());
        assertFalse(error.path("message").asText().isBlank(), r.body());
        return error;
    }
}
