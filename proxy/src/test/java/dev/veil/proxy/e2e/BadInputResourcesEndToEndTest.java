package dev.veil.proxy.e2e;

import static dev.veil.proxy.e2e.VeilExtension.QUIET;
import static dev.veil.proxy.e2e.VeilExtension.chatBody;
import static dev.veil.proxy.e2e.VeilExtension.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input not covered elsewhere (deep nesting over HTTP, an over-long request line, a malformed
 * head with a request pipelined behind it), and that none of it leaves anything behind: after
 * each test Veil has no connection open and no stream running.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BadInputResourcesEndToEndTest {

    @RegisterExtension
    static final VeilExtension veil = VeilExtension.builder()
            .configure(c -> c.withServer(c.server().withClientTimeout(Duration.ofMillis(300))))
            .build();

    @AfterEach
    void nothingForwarded_andNothingLeftOpen() throws Exception {
        assertNull(veil.openai().takeRequest(QUIET), "a refused request reached the external upstream");
        assertEquals(List.of(), veil.local().drain(), "a refused request reached the internal upstream");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String metrics = "";
        while (System.nanoTime() < deadline) {
            metrics = veil.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + veil.veil().adminPort()
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (gauge(metrics, "veil_open_connections") == 0 && gauge(metrics, "veil_active_streams") == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("connections or streams left open: veil_open_connections="
                + gauge(metrics, "veil_open_connections") + " veil_active_streams=" + gauge(metrics, "veil_active_streams"));
    }

    @Test
    void deeplyNestedBody_gets400NamingTheNesting() throws Exception {
        String deep = "[".repeat(200) + "\"x\"" + "]".repeat(200);
        HttpResponse<String> r = veil.send("/v1/chat/completions",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"metadata\":" + deep + "}");

        assertEquals(400, r.statusCode(), r.body());
        assertEquals("invalid_json", json(r.body()).at("/error/code").asText(), r.body());
        assertTrue(json(r.body()).at("/error/message").asText().contains("nesting"), r.body());
    }

    @Test
    void requestLineOverTheLimit_getsAnErrorInOpenAisShape_andTheConnectionIsClosed() throws Exception {
        try (RawHttpConnection c = new RawHttpConnection(veil.veil().port())) {
            c.write("GET /v1/models?" + "q".repeat(16 * 1024) + " HTTP/1.1\r\nHost: veil\r\n\r\n");
            RawHttpConnection.Response r = c.read();

            assertTrue(r.status() == 400 || r.status() == 414, "status " + r.status());
            assertEquals("invalid_request_error", json(r.body()).at("/error/type").asText(), r.body());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void malformedHead_withARequestPipelinedBehindIt_answersOnce_andServesNothingElse() throws Exception {
        String valid = chatBody("My SSN is 123-45-6789.", false);
        try (RawHttpConnection c = new RawHttpConnection(veil.veil().port())) {
            c.write("POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\nContent-Length: x\r\n\r\n"
                    + "POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + valid.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + valid);
            RawHttpConnection.Response r = c.read();

            assertEquals(400, r.status(), r.body());
            assertTrue(c.closedByServer(), "after a malformed head, the bytes behind it are not read as a request");
        }
    }

    @Test
    void clientThatLeavesMidBody_leavesNothingBehind() throws Exception {
        try (RawHttpConnection c = new RawHttpConnection(veil.veil().port())) {
            c.write("POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"model\":\"gpt-4o-mini\",");
        }
    }

    @Test
    void clientThatLeavesMidStream_leavesNothingBehind() throws Exception {
        veil.openai().streamPacing(50, Duration.ofMillis(20));
        byte[] body = chatBody("Tell me a long story.", true).getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), veil.veil().port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(body);
            s.getOutputStream().flush();
            StringBuilder got = new StringBuilder();
            while (got.indexOf("data:") < 0) {
                int b = s.getInputStream().read();
                assertTrue(b >= 0, "closed before the first event: " + got);
                got.append((char) b);
            }
            assertTrue(got.toString().startsWith("HTTP/1.1 200"), got.toString());
        }
        veil.openai().takeRequest(VeilExtension.WAIT);
        veil.openai().streamPacing(8, Duration.ofMillis(5));
    }

    private static long gauge(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\d+)").matcher(metrics);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
