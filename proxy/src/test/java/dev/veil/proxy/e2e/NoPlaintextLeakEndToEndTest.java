package dev.veil.proxy.e2e;

import static dev.veil.proxy.e2e.VeilExtension.CLIENT_KEY;
import static dev.veil.proxy.e2e.VeilExtension.OPENAI_KEY;
import static dev.veil.proxy.e2e.VeilExtension.WAIT;
import static dev.veil.proxy.e2e.VeilExtension.chatBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.veil.audit.AuditRecord;
import dev.veil.proxy.demo.StubUpstream.Behavior;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Invariants 3 and 4: no raw sensitive value and no key is written anywhere in plaintext. Seeded
 * values go through every kind of request (forwarded, blocked, streamed, refused as malformed);
 * then the application log, every error body and response header, and the audit trail's bytes on
 * disk are searched for them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NoPlaintextLeakEndToEndTest {

    static final String SSN = "123-45-6789";
    static final String EMAIL = "jane.roe@example.org";
    static final String CARD = "4111 1111 1111 1111";
    static final String CARD_DIGITS = "4111111111111111";
    static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String KEY_LINE = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun";

    /** Everything that must never appear in plaintext; the keys too (invariant 4). */
    static final List<String> SECRETS = List.of(SSN, "123456789", EMAIL, CARD, CARD_DIGITS, AWS_KEY, KEY_LINE,
            OPENAI_KEY, CLIENT_KEY);

    private ListAppender<ILoggingEvent> logs;
    private Logger root;
    private Level rootLevel;
    /** Every response body and header value the client received. */
    private final List<String> seenByClient = new ArrayList<>();

    @BeforeEach
    void captureLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        // Debug too: a value must not leak at any level someone might turn on.
        root.setLevel(Level.DEBUG);
        logs = new ListAppender<>();
        logs.setContext(context);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        root.detachAppender(logs);
        root.setLevel(rootLevel);
        logs.stop();
    }

    @Nested
    class WithTheEncryptedTrail {

        @RegisterExtension
        final VeilExtension veil = VeilExtension.standard();

        @Test
        void seededValues_appearNowhere_inLogsResponsesOrTheAuditFiles() throws Exception {
            sendEverything(veil);
            veil.stopVeil();

            String logText = logText();
            assertTrue(logText.contains("/v1/chat/completions"), "the capture saw no request log: " + logText);
            assertAbsent("the application log", logText);
            assertAbsent("the responses", String.join("\n", seenByClient));

            List<Path> files;
            try (Stream<Path> walk = Files.walk(veil.auditDir())) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            long bytes = 0;
            for (Path f : files) {
                byte[] content = Files.readAllBytes(f);
                bytes += content.length;
                assertAbsent("audit file " + f.getFileName(), new String(content, StandardCharsets.ISO_8859_1));
                assertAbsent("audit file " + f.getFileName(), new String(content, StandardCharsets.UTF_8));
            }
            assertTrue(bytes > 0, "the audit trail wrote nothing: " + files);
        }

        @Test
        void sensitiveValueInAnUnknownPath_isNotEchoedInTheError() throws Exception {
            sendToUnknownPaths(veil);

            assertAbsent("the responses", String.join("\n", seenByClient));
        }

        @Test
        void sensitiveValueInAnUnknownPath_isNotLogged() throws Exception {
            sendToUnknownPaths(veil);
            veil.stopVeil();

            assertAbsent("the application log", logText());
        }
    }

    private void sendToUnknownPaths(VeilExtension veil) throws Exception {
        record(veil.get("/v1/users/" + SSN + "/profile"));
        record(veil.send("/v1/files/" + EMAIL, "{}"));
        assertEquals(2, seenByClient.stream().filter(s -> s.contains("unknown_url")).count(), seenByClient.toString());
    }

    @Nested
    class WithRecordedAudit {

        @RegisterExtension
        final VeilExtension veil = VeilExtension.builder().recordingAudit().build();

        @Test
        void auditRecords_holdTypesAndCounts_neverValues() throws Exception {
            sendEverything(veil);
            veil.stopVeil();

            List<AuditRecord> records = veil.records().drain();
            assertTrue(records.size() >= 8, "one record per request expected, got " + records.size());
            for (AuditRecord r : records) {
                assertAbsent("audit record " + r.requestId(), r.toString());
            }
            AuditRecord ssn = records.stream()
                    .filter(r -> r.findings().types().stream().anyMatch(t -> t.type().equals("gov_id.us_ssn")))
                    .findFirst().orElseThrow();
            assertEquals("local", ssn.routing().upstream());
            assertEquals(200, ssn.outcome().status());
            assertEquals(List.of("government-ids-internal"), ssn.verdict().rules().subList(0, 1));
        }
    }

    /** Sends the seeded values through every path a request can take. */
    private void sendEverything(VeilExtension veil) throws Exception {
        record(veil.chat("My SSN is " + SSN + " and my SSN without dashes is 123456789."));
        record(veil.chat("Email " + EMAIL + " the receipt for card " + CARD + " and " + CARD_DIGITS + "."));
        record(veil.chat("Why does this fail?\n-----BEGIN RSA PRIVATE KEY-----\n" + KEY_LINE
                + "\n-----END RSA PRIVATE KEY-----"));
        record(veil.send("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"assistant\","
                + "\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{"
                + "\"name\":\"rotate\",\"arguments\":\"{\\\"key\\\":\\\"" + AWS_KEY + "\\\"}\"}}]}]}"));
        record(veil.send("/v1/chat/completions", chatBody("Stream about " + SSN, true)));
        // Malformed requests holding values: the errors must not quote them.
        record(veil.send("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"content\":\"" + SSN
                + "\"}]"));
        record(veil.send("/v1/chat/completions", "{\"model\":[\"" + EMAIL + "\"],\"messages\":[]}"));
        record(veil.send("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"stream\":\"" + CARD
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        record(veil.send("/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"" + EMAIL + "\":1,\"" + EMAIL
                + "\":2,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        ByteArrayOutputStream badUtf8 = new ByteArrayOutputStream();
        badUtf8.writeBytes(("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + SSN)
                .getBytes(StandardCharsets.UTF_8));
        badUtf8.write(0xFF);
        badUtf8.writeBytes("\"}]}".getBytes(StandardCharsets.UTF_8));
        record(veil.send("/v1/chat/completions", badUtf8.toByteArray()));
        // The internal upstream fails: Veil's error path must not quote the request either.
        veil.local().enqueue(new Behavior.Status(500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\","
                + "\"param\":null,\"code\":null}}", Map.of()));
        record(veil.chat("Card " + CARD + " declined?"));
        record(veil.get("/v1/models"));
        assertNotNull(veil.local().takeRequest(WAIT), "the sensitive requests should have reached the internal upstream");
    }

    private void record(HttpResponse<String> r) {
        seenByClient.add(r.statusCode() + " " + r.body());
        r.headers().map().forEach((name, values) -> seenByClient.add(name + ": " + String.join(",", values)));
    }

    private String logText() {
        List<ILoggingEvent> events;
        synchronized (logs) {
            events = new ArrayList<>(logs.list);
        }
        StringBuilder sb = new StringBuilder();
        for (ILoggingEvent e : events) {
            sb.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(' ').append(e.getFormattedMessage())
                    .append(' ').append(e.getMDCPropertyMap()).append('\n');
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                sb.append("  ").append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }

    private static void assertAbsent(String where, String text) {
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), where + " holds a raw value or key (" + mask(secret) + ")");
        }
    }

    /** Names the leaked value in a failure message without printing it whole. */
    private static String mask(String secret) {
        return secret.substring(0, 3) + "..." + secret.length() + " chars";
    }
}
