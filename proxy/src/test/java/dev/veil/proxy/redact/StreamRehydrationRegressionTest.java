package dev.veil.proxy.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Re-hydration bugs found by {@link RehydratorFuzzTest}, each pinned by the case that showed it. */
class StreamRehydrationRegressionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PHONE = "PHONE_20FBD59E";
    private static final String EMAIL = "EMAIL_4A184DAE";

    private static TokenMap tokens() {
        TokenMap t = new TokenMap();
        t.put(PHONE, "+1 415 555 0100");
        t.put(EMAIL, "jane@example.com");
        return t;
    }

    @Test
    void tokensRunTogether_areBothRehydrated() {
        assertEquals("+1 415 555 0100jane@example.com", tokens().rehydrate(PHONE + EMAIL, false));
    }

    @Test
    void tokenEndingAtADeltaEnd_whoseLastLetterStartsAnotherToken_isRehydrated() {
        // The phone token ends in "E", which may begin the e-mail token: it used to be cut there.
        ResponseRewriter r = new ResponseRewriter(tokens(), null);
        List<String> events = new ArrayList<>();
        events.addAll(r.rewriteEvent(chunk(0, "Call " + PHONE, null)));
        events.addAll(r.rewriteEvent(chunk(0, " today.", null)));
        events.addAll(r.rewriteEvent(chunk(0, null, "stop")));

        assertEquals("Call +1 415 555 0100 today.", content(events, 0));
    }

    @Test
    void lastChunkWithTextAndFinishReason_keepsItsHeldBackTextInOrder() {
        // "E" may begin a token, so it waits; the chunk also ends the choice, so it must follow "Bye".
        ResponseRewriter r = new ResponseRewriter(tokens(), null);
        List<String> events = new ArrayList<>(r.rewriteEvent(chunk(0, "Bye E", "stop")));

        assertEquals("Bye E", content(events, 0));
    }

    @Test
    void doneOfOneResponsesItem_doesNotReleaseAnotherItemsHeldBackText() {
        ResponseRewriter r = new ResponseRewriter(tokens(), null);
        List<String> events = new ArrayList<>();
        events.addAll(r.rewriteEvent(delta("msg_11", "Mail EMAIL_4A")));
        events.addAll(r.rewriteEvent(delta("msg_1", "hi")));
        events.addAll(r.rewriteEvent("{\"type\":\"response.output_text.done\",\"item_id\":\"msg_1\"}"));
        events.addAll(r.rewriteEvent(delta("msg_11", "184DAE now")));
        events.addAll(r.rewriteEvent("{\"type\":\"response.output_text.done\",\"item_id\":\"msg_11\"}"));

        StringBuilder item11 = new StringBuilder();
        for (String e : events) {
            JsonNode n = json(e);
            if (n.path("item_id").asText().equals("msg_11") && n.has("delta")) {
                item11.append(n.path("delta").asText());
            }
        }
        assertEquals("Mail jane@example.com now", item11.toString());
    }

    @Test
    void surrogatePairSplitAcrossTwoDeltas_reachesTheClientWhole() {
        String clef = "\uD834\uDD1E";
        SseRewriter sse = new SseRewriter(new ResponseRewriter(tokens(), null));
        StringBuilder out = new StringBuilder();
        out.append(new String(sse.feed(sse(chunk(0, "a\\ud834", null))), java.nio.charset.StandardCharsets.UTF_8));
        out.append(new String(sse.feed(sse(chunk(0, "\\udd1eb", "stop"))), java.nio.charset.StandardCharsets.UTF_8));
        out.append(new String(sse.finish(), java.nio.charset.StandardCharsets.UTF_8));

        List<String> events = new ArrayList<>();
        for (String e : out.toString().split("\n\n")) {
            events.add(e.substring("data: ".length()));
        }
        assertEquals("a" + clef + "b", content(events, 0));
    }

    private static byte[] sse(String data) {
        return ("data: " + data + "\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A chat chunk; {@code content} is put into the JSON as written (escapes allowed). */
    private static String chunk(int index, String content, String finish) {
        String delta = content == null ? "{}" : "{\"content\":\"" + content + "\"}";
        return "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":"
                + index + ",\"delta\":" + delta + ",\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"")
                + "}]}";
    }

    private static String delta(String item, String text) {
        return "{\"type\":\"response.output_text.delta\",\"item_id\":\"" + item + "\",\"output_index\":0,"
                + "\"content_index\":0,\"delta\":\"" + text + "\"}";
    }

    private static String content(List<String> events, int index) {
        StringBuilder b = new StringBuilder();
        for (String e : events) {
            for (JsonNode c : json(e).path("choices")) {
                if (c.path("index").asInt() == index) {
                    b.append(c.path("delta").path("content").asText(""));
                }
            }
        }
        return b.toString();
    }

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(s, e);
        }
    }
}
