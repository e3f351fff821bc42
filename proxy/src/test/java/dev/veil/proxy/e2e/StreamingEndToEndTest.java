package dev.veil.proxy.e2e;

import static dev.veil.proxy.e2e.VeilExtension.LOCAL_MODEL;
import static dev.veil.proxy.e2e.VeilExtension.QUIET;
import static dev.veil.proxy.e2e.VeilExtension.WAIT;
import static dev.veil.proxy.e2e.VeilExtension.chatBody;
import static dev.veil.proxy.e2e.VeilExtension.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.proxy.demo.StubUpstream.Behavior;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code stream: true}: server-sent events relayed chunk by chunk as the upstream sends them. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamingEndToEndTest {

    @RegisterExtension
    final VeilExtension veil = VeilExtension.standard();

    @Test
    void firstEvent_reachesTheClient_beforeTheUpstreamHasSentItsLast() throws Exception {
        List<String> events = List.of(chunk("Once"), chunk(" upon"), chunk(" a time"), "[DONE]");
        CompletableFuture<Void> gate = new CompletableFuture<>();
        veil.openai().enqueue(new Behavior.GatedEvents(events, gate));

        HttpResponse<InputStream> r = veil.http().send(
                veil.post("/v1/chat/completions", chatBody("Tell me a story.", true).getBytes(StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = r.body()) {
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
            assertEquals("openai", r.headers().firstValue("x-veil-upstream").orElse(""));

            // The stub holds the last event until the gate opens (or for ten seconds): reading the
            // first event well within that time proves Veil relayed it rather than buffering.
            String first = "data: " + events.get(0) + "\n\n";
            byte[] got = CompletableFuture.supplyAsync(() -> readN(body, first.length()))
                    .get(5, TimeUnit.SECONDS);
            assertEquals(first, new String(got, StandardCharsets.UTF_8));
            assertFalse(gate.isDone());

            gate.complete(null);
            String rest = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder expected = new StringBuilder();
            for (String e : events.subList(1, events.size())) {
                expected.append("data: ").append(e).append("\n\n");
            }
            assertEquals(expected.toString(), rest, "the events after the first, exactly as the upstream sent them");
        }
        assertNotNull(veil.openai().takeRequest(WAIT));
        assertNull(veil.local().takeRequest(QUIET));
    }

    @Test
    void responseHeaders_reachTheClient_beforeTheFirstEvent() throws Exception {
        // The stub sends its headers at once, then nothing until the gate opens (or ten seconds):
        // the client must see the response start without waiting for the first event.
        CompletableFuture<Void> gate = new CompletableFuture<>();
        veil.openai().enqueue(new Behavior.GatedEvents(List.of("[DONE]"), gate));

        HttpResponse<InputStream> r = veil.http().sendAsync(
                veil.post("/v1/chat/completions", chatBody("Tell me a story.", true).getBytes(StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream()).get(5, TimeUnit.SECONDS);
        try (InputStream body = r.body()) {
            assertFalse(gate.isDone());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));

            gate.complete(null);
            assertEquals("data: [DONE]\n\n", new String(body.readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            gate.complete(null);
        }
    }

    @Test
    void defaultStream_deliversEveryChunkInOrder() throws Exception {
        veil.openai().streamPacing(8, Duration.ofMillis(2));

        HttpResponse<String> r = veil.send("/v1/chat/completions", chatBody("Say hello.", true));

        assertEquals(200, r.statusCode(), r.body());
        List<String> data = dataLines(r.body());
        assertEquals("[DONE]", data.get(data.size() - 1));
        assertEquals(10, data.size(), "eight content chunks, the finish chunk and [DONE]: " + data);
        StringBuilder text = new StringBuilder();
        for (String d : data.subList(0, data.size() - 1)) {
            text.append(json(d).at("/choices/0/delta/content").asText(""));
        }
        assertEquals("Hello from the stand-in for OpenAI. . .", text.toString());
        assertEquals("stop", json(data.get(data.size() - 2)).at("/choices/0/finish_reason").asText());
    }

    @Test
    void sensitiveStream_comesFromTheInternalUpstream() throws Exception {
        HttpResponse<String> r = veil.send("/v1/chat/completions",
                chatBody("My card is 4111 1111 1111 1111; is it expired?", true));

        assertEquals(200, r.statusCode(), r.body());
        assertEquals("local", r.headers().firstValue("x-veil-upstream").orElse(""));
        List<String> data = dataLines(r.body());
        assertEquals("[DONE]", data.get(data.size() - 1));
        // The internal model's name stays between Veil and the upstream: the client sees the model it asked for.
        for (String d : data.subList(0, data.size() - 1)) {
            assertEquals(VeilExtension.MODEL, json(d).path("model").asText());
        }
        assertEquals(LOCAL_MODEL, veil.local().takeRequest(WAIT).json().path("model").asText());
        assertNull(veil.openai().takeRequest(QUIET), "a sensitive stream reached the external upstream");
    }

    private static String chunk(String content) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                + content + "\"},\"finish_reason\":null}]}";
    }

    static List<String> dataLines(String sse) {
        List<String> out = new ArrayList<>();
        for (String event : sse.split("\n\n")) {
            if (event.startsWith("data: ")) {
                out.add(event.substring("data: ".length()));
            }
        }
        return out;
    }

    private static byte[] readN(InputStream in, int n) {
        try {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
