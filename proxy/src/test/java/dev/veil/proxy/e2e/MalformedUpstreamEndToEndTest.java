package dev.veil.proxy.e2e;

import static dev.veil.proxy.e2e.CircuitBreakerEndToEndTest.CLEAN;
import static dev.veil.proxy.e2e.CircuitBreakerEndToEndTest.configure;
import static dev.veil.proxy.e2e.CircuitBreakerEndToEndTest.scrape;
import static dev.veil.proxy.e2e.ScriptedUpstream.LAST_CHUNK;
import static dev.veil.proxy.e2e.ScriptedUpstream.chunk;
import static dev.veil.proxy.e2e.ScriptedUpstream.chunkedHead;
import static dev.veil.proxy.e2e.VeilExtension.WAIT;
import static dev.veil.proxy.e2e.VeilExtension.chatBody;
import static dev.veil.proxy.e2e.VeilExtension.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.audit.AuditRecord;
import dev.veil.proxy.config.CircuitBreakerSettings;
import dev.veil.proxy.config.RetrySettings;
import dev.veil.proxy.e2e.ScriptedUpstream.Script;
import dev.veil.proxy.e2e.ScriptedUpstream.Then;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An upstream that sends a broken response: an event stream with garbage lines, data that is not
 * JSON, a cut-off last event, or a connection reset in the middle of a body. The client gets the
 * events that were whole and then an error event (or, for a plain body, a response cut short that
 * no client takes for complete); the upstream connection is closed rather than reused; the audit
 * record has status 502.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MalformedUpstreamEndToEndTest {

    static final String FIRST = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}";
    static final String SSE = "text/event-stream";

    final ScriptedUpstream upstream = new ScriptedUpstream();

    @RegisterExtension
    final VeilExtension veil = VeilExtension.builder()
            .recordingAudit()
            .configure(c -> configure(c, "openai", upstream.baseUrl(), CircuitBreakerSettings.DEFAULT,
                    RetrySettings.NONE))
            .build();

    MalformedUpstreamEndToEndTest() throws IOException {
    }

    @AfterEach
    void stop() throws IOException {
        upstream.close();
    }

    private HttpResponse<String> stream() throws Exception {
        return veil.send("/v1/chat/completions", chatBody(CLEAN, true));
    }

    /** The client saw the first event, then an error event with this code, and nothing else. */
    private void assertEndedWithErrorEvent(HttpResponse<String> r, String code) throws Exception {
        assertEquals(200, r.statusCode());
        List<String> data = StreamingEndToEndTest.dataLines(r.body());
        assertEquals(2, data.size(), r.body());
        assertEquals(FIRST, data.get(0));
        JsonNode error = json(data.get(1)).path("error");
        assertEquals(code, error.path("code").asText(), r.body());
        assertEquals("upstream_error", error.path("type").asText(), r.body());
        AuditRecord record = veil.records().take(WAIT);
        assertEquals(502, record.outcome().status(), "audited status");
        assertEquals("openai", record.routing().upstream());
    }

    @Test
    void garbageLineInAStream_endsItWithAnErrorEvent_andClosesTheUpstreamConnection() throws Exception {
        upstream.enqueue(Script.of(chunkedHead(200, SSE) + chunk("data: " + FIRST + "\n\n")
                + chunk("<html><body>502 Bad Gateway</body></html>\n\n"), Then.WAIT_FOR_PEER_CLOSE));

        HttpResponse<String> r = stream();

        assertEndedWithErrorEvent(r, "upstream_failed");
        assertFalse(r.body().contains("Bad Gateway"), "the garbage reached the client: " + r.body());
        assertTrue(upstream.awaitPeerClose(WAIT.toMillis()), "Veil kept the upstream connection of a broken stream");
        assertTrue(scrape(veil).contains("veil_upstream_errors_total{upstream=\"openai\",kind=\"malformed_stream\"} 1\n"));
    }

    @Test
    void dataThatIsNotJson_endsTheStreamWithAnErrorEvent() throws Exception {
        upstream.enqueue(Script.of(chunkedHead(200, SSE) + chunk("data: " + FIRST + "\n\n")
                + chunk("data: {\"id\":\"c2\",\"choices\":[{\"delta\":\n\n") + LAST_CHUNK, Then.WAIT_FOR_PEER_CLOSE));

        HttpResponse<String> r = stream();

        assertEndedWithErrorEvent(r, "upstream_failed");
        assertFalse(r.body().contains("c2"), r.body());
    }

    @Test
    void streamCutOffInsideAnEvent_endsWithAnErrorEvent_notAHalfEvent() throws Exception {
        // No length and no chunking: the end of the connection is the end of the body.
        upstream.enqueue(Script.of("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
                + "data: " + FIRST + "\n\ndata: {\"id\":\"c2\",\"obj", Then.CLOSE));

        HttpResponse<String> r = stream();

        assertEndedWithErrorEvent(r, "upstream_failed");
        assertFalse(r.body().contains("c2"), r.body());
    }

    @Test
    void resetInTheMiddleOfAStream_endsItWithAnErrorEvent() throws Exception {
        upstream.enqueue(Script.of(chunkedHead(200, SSE) + chunk("data: " + FIRST + "\n\n"), Then.RESET));

        assertEndedWithErrorEvent(stream(), "upstream_failed");
    }

    @Test
    void resetInTheMiddleOfAPlainBody_cutsTheResponseShort_andVeilServesTheNextRequest() throws Exception {
        upstream.enqueue(Script.of("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n"
                + "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[", Then.RESET));

        assertThrows(IOException.class, () -> veil.chat(CLEAN), "a cut-off body was taken for a whole response");

        AuditRecord record = veil.records().take(WAIT);
        assertEquals(502, record.outcome().status(), "audited status");
        String body = "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[]}";
        upstream.enqueue(Script.of("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body, Then.CLOSE));
        HttpResponse<String> next = veil.chat(CLEAN);
        assertEquals(200, next.statusCode(), next.body());
        assertEquals(body, next.body());
    }
}
