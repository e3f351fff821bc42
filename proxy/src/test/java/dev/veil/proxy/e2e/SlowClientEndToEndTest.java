package dev.veil.proxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A client that stops halfway through its request does not hold a connection forever. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SlowClientEndToEndTest {

    @RegisterExtension
    final VeilExtension veil = VeilExtension.builder()
            .configure(c -> c.withServer(c.server().withClientTimeout(Duration.ofMillis(500))))
            .build();

    @Test
    void clientStuckInItsHeaders_isDisconnected_andVeilKeepsServing() throws Exception {
        try (Socket s = new Socket("127.0.0.1", veil.veil().port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\nContent-Le"
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            assertEquals(-1, in.read(), "Veil closes the connection of a client that stopped sending");
        }
        assertEquals(200, veil.chat("Still serving?").statusCode());
    }

    @Test
    void clientStuckInItsBody_isDisconnected() throws Exception {
        try (Socket s = new Socket("127.0.0.1", veil.veil().port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"model\":")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            assertEquals(-1, s.getInputStream().read());
        }
        assertEquals(0, veil.openai().drain().size(), "nothing was forwarded");
    }
}
