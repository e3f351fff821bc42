package dev.veil.proxy.e2e;

import static dev.veil.proxy.e2e.VeilExtension.QUIET;
import static dev.veil.proxy.e2e.VeilExtension.chatBody;
import static dev.veil.proxy.e2e.VeilExtension.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Request smuggling patterns: a request whose length two headers state differently. Each is
 * refused with 400 in OpenAI's shape and the connection is closed, so that no byte of it can be
 * read as the start of another request; nothing reaches an upstream.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SmugglingEndToEndTest {

    @RegisterExtension
    static final VeilExtension veil = VeilExtension.standard();

    /** Would be served (and routed internally) if Veil read it as a request of its own. */
    private static final String SMUGGLED = chatBody("My SSN is 123-45-6789.", false);

    @AfterEach
    void nothingWasForwarded() throws InterruptedException {
        assertNull(veil.openai().takeRequest(QUIET), "a smuggling request reached the external upstream");
        assertEquals(List.of(), veil.local().drain(), "a smuggling request reached the internal upstream");
    }

    @Test
    void contentLengthAndChunked_get400_andTheConnectionIsClosed() throws Exception {
        String body = "0\r\n\r\n" + post(SMUGGLED);
        assertRefusedAndClosed("POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nTransfer-Encoding: chunked\r\n\r\n" + body);
    }

    @Test
    void chunkedAndContentLength_inTheOtherOrder_get400() throws Exception {
        String body = "0\r\n\r\n" + post(SMUGGLED);
        assertRefusedAndClosed("POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\nTransfer-Encoding: chunked\r\n"
                + "Content-Length: 4\r\nContent-Type: application/json\r\n\r\n" + body);
    }

    @Test
    void twoDifferentContentLengths_get400() throws Exception {
        String body = chatBody("hello", false);
        assertRefusedAndClosed("POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nContent-Length: 5\r\n\r\n" + body);
    }

    @Test
    void transferEncodingThatIsNotChunkedLast_gets400() throws Exception {
        assertRefusedAndClosed("POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked, identity\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    }

    @Test
    void malformedChunkSize_gets400() throws Exception {
        assertRefusedAndClosed("POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
    }

    @Test
    void afterARefusedRequest_veilKeepsServing() throws Exception {
        assertRefusedAndClosed("POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\nContent-Length: 3\r\n"
                + "Content-Length: 4\r\n\r\nabcd");
        assertEquals(200, veil.chat("What is the capital of France?").statusCode());
        assertEquals(1, veil.openai().drain().size());
    }

    private static String post(String body) {
        return "POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static void assertRefusedAndClosed(String wire) throws Exception {
        try (RawHttpConnection c = new RawHttpConnection(veil.veil().port())) {
            c.write(wire);
            RawHttpConnection.Response r = c.read();
            assertEquals(400, r.status(), r.body());
            assertEquals("invalid_request_error", json(r.body()).at("/error/type").asText(), r.body());
            assertEquals("close", r.headers().get("connection"), r.headers().toString());
            assertTrue(c.closedByServer(), "the connection stays open after a smuggling attempt");
        }
    }
}
