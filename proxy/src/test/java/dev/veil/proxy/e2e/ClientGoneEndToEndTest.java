package dev.veil.proxy.e2e;

import static dev.veil.proxy.e2e.VeilExtension.WAIT;
import static dev.veil.proxy.e2e.VeilExtension.chatBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.audit.AuditRecord;
import dev.veil.proxy.demo.StubUpstream.Behavior;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that goes away in the middle of a response: Veil abandons the upstream call, audits
 * the request as ended by the client (499), and goes on serving others.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientGoneEndToEndTest {

    @RegisterExtension
    final VeilExtension veil = VeilExtension.builder().recordingAudit().build();

    @Test
    @Disabled("BUG: ApiHandler reads from the client only between requests (auto-read off), so a client's close is not seen during a response; the last chunk is written into the closed socket and audited 200")
    void clientClosingMidStream_isAuditedAs499_andVeilKeepsServing() throws Exception {
        String first = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}";
        CompletableFuture<Void> gate = new CompletableFuture<>();
        veil.openai().enqueue(new Behavior.GatedEvents(List.of(first, "[DONE]"), gate));

        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), veil.veil().port())) {
            s.setSoTimeout(10_000);
            byte[] body = chatBody("Say hi.", true).getBytes(StandardCharsets.UTF_8);
            s.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(body);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            String seen = "";
            while (!seen.contains("\"Hi\"")) {
                byte[] buf = new byte[4096];
                int n = in.read(buf);
                assertTrue(n > 0, "the stream ended before its first event: " + seen);
                seen += new String(buf, 0, n, StandardCharsets.UTF_8);
            }
        }
        gate.complete(null);

        AuditRecord record = veil.records().take(WAIT);
        assertNotNull(record, "the abandoned request was not audited");
        assertEquals(499, record.outcome().status());
        assertEquals("openai", record.routing().upstream());

        assertEquals(200, veil.chat("Still there?").statusCode());
    }

    @Test
    @Disabled("BUG: as above, the close goes unnoticed while the upstream works: the upstream call is not cancelled and the request is audited with the upstream's outcome (502), not 499")
    void clientClosingWhileTheUpstreamThinks_isAuditedAs499() throws Exception {
        veil.openai().enqueue(new Behavior.Hang(Duration.ofSeconds(5)));

        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), veil.veil().port())) {
            byte[] body = chatBody("Think hard.", false).getBytes(StandardCharsets.UTF_8);
            s.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(body);
            s.getOutputStream().flush();
            assertNotNull(veil.openai().takeRequest(WAIT), "the request never reached the upstream");
        }

        AuditRecord record = veil.records().take(WAIT);
        assertNotNull(record, "the abandoned request was not audited");
        assertEquals(499, record.outcome().status());
    }
}
