package dev.veil.proxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.proxy.config.VeilConfig;
import dev.veil.proxy.demo.StubUpstream;
import dev.veil.proxy.fuzz.Fuzz;
import dev.veil.proxy.fuzz.RequestBodies;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Fuzzes the HTTP front end over real loopback: random request lines, headers, framings
 * (Content-Length right, wrong, doubled; chunked, garbled; both), bodies (see
 * {@link RequestBodies}), pipelined second requests and byte-level damage, written in random
 * pieces. Properties, per case:
 * <ul>
 *   <li>Veil answers with well-formed HTTP responses (errors in OpenAI's shape) and/or closes the
 *   connection; it never leaves a client hanging;</li>
 *   <li>afterwards it still serves a valid request;</li>
 *   <li>whatever reaches a stub upstream is a JSON object Veil wrote, and a body carrying the
 *   planted e-mail address never reaches the external upstream (the default policy keeps personal
 *   data internal, so it was scanned);</li>
 * </ul>
 * and at the end, Netty's leak detector (paranoid in tests) reports no leaked buffer.
 *
 * <p>Runs with {@link Fuzz}: {@code -Dveil.fuzz.iterations}, {@code -Dveil.fuzz.seconds},
 * {@code -Dveil.fuzz.seed} make it longer or replay a failure.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HttpFrontEndFuzzTest {

    private static final int MAX_BODY = 32 * 1024;
    private static final Duration CLIENT_TIMEOUT = Duration.ofMillis(250);
    /** Longest Veil may take to answer or close after the client's last byte. */
    private static final int ANSWER_MILLIS = 8_000;
    private static final String EMAIL = "jane.doe@example.com";
    private static final Pattern PLANTED = Pattern.compile("(?<![A-Za-z0-9._%+-])jane\\.doe@example\\.com(?![A-Za-z0-9-])");

    @RegisterExtension
    static final VeilExtension veil = VeilExtension.builder()
            .configure(c -> {
                VeilConfig limited = new VeilConfig(c.host(), c.port(), MAX_BODY, c.upstreams(), c.defaultUpstream(),
                        c.policyFile(), c.audit(), c.scanTimeout(), c.workerThreads());
                return limited.withServer(c.server().withClientTimeout(CLIENT_TIMEOUT));
            })
            .build();

    @Test
    void randomRequests_getWellFormedAnswersOrAClose_andVeilKeepsServing() throws Exception {
        LeakLog leaks = LeakLog.attach();
        try {
            Fuzz.Summary s = Fuzz.run(HttpFrontEndFuzzTest.class, 25, HttpFrontEndFuzzTest::oneCase);
            assertTrue(s.cases() > 0);
            leaks.provoke();
            assertEquals(List.of(), leaks.reports, "Netty reported leaked buffers");
            assertNothingLeftOpen();
        } finally {
            leaks.detach();
        }
    }

    static void oneCase(Random r) throws Exception {
        byte[] wire = request(r);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), veil.veil().port())) {
            s.setSoTimeout(ANSWER_MILLIS);
            OutputStream out = s.getOutputStream();
            try {
                for (int at = 0; at < wire.length; ) {
                    int len = Math.min(wire.length - at, r.nextInt(3) == 0 ? 1 + r.nextInt(16) : 1 + r.nextInt(4096));
                    out.write(wire, at, len);
                    out.flush();
                    at += len;
                }
            } catch (IOException e) {
                // Veil closed first (a refused head): fine, what it sent is still checked.
            }
            byte[] answer = readUntilClosed(s.getInputStream());
            checkResponses(answer, wire);
        }
        checkUpstreams();
        // A fresh connection: a pooled one may be closed for idleness just as it is reused.
        try (RawHttpConnection c = new RawHttpConnection(veil.veil().port())) {
            c.post("/v1/chat/completions", VeilExtension.chatBody("What is the capital of France?", false));
            assertEquals(200, c.read().status(), "Veil stopped serving");
        }
        veil.openai().drain();
    }

    // ------------------------------------------------------------------ requests

    static byte[] request(Random r) {
        String path = r.nextInt(8) == 0 ? randomPath(r) : RequestBodies.PATHS.get(r.nextInt(RequestBodies.PATHS.size()));
        byte[] body = body(r, path);
        ByteArrayOutputStream w = new ByteArrayOutputStream();
        String method = switch (r.nextInt(12)) {
            case 0 -> "GET";
            case 1 -> "PUT";
            case 2 -> "P0ST";
            default -> "POST";
        };
        String version = switch (r.nextInt(15)) {
            case 0 -> "HTTP/1.0";
            case 1 -> "HTTP/2.0";
            case 2 -> "HTTX/1.1";
            default -> "HTTP/1.1";
        };
        StringBuilder head = new StringBuilder(method + " " + path + " " + version + "\r\n");
        head.append("Host: veil\r\n");
        if (r.nextInt(5) != 0) {
            head.append("Content-Type: application/json\r\n");
        }
        if (r.nextInt(10) == 0) {
            head.append("X-Big: ").append("b".repeat(r.nextInt(48 * 1024))).append("\r\n");
        }
        if (r.nextInt(10) == 0) {
            head.append("Expect: 100-continue\r\n");
        }
        if (r.nextInt(8) == 0) {
            head.append("Connection: close\r\n");
        }
        if (r.nextInt(20) == 0) {
            head.append("Bad Header Line\r\n");
        }
        if (r.nextInt(20) == 0) {
            head.append("X-Fold: a\r\n b\r\n");
        }
        byte[] framed;
        switch (r.nextInt(10)) {
            case 0 -> { // chunked
                head.append("Transfer-Encoding: chunked\r\n");
                framed = chunked(r, body, false);
            }
            case 1 -> { // chunked garbage
                head.append("Transfer-Encoding: chunked\r\n");
                framed = chunked(r, body, true);
            }
            case 2 -> { // both
                head.append("Content-Length: ").append(body.length).append("\r\nTransfer-Encoding: chunked\r\n");
                framed = chunked(r, body, false);
            }
            case 3 -> { // two lengths
                head.append("Content-Length: ").append(body.length).append("\r\nContent-Length: ")
                        .append(r.nextBoolean() ? body.length : r.nextInt(100)).append("\r\n");
                framed = body;
            }
            case 4 -> { // a wrong length
                String[] wrong = {"-1", "abc", "99999999999999999999", " 12", "0x10", String.valueOf(r.nextInt(body.length + 1))};
                head.append("Content-Length: ").append(wrong[r.nextInt(wrong.length)]).append("\r\n");
                framed = body;
            }
            case 5 -> framed = body; // no length at all
            default -> {
                head.append("Content-Length: ").append(body.length).append("\r\n");
                framed = body;
            }
        }
        head.append("\r\n");
        w.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        w.writeBytes(framed);
        if (r.nextInt(4) == 0) { // a pipelined second request
            byte[] next = RequestBodies.bytes(planted(r, RequestBodies.valid(r, "/v1/chat/completions")));
            w.writeBytes(("POST /v1/chat/completions HTTP/1.1\r\nHost: veil\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + next.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            w.writeBytes(next);
        }
        byte[] out = w.toByteArray();
        return r.nextInt(6) == 0 ? RequestBodies.Mutations.mutate(r, out, 1 + r.nextInt(3)) : out;
    }

    private static String randomPath(Random r) {
        String[] paths = {"/", "/v1", "/v1/chat/completions?x=1", "/v1//chat/completions", "/v1/chat/completions/",
            "/v1/models", "/%2e%2e/v1/models", "http://veil/v1/chat/completions", "*", "/v1/" + "x".repeat(9000),
            "/v1/chat/completions#frag", "/v1/chat%00/completions"};
        return paths[r.nextInt(paths.length)];
    }

    /** A body, half of the time with the planted e-mail address in a scanned field. */
    private static byte[] body(Random r, String path) {
        if (r.nextBoolean() && RequestBodies.PATHS.contains(path)) {
            return RequestBodies.bytes(planted(r, RequestBodies.valid(r, path)));
        }
        return RequestBodies.next(r, RequestBodies.PATHS.contains(path) ? path : "/v1/chat/completions");
    }

    private static ObjectNode planted(Random r, ObjectNode body) {
        switch (r.nextInt(3)) {
            case 0 -> body.put("user", EMAIL);
            case 1 -> body.putObject("metadata").put("contact", "write to " + EMAIL + " please");
            default -> body.putObject("metadata").put("contact " + EMAIL, "key");
        }
        return body;
    }

    private static byte[] chunked(Random r, byte[] body, boolean garble) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int len = Math.min(body.length - at, 1 + r.nextInt(2048));
            String size = Integer.toHexString(len);
            if (garble && r.nextInt(3) == 0) {
                size = switch (r.nextInt(4)) {
                    case 0 -> "zz";
                    case 1 -> "fffffffffffffffff";
                    case 2 -> size + ";ext=1";
                    default -> "-" + size;
                };
            }
            out.writeBytes((size + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, len);
            out.writeBytes((garble && r.nextInt(3) == 0 ? "\n" : "\r\n").getBytes(StandardCharsets.US_ASCII));
            at += len;
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ answers

    private static byte[] readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) != -1; ) {
                out.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            fail("Veil neither answered nor closed within " + ANSWER_MILLIS + " ms; it sent: "
                    + new String(out.toByteArray(), StandardCharsets.ISO_8859_1));
        } catch (java.net.SocketException e) {
            // reset by Veil after it closed with unread bytes: the end of the answer
        }
        return out.toByteArray();
    }

    /** Every response in the bytes is well-formed HTTP/1.1; every error is in OpenAI's shape. */
    private static void checkResponses(byte[] answer, byte[] request) throws Exception {
        String all = new String(answer, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < answer.length) {
            int headEnd = all.indexOf("\r\n\r\n", at);
            assertTrue(headEnd > 0, "a response head is cut short: " + all.substring(at));
            String[] lines = all.substring(at, headEnd).split("\r\n");
            assertTrue(lines[0].matches("HTTP/1\\.1 \\d{3} .*"), "not a status line: " + lines[0]);
            int status = Integer.parseInt(lines[0].substring(9, 12));
            String contentType = "";
            int length = -1;
            boolean chunked = false;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                assertTrue(colon > 0, "not a header: " + lines[i]);
                String name = lines[i].substring(0, colon).toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).strip();
                switch (name) {
                    case "content-length" -> length = Integer.parseInt(value);
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    case "content-type" -> contentType = value;
                    default -> { }
                }
            }
            at = headEnd + 4;
            if (status == 100) {
                continue;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                while (true) {
                    int eol = all.indexOf("\r\n", at);
                    assertTrue(eol > 0, "a chunk size line is cut short");
                    int size = Integer.parseInt(all.substring(at, eol).split(";")[0].strip(), 16);
                    at = eol + 2;
                    if (size == 0) {
                        at = all.indexOf("\r\n", at) + 2;
                        break;
                    }
                    body.write(answer, at, size);
                    at += size + 2;
                }
            } else {
                assertTrue(length >= 0, "a response without a length: " + lines[0]);
                assertTrue(at + length <= answer.length, "a response body is cut short");
                body.write(answer, at, length);
                at += length;
            }
            if (status >= 400) {
                assertTrue(contentType.startsWith("application/json"), "error without JSON: " + lines[0]);
                JsonNode error = VeilExtension.json(body.toString(StandardCharsets.UTF_8)).path("error");
                assertTrue(error.has("message") && error.has("type") && error.has("param") && error.has("code"),
                        "error not in OpenAI's shape: " + body);
                assertFalse(error.path("message").asText().contains(EMAIL), "an error quotes the request");
            }
        }
    }

    /** What reached the stubs: JSON objects only, and the planted value never externally. */
    private static void checkUpstreams() throws Exception {
        Thread.sleep(20);
        for (StubUpstream.Received got : veil.openai().drain()) {
            assertTrue(got.json().isObject(), "the external upstream got a body that is not a JSON object");
            assertFalse(PLANTED.matcher(got.body()).find(), "the planted e-mail address reached the external upstream");
        }
        for (StubUpstream.Received got : veil.local().drain()) {
            assertTrue(got.json().isObject(), "the internal upstream got a body that is not a JSON object");
        }
    }

    /** Every connection of the cases has been closed by now (idle ones after the client timeout). */
    private static void assertNothingLeftOpen() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String metrics = "";
        while (System.nanoTime() < deadline) {
            metrics = veil.http().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                    + veil.veil().adminPort() + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
            if (metrics.contains("\nveil_open_connections 0") && metrics.contains("\nveil_active_streams 0")) {
                return;
            }
            Thread.sleep(50);
        }
        fail("connections or streams left open:\n" + metrics.lines()
                .filter(l -> l.startsWith("veil_open_connections") || l.startsWith("veil_active_streams"))
                .reduce("", (a, b) -> a + b + "\n"));
    }

    // ------------------------------------------------------------------ leaks

    /**
     * Collects what Netty's leak detector logs. It reports a leak when a leaked buffer has been
     * garbage-collected and a later allocation looks, so {@link #provoke} collects and allocates.
     */
    static final class LeakLog extends AppenderBase<ILoggingEvent> {
        final List<String> reports = new CopyOnWriteArrayList<>();
        private Logger logger;

        static LeakLog attach() {
            LeakLog log = new LeakLog();
            log.logger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
            log.start();
            log.logger.addAppender(log);
            return log;
        }

        @Override
        protected void append(ILoggingEvent e) {
            if (e.getFormattedMessage().contains("LEAK")) {
                reports.add(e.getFormattedMessage().lines().findFirst().orElse(""));
            }
        }

        void provoke() throws InterruptedException {
            for (int i = 0; i < 5 && reports.isEmpty(); i++) {
                System.gc();
                Thread.sleep(100);
                for (int j = 0; j < 200; j++) {
                    ByteBuf b = ByteBufAllocator.DEFAULT.buffer(64);
                    b.release();
                }
            }
        }

        void detach() {
            logger.detachAppender(this);
            stop();
        }
    }
}
