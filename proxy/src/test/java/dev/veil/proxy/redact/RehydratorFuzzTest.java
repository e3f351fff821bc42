package dev.veil.proxy.redact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.proxy.fuzz.Fuzz;
import dev.veil.proxy.fuzz.RandomText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes stream re-hydration: random pseudonym tokens in random text, cut into random deltas
 * (inside tokens too), interleaved across several choices, tool calls and Responses API items,
 * sent as server-sent events split at random bytes (inside a token, inside a UTF-8 sequence,
 * inside a line ending). Properties:
 * <ul>
 *   <li>differential: the output is byte for byte what re-hydrating the whole stream at once gives;</li>
 *   <li>no fragment lost or duplicated: the text of each delta stream, joined, is the original text
 *   with every token replaced by its value (JSON-escaped in tool-call arguments), in order.</li>
 * </ul>
 * Runs with {@link Fuzz}: {@code -Dveil.fuzz.iterations}, {@code -Dveil.fuzz.seconds},
 * {@code -Dveil.fuzz.seed} make it longer or replay a failure.
 */
class RehydratorFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TYPES = {"pii.email", "pii.phone", "gov_id.us_ssn", "pii.person", "custom.x"};
    private static final String CLIENT_MODEL = "gpt-4o-mini";

    @Test
    void chunkedStreams_rehydrateExactlyAsTheWholeStream() {
        Fuzz.Summary s = Fuzz.run(RehydratorFuzzTest.class, 400, RehydratorFuzzTest::oneCase);
        assertTrue(s.cases() > 0);
    }

    /** One delta stream: where its text goes, and the text in full. */
    private record Stream(String key, boolean arguments, StringBuilder text, List<String> deltas) {
    }

    static void oneCase(Random r) throws Exception {
        byte[] key = new byte[32];
        r.nextBytes(key);
        Pseudonyms pseudonyms = new Pseudonyms(key);
        TokenMap tokens = new TokenMap();
        List<String> known = new ArrayList<>();
        for (int i = 0, n = 1 + r.nextInt(6); i < n; i++) {
            String type = TYPES[r.nextInt(TYPES.length)];
            String token = pseudonyms.token("t", type, "v" + i);
            known.add(tokens.put(token, RandomText.next(r, 4) + "v" + i));
            if (r.nextInt(4) == 0) { // the same HMAC prefix for a second value: a "_2" token
                known.add(tokens.put(token, RandomText.next(r, 4) + "w" + i));
            }
        }
        boolean responsesApi = r.nextInt(3) == 0;
        List<Stream> streams = new ArrayList<>();
        for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
            boolean args = r.nextInt(3) == 0;
            String k = responsesApi ? (args ? "response.function_call_arguments" : "response.output_text")
                    + "|msg_" + (r.nextBoolean() ? i : i * 10 + 1) : (args ? "tool" : "content") + "|" + i;
            if (streams.stream().noneMatch(s -> s.key().equals(k))) {
                streams.add(new Stream(k, args, new StringBuilder(), new ArrayList<>()));
            }
        }
        for (Stream s : streams) {
            StringBuilder t = s.text();
            if (s.arguments()) {
                t.append("{\"text\":\"");
            }
            for (int i = 0, n = 1 + r.nextInt(6); i < n; i++) {
                switch (r.nextInt(4)) {
                    case 0 -> t.append(known.get(r.nextInt(known.size())));
                    case 1 -> { // the start of a token, then something else
                        String tok = known.get(r.nextInt(known.size()));
                        t.append(tok, 0, 1 + r.nextInt(tok.length() - 1)).append(r.nextBoolean() ? " " : "x");
                    }
                    default -> t.append(s.arguments() ? RandomText.marker(r) : RandomText.next(r, 6));
                }
            }
            if (s.arguments()) {
                t.append("\"}");
            }
            cut(r, t.toString(), s.deltas());
        }

        byte[] wire = events(r, streams, responsesApi);
        byte[] whole = rewrite(tokens, List.of(wire));
        byte[] chunked = rewrite(tokens, split(r, wire));
        assertArrayEquals(whole, chunked, () -> "chunked output differs from whole-stream output:\n"
                + new String(whole, StandardCharsets.UTF_8) + "\n---\n" + new String(chunked, StandardCharsets.UTF_8));

        Map<String, StringBuilder> got = joinedDeltas(new String(chunked, StandardCharsets.UTF_8), responsesApi);
        for (Stream s : streams) {
            String expected = rehydrate(s.text().toString(), tokens, known, s.arguments());
            assertEquals(expected, String.valueOf(got.getOrDefault(s.key(), new StringBuilder())),
                    "stream " + s.key() + " of\n" + new String(wire, StandardCharsets.UTF_8) + "\nrewritten:\n"
                            + new String(chunked, StandardCharsets.UTF_8) + "\ntokens: " + known);
        }
    }

    /** Cuts text into 1 to 8 deltas at random places (between surrogates too). */
    private static void cut(Random r, String text, List<String> out) {
        int at = 0;
        for (int i = 0, n = r.nextInt(8); i < n && at < text.length(); i++) {
            int next = at + 1 + r.nextInt(Math.max(1, Math.min(20, text.length() - at)));
            out.add(text.substring(at, Math.min(next, text.length())));
            at = Math.min(next, text.length());
        }
        if (at < text.length() || out.isEmpty()) {
            out.add(text.substring(at));
        }
    }

    /** The streams' deltas as SSE events, interleaved at random, then the closing events. */
    private static byte[] events(Random r, List<Stream> streams, boolean responsesApi) throws Exception {
        String eol = r.nextInt(4) == 0 ? "\r\n" : "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] next = new int[streams.size()];
        int left = streams.stream().mapToInt(s -> s.deltas().size()).sum();
        while (left > 0) {
            int i = r.nextInt(streams.size());
            Stream s = streams.get(i);
            if (next[i] == s.deltas().size()) {
                continue;
            }
            String delta = s.deltas().get(next[i]++);
            left--;
            boolean lastOfStream = next[i] == s.deltas().size();
            String[] k = s.key().split("\\|");
            ObjectNode e = JSON.createObjectNode();
            if (responsesApi) {
                e.put("type", k[0] + ".delta").put("item_id", k[1]).put("output_index", 0).put("content_index", 0)
                        .put("delta", delta);
                event(out, r.nextBoolean() ? k[0] + ".delta" : null, e, eol);
                if (lastOfStream) {
                    ObjectNode done = JSON.createObjectNode().put("type", k[0] + ".done").put("item_id", k[1])
                            .put("output_index", 0).put("content_index", 0);
                    event(out, null, done, eol);
                }
            } else {
                e.put("id", "c").put("object", "chat.completion.chunk").put("created", 1).put("model", "llama");
                ObjectNode choice = e.putArray("choices").addObject().put("index", Integer.parseInt(k[1]));
                ObjectNode d = choice.putObject("delta");
                if (k[0].equals("tool")) {
                    d.putArray("tool_calls").addObject().put("index", 0).putObject("function").put("arguments", delta);
                } else {
                    d.put("content", delta);
                }
                // Some servers put the finish reason on the last content chunk itself.
                boolean finishHere = lastOfStream && r.nextBoolean();
                if (finishHere) {
                    choice.put("finish_reason", "stop");
                } else {
                    choice.putNull("finish_reason");
                }
                event(out, null, e, eol);
                if (lastOfStream && !finishHere) {
                    ObjectNode f = JSON.createObjectNode().put("id", "c").put("object", "chat.completion.chunk")
                            .put("created", 1).put("model", "llama");
                    f.putArray("choices").addObject().put("index", Integer.parseInt(k[1])).put("finish_reason", "stop")
                            .putObject("delta");
                    event(out, null, f, eol);
                }
            }
            if (r.nextInt(6) == 0) {
                out.writeBytes((": keep-alive" + eol + eol).getBytes(StandardCharsets.UTF_8));
            }
        }
        if (responsesApi) {
            event(out, "response.completed", JSON.createObjectNode().put("type", "response.completed"), eol);
        } else {
            out.writeBytes(("data: [DONE]" + eol + eol).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static void event(ByteArrayOutputStream out, String name, JsonNode data, String eol) throws Exception {
        String head = name == null ? "" : "event: " + name + eol;
        out.writeBytes((head + "data: " + escapeLoneSurrogates(JSON.writeValueAsString(data)) + eol + eol)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A delta may end or start with half of a surrogate pair; a server sends that half escaped. */
    private static String escapeLoneSurrogates(String json) {
        StringBuilder b = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < json.length()
                    && Character.isLowSurrogate(json.charAt(i + 1));
            if (paired) {
                b.append(c).append(json.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Splits bytes at random places: inside UTF-8 sequences, line endings and tokens alike. */
    private static List<byte[]> split(Random r, byte[] b) {
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        while (at < b.length) {
            int len = r.nextInt(4) == 0 ? 1 : 1 + r.nextInt(Math.min(64, b.length - at));
            len = Math.min(len, b.length - at);
            out.add(java.util.Arrays.copyOfRange(b, at, at + len));
            at += len;
        }
        if (r.nextBoolean()) {
            out.add(new byte[0]);
        }
        return out;
    }

    private static byte[] rewrite(TokenMap tokens, List<byte[]> chunks) {
        SseRewriter sse = new SseRewriter(new ResponseRewriter(tokens, CLIENT_MODEL));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] c : chunks) {
            out.writeBytes(sse.feed(c));
        }
        out.writeBytes(sse.finish());
        return out.toByteArray();
    }

    /** Joins the re-hydrated deltas of each stream, read back from the rewritten events. */
    private static Map<String, StringBuilder> joinedDeltas(String out, boolean responsesApi) throws Exception {
        Map<String, StringBuilder> joined = new LinkedHashMap<>();
        for (String event : out.split("\n\n")) {
            StringBuilder data = new StringBuilder();
            for (String line : event.split("\n")) {
                if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
            if (data.length() == 0 || data.toString().equals("[DONE]")) {
                continue;
            }
            JsonNode e = JSON.readTree(data.toString());
            if (responsesApi) {
                String type = e.path("type").asText();
                if (type.endsWith(".delta")) {
                    String k = type.substring(0, type.length() - ".delta".length()) + "|" + e.path("item_id").asText();
                    joined.computeIfAbsent(k, x -> new StringBuilder()).append(e.path("delta").asText());
                }
                continue;
            }
            assertEquals(CLIENT_MODEL, e.path("model").asText(), "the client's model name is restored");
            for (JsonNode c : e.path("choices")) {
                int idx = c.path("index").asInt();
                JsonNode d = c.path("delta");
                if (d.has("content")) {
                    joined.computeIfAbsent("content|" + idx, x -> new StringBuilder()).append(d.path("content").asText());
                }
                for (JsonNode call : d.path("tool_calls")) {
                    joined.computeIfAbsent("tool|" + idx, x -> new StringBuilder())
                            .append(call.path("function").path("arguments").asText());
                }
            }
        }
        return joined;
    }

    /** The reference: each known token, longest first where two start at one place, becomes its value. */
    private static String rehydrate(String text, TokenMap tokens, List<String> known, boolean json) {
        List<String> longestFirst = new ArrayList<>(known);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder out = new StringBuilder();
        int i = 0;
        outer:
        while (i < text.length()) {
            for (String t : longestFirst) {
                if (text.startsWith(t, i)) {
                    String v = tokens.rehydrate(t, false);
                    out.append(json ? TokenMap.escapeJson(v) : v);
                    i += t.length();
                    continue outer;
                }
            }
            out.append(text.charAt(i++));
        }
        return out.toString();
    }
}
