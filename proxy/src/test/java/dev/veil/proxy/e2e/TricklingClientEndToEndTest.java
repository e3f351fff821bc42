package dev.veil.proxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slowloris: a client that sends its request head a byte at a time, never pausing long enough to
 * look idle, is still disconnected once the head has taken longer than the client timeout; so is
 * one sending its body far slower than the slowest rate Veil allows.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TricklingClientEndToEndTest {

    private static final Duration CLIENT_TIMEOUT = Duration.ofMillis(600);

    @RegisterExtension
    final VeilExtension veil = VeilExtension.builder()
            .configure(c -> c.withServer(c.server().withClientTimeout(CLIENT_TIMEOUT)))
            .build();

    @Test
    void clientTricklingItsHeaders_isDisconnected() throws Exception {
        byte[] head = ("POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\nContent-Type: application/json\r\n"
                + "X-Padding: " + "a".repeat(400) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertDisconnectedWhileTrickling(new byte[0], head);
    }

    @Test
    void clientTricklingItsBody_isDisconnected() throws Exception {
        String body = VeilExtension.chatBody("x".repeat(2000), false);
        byte[] head = ("POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        assertDisconnectedWhileTrickling(head, body.getBytes(StandardCharsets.US_ASCII));
        // Only the helper's own "Still serving?" request may have reached the upstream.
        assertTrue(veil.openai().drain().stream().noneMatch(r -> r.body().contains("xxxxxxxxxx")),
                "a request whose body never arrived was forwarded");
    }

    /** Sends {@code prefix} at once, then {@code trickled} a byte every 50 ms, until Veil closes. */
    private void assertDisconnectedWhileTrickling(byte[] prefix, byte[] trickled) throws Exception {
        long start = System.nanoTime();
        boolean closed = false;
        try (Socket s = new Socket("127.0.0.1", veil.veil().port())) {
            OutputStream out = s.getOutputStream();
            out.write(prefix);
            out.flush();
            for (int i = 0; i < trickled.length && !closed; i++) {
                try {
                    out.write(trickled[i]);
                    out.flush();
                } catch (SocketException e) {
                    closed = true;
                }
                Thread.sleep(50);
                if (s.getInputStream().available() == 0 && System.nanoTime() - start > TimeUnit.SECONDS.toNanos(8)) {
                    break;
                }
                closed = closed || peerClosed(s);
            }
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(closed, "a trickling client held the connection for " + ms + " ms");
        assertTrue(ms < CLIENT_TIMEOUT.toMillis() * 5, "closed only after " + ms + " ms");
        assertEquals(200, veil.chat("Still serving?").statusCode());
    }

    /** True once the server has closed its side (a read returns end of stream at once). */
    private static boolean peerClosed(Socket s) throws IOException {
        s.setSoTimeout(1);
        try {
            return s.getInputStream().read() == -1;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }
}
