package dev.veil.proxy.e2e;

import static dev.veil.proxy.e2e.VeilExtension.WAIT;
import static dev.veil.proxy.e2e.VeilExtension.chatBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pipelined requests on one connection: each is scanned and routed on its own, answered in order. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PipeliningEndToEndTest {

    @RegisterExtension
    final VeilExtension veil = VeilExtension.standard();

    @Test
    void pipelinedRequests_areEachDecidedAndAnsweredInOrder() throws Exception {
        String clean = chatBody("What is the capital of France?", false);
        String ssn = chatBody("My SSN is 123-45-6789; which form do I need?", false);
        String notFound = "{}";
        StringBuilder wire = new StringBuilder();
        wire.append(request("/v1/chat/completions", clean, false));
        wire.append(request("/v1/chat/completions", ssn, false));
        wire.append(request("/v1/nothing-here", notFound, true));

        try (Socket s = new Socket("127.0.0.1", veil.veil().port())) {
            s.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(wire.toString().getBytes(StandardCharsets.UTF_8)); // all three in one write
            out.flush();
            String responses = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            Matcher m = Pattern.compile("HTTP/1.1 (\\d{3})[^\\r]*\\r\\n((?:[^\\r]+\\r\\n)*)").matcher(responses);
            String[] statuses = new String[3];
            String[] upstreams = new String[3];
            for (int i = 0; i < 3; i++) {
                assertTrue(m.find(), "response " + (i + 1) + " missing: " + responses);
                statuses[i] = m.group(1);
                Matcher u = Pattern.compile("(?i)x-veil-upstream: (\\S+)").matcher(m.group(2));
                upstreams[i] = u.find() ? u.group(1) : "";
            }
            assertEquals("200", statuses[0]);
            assertEquals("openai", upstreams[0], "first answer belongs to the clean request");
            assertEquals("200", statuses[1]);
            assertEquals("local", upstreams[1], "second answer belongs to the SSN request");
            assertEquals("404", statuses[2]);
        }
        assertNotNull(veil.openai().takeRequest(WAIT));
        assertNotNull(veil.local().takeRequest(WAIT));
        assertEquals(0, veil.openai().drain().size(), "the SSN request never reached the external upstream");
    }

    /** The last request asks Veil to close the connection, so the test reads to the end. */
    private static String request(String path, String body, boolean last) {
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        return "POST " + path + " HTTP/1.1\r\nHost: veil\r\nContent-Type: application/json\r\n"
                + (last ? "Connection: close\r\n" : "") + "Content-Length: " + length + "\r\n\r\n" + body;
    }
}
