package dev.veil.proxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Headers over the limit get 431 in OpenAI's error shape, and nothing is forwarded. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HeaderLimitEndToEndTest {

    @RegisterExtension
    final VeilExtension veil = VeilExtension.standard();

    @Test
    void oversizedHeaders_get431() throws Exception {
        String body = VeilExtension.chatBody("hello", false);
        String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\nX-Padding: " + "a".repeat(64 * 1024)
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        try (Socket s = new Socket("127.0.0.1", veil.veil().port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 431"), response);
            assertTrue(response.contains("\"code\":\"headers_too_large\""), response);
        }
        assertEquals(0, veil.openai().drain().size());
    }
}
