package dev.veil.proxy.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseRewriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Pseudonyms pseudonyms = new Pseudonyms(new byte[32]);

    @Test
    void token_isStablePerTenantAndDiffersAcrossTenants() {
        String a = pseudonyms.token("acme", "pii.email", "jane@example.com");
        assertEquals(a, pseudonyms.token("acme", "pii.email", "jane@example.com"));
        assertNotEquals(a, pseudonyms.token("globex", "pii.email", "jane@example.com"));
        assertTrue(a.matches("EMAIL_[0-9A-F]{8}"), a);
    }

    @Test
    void rewriteBody_rehydratesContentAndToolArgumentsAndRestoresModel() throws Exception {
        TokenMap tokens = new TokenMap();
        String email = tokens.put(pseudonyms.token("t", "pii.email", "a\"b@example.com"), "a\"b@example.com");
        String body = "{\"model\":\"llama3.1\",\"choices\":[{\"message\":{\"content\":\"Mail " + email
                + " now\",\"tool_calls\":[{\"function\":{\"name\":\"send\",\"arguments\":\"{\\\"to\\\":\\\"" + email
                + "\\\"}\"}}]}}]}";
        JsonNode out = JSON.readTree(new ResponseRewriter(tokens, "gpt-4o-mini").rewriteBody(body));
        assertEquals("gpt-4o-mini", out.get("model").asText());
        JsonNode msg = out.at("/choices/0/message");
        assertEquals("Mail a\"b@example.com now", msg.get("content").asText());
        JsonNode args = JSON.readTree(msg.at("/tool_calls/0/function/arguments").asText());
        assertEquals("a\"b@example.com", args.get("to").asText(), "arguments stay valid JSON");
    }

    @Test
    void stream_tokenSplitAcrossChunks_isHeldBackOnlyUntilComplete() throws Exception {
        TokenMap tokens = new TokenMap();
        String token = tokens.put(pseudonyms.token("t", "pii.person", "Jane Roe"), "Jane Roe");
        SseRewriter sse = new SseRewriter(new ResponseRewriter(tokens, null));
        String first = token.substring(0, 5);
        String second = token.substring(5);

        List<String> got = new ArrayList<>();
        got.addAll(contents(sse.feed(chunk("Hello "))));
        assertEquals(List.of("Hello "), got, "text with no token passes at once");
        got.addAll(contents(sse.feed(chunk("dear " + first))));
        assertEquals("dear ", got.get(1), "only the possible token start is held back");
        got.addAll(contents(sse.feed(chunk(second + ", welcome"))));
        assertEquals("Jane Roe, welcome", got.get(2));
        got.addAll(contents(sse.feed(("data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8))));
        assertEquals("Hello dear Jane Roe, welcome", String.join("", got));
    }

    @Test
    void stream_heldBackTextIsReleasedAtFinishReason() throws Exception {
        TokenMap tokens = new TokenMap();
        String token = tokens.put(pseudonyms.token("t", "pii.email", "x@y.z"), "x@y.z");
        SseRewriter sse = new SseRewriter(new ResponseRewriter(tokens, null));
        List<String> got = new ArrayList<>(contents(sse.feed(chunk("ends with " + token.substring(0, 3)))));
        byte[] finish = ("data: {\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n").getBytes(StandardCharsets.UTF_8);
        String out = new String(sse.feed(finish), StandardCharsets.UTF_8);
        got.addAll(contents(out.getBytes(StandardCharsets.UTF_8)));
        assertEquals("ends with " + token.substring(0, 3), String.join("", got));
        assertTrue(out.indexOf(token.substring(0, 3)) < out.indexOf("\"finish_reason\":\"stop\""),
                "released text comes before the finishing chunk");
    }

    @Test
    void stream_toolCallArgumentDeltasAreRehydratedAsJson() throws Exception {
        TokenMap tokens = new TokenMap();
        String token = tokens.put(pseudonyms.token("t", "pii.email", "jane@example.com"), "jane@example.com");
        SseRewriter sse = new SseRewriter(new ResponseRewriter(tokens, null));
        StringBuilder args = new StringBuilder();
        for (String part : List.of("{\"to\":\"", token.substring(0, 7), token.substring(7) + "\"}")) {
            String event = "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":"
                    + "[{\"index\":0,\"function\":{\"arguments\":" + JSON.writeValueAsString(part) + "}}]},"
                    + "\"finish_reason\":null}]}\n\n";
            for (String data : dataLines(sse.feed(event.getBytes(StandardCharsets.UTF_8)))) {
                args.append(JSON.readTree(data).at("/choices/0/delta/tool_calls/0/function/arguments").asText());
            }
        }
        assertEquals("jane@example.com", JSON.readTree(args.toString()).get("to").asText());
    }

    @Test
    void stream_responsesApiDeltasAndCompletedEvent() throws Exception {
        TokenMap tokens = new TokenMap();
        String token = tokens.put(pseudonyms.token("t", "pii.person", "Jane Roe"), "Jane Roe");
        SseRewriter sse = new SseRewriter(new ResponseRewriter(tokens, "gpt-4o"));
        String d1 = "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"item_id\":\"m1\","
                + "\"output_index\":0,\"content_index\":0,\"delta\":\"Hi " + token.substring(0, 4) + "\"}\n\n";
        String d2 = "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"item_id\":\"m1\","
                + "\"output_index\":0,\"content_index\":0,\"delta\":\"" + token.substring(4) + "!\"}\n\n";
        String done = "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"model\":\"llama\","
                + "\"output\":[{\"content\":[{\"type\":\"output_text\",\"text\":\"Hi " + token + "!\"}]}]}}\n\n";
        StringBuilder deltas = new StringBuilder();
        String completed = null;
        for (String e : List.of(d1, d2, done)) {
            String out = new String(sse.feed(e.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            assertFalse(out.contains(token), "no complete token reaches the client");
            for (String data : dataLines(out.getBytes(StandardCharsets.UTF_8))) {
                JsonNode n = JSON.readTree(data);
                if (n.has("delta")) {
                    deltas.append(n.get("delta").asText());
                } else {
                    completed = data;
                }
            }
        }
        assertEquals("Hi Jane Roe!", deltas.toString());
        JsonNode c = JSON.readTree(completed);
        assertEquals("Hi Jane Roe!", c.at("/response/output/0/content/0/text").asText());
        assertEquals("gpt-4o", c.at("/response/model").asText());
    }

    @Test
    void holdback_isZeroForTextThatCannotStartAToken() {
        TokenMap tokens = new TokenMap();
        tokens.put("EMAIL_0A1B2C3D", "a@b.c");
        assertEquals(0, tokens.holdback("plain words."));
        assertEquals(3, tokens.holdback("see EMA"));
        assertEquals(0, tokens.holdback("see EMAX"));
    }

    @Test
    void stream_withCrOrMixedLineEndings_isRewrittenEventByEvent() throws Exception {
        // Server-sent events may end lines with CR LF, LF or a lone CR, and mix them.
        for (String eol : List.of("\r", "\r\n", "\n")) {
            TokenMap tokens = new TokenMap();
            String token = tokens.put(pseudonyms.token("t", "pii.person", "Jane Roe"), "Jane Roe");
            SseRewriter sse = new SseRewriter(new ResponseRewriter(tokens, null));
            String label = "line ending " + eol.replace("\r", "CR").replace("\n", "LF");
            List<String> got = new ArrayList<>();
            for (String content : List.of("Hello ", token, ", welcome")) {
                String event = new String(chunk(content), StandardCharsets.UTF_8).replace("\n\n", eol + eol);
                // Fed in two halves, the second starting inside the blank line.
                byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
                int cut = bytes.length - eol.length();
                got.addAll(contents(sse.feed(java.util.Arrays.copyOfRange(bytes, 0, cut))));
                got.addAll(contents(sse.feed(java.util.Arrays.copyOfRange(bytes, cut, bytes.length))));
                assertEquals(content.equals(token) ? "Jane Roe" : content, got.get(got.size() - 1),
                        label + ": the event is passed on when its blank line arrives");
            }
            got.addAll(contents(sse.finish()));
            assertEquals("Hello Jane Roe, welcome", String.join("", got), label);
        }
    }

    @Test
    void stream_fedOneByteAtATime_givesWhatItGivesFedWhole() throws Exception {
        for (String eol : List.of("\r", "\r\n", "\n")) {
            TokenMap tokens = new TokenMap();
            String token = tokens.put(pseudonyms.token("t", "pii.person", "Jane Roe"), "Jane Roe");
            java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
            for (String content : List.of("Hello ", token, "x".repeat(20_000), ", bye " + token)) {
                stream.writeBytes(new String(chunk(content), StandardCharsets.UTF_8).replace("\n\n", eol + eol)
                        .getBytes(StandardCharsets.UTF_8));
            }
            byte[] bytes = stream.toByteArray();
            SseRewriter whole = new SseRewriter(new ResponseRewriter(tokens, null));
            java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
            expected.writeBytes(whole.feed(bytes));
            expected.writeBytes(whole.finish());
            SseRewriter bytewise = new SseRewriter(new ResponseRewriter(tokens, null));
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            for (byte b : bytes) {
                got.writeBytes(bytewise.feed(new byte[] {b}));
            }
            got.writeBytes(bytewise.finish());
            String label = "line ending " + eol.replace("\r", "CR").replace("\n", "LF");
            assertEquals(expected.toString(StandardCharsets.UTF_8), got.toString(StandardCharsets.UTF_8), label);
            assertEquals("Hello Jane Roe" + "x".repeat(20_000) + ", bye Jane Roe",
                    String.join("", contents(expected.toByteArray())), label);
        }
    }

    private static byte[] chunk(String content) throws Exception {
        return ("data: {\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
                + JSON.writeValueAsString(content) + "},\"finish_reason\":null}]}\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> dataLines(byte[] sse) {
        List<String> out = new ArrayList<>();
        for (String line : new String(sse, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                out.add(line.substring(6));
            }
        }
        return out;
    }

    private static List<String> contents(byte[] sse) throws Exception {
        List<String> out = new ArrayList<>();
        for (String data : dataLines(sse)) {
            JsonNode c = JSON.readTree(data).at("/choices/0/delta/content");
            if (!c.isMissingNode()) {
                out.add(c.asText());
            }
        }
        return out;
    }
}
