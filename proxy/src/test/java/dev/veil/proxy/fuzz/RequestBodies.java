package dev.veil.proxy.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random OpenAI request bodies: valid chat-completions, completions, embeddings and Responses
 * bodies with every kind of field a client may send (history, content parts, tools, tool calls,
 * metadata, schemas), then, for most cases, damaged: wrong types, deep nesting, huge strings, and
 * byte-level mutations (flips, truncation, invalid UTF-8, escaped lone surrogates).
 *
 * <p>Stateless; thread-safe.
 */
public final class RequestBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The endpoints with a JSON body, by path. */
    public static final List<String> PATHS = List.of("/v1/chat/completions", "/v1/completions", "/v1/embeddings",
            "/v1/responses");

    private RequestBodies() {
    }

    /** A valid body for the endpoint at {@code path}, as a tree. */
    public static ObjectNode valid(Random r, String path) {
        ObjectNode body = NODES.objectNode().put("model", r.nextBoolean() ? "gpt-4o-mini" : RandomText.next(r, 3));
        switch (path) {
            case "/v1/chat/completions" -> {
                ArrayNode messages = body.putArray("messages");
                int n = 1 + r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    messages.add(message(r));
                }
                if (r.nextInt(3) == 0) {
                    body.set("tools", tools(r));
                }
            }
            case "/v1/completions" -> body.set("prompt", r.nextInt(4) == 0 ? stringArray(r) : text(r));
            case "/v1/embeddings" -> body.set("input", r.nextInt(3) == 0 ? stringArray(r) : text(r));
            default -> {
                if (r.nextBoolean()) {
                    body.set("input", text(r));
                } else {
                    ArrayNode input = body.putArray("input");
                    for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
                        input.add(message(r));
                    }
                }
                if (r.nextBoolean()) {
                    body.set("instructions", text(r));
                }
            }
        }
        if (r.nextInt(3) == 0) {
            body.put("stream", r.nextBoolean());
        }
        if (r.nextInt(3) == 0) {
            body.set("user", text(r));
        }
        if (r.nextInt(3) == 0) {
            ObjectNode metadata = body.putObject("metadata");
            for (int i = 0, n = r.nextInt(4); i < n; i++) {
                metadata.set(key(r), text(r));
            }
        }
        if (r.nextInt(4) == 0) {
            body.set(key(r), anyValue(r, 3));
        }
        return body;
    }

    private static ObjectNode message(Random r) {
        String[] roles = {"system", "developer", "user", "assistant", "tool"};
        ObjectNode m = NODES.objectNode().put("role", roles[r.nextInt(roles.length)]);
        switch (r.nextInt(4)) {
            case 0 -> {
                ArrayNode parts = m.putArray("content");
                for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
                    parts.addObject().put("type", "text").set("text", text(r));
                }
            }
            case 1 -> {
                m.putNull("content");
                ObjectNode call = m.putArray("tool_calls").addObject().put("id", "call_" + r.nextInt(99))
                        .put("type", "function");
                ObjectNode args = NODES.objectNode();
                args.set(key(r), text(r));
                call.putObject("function").put("name", "lookup").put("arguments", args.toString());
            }
            default -> m.set("content", text(r));
        }
        if (r.nextInt(5) == 0) {
            m.set("name", text(r));
        }
        return m;
    }

    private static ArrayNode tools(Random r) {
        ArrayNode tools = NODES.arrayNode();
        ObjectNode fn = tools.addObject().put("type", "function").putObject("function").put("name", "lookup");
        fn.set("description", text(r));
        ObjectNode params = fn.putObject("parameters").put("type", "object");
        ObjectNode props = params.putObject("properties");
        for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
            props.putObject(key(r)).put("type", "string").set("description", text(r));
        }
        return tools;
    }

    private static ArrayNode stringArray(Random r) {
        ArrayNode a = NODES.arrayNode();
        for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
            a.add(text(r));
        }
        return a;
    }

    /** A string value: usually short and odd, sometimes huge. */
    static JsonNode text(Random r) {
        if (r.nextInt(40) == 0) {
            return NODES.textNode(RandomText.next(r, 4).repeat(1 + r.nextInt(20_000)));
        }
        return NODES.textNode(RandomText.marker(r) + RandomText.next(r, 12));
    }

    /**
     * A key: usually a word, sometimes text with dots, brackets and braces, the characters that
     * build field paths.
     */
    static String key(Random r) {
        String[] odd = {".", "[0]", "{key}", "a.b", "[", "]", "{", "}", "\"", "..", ""};
        return switch (r.nextInt(4)) {
            case 0 -> RandomText.next(r, 4);
            case 1 -> "k" + r.nextInt(5) + odd[r.nextInt(odd.length)] + (r.nextBoolean() ? "" : "x" + r.nextInt(5));
            default -> "field_" + r.nextInt(8);
        };
    }

    static JsonNode anyValue(Random r, int depth) {
        int kind = depth <= 0 ? r.nextInt(4) : r.nextInt(6);
        return switch (kind) {
            case 0 -> text(r);
            case 1 -> NODES.numberNode(r.nextInt());
            case 2 -> NODES.booleanNode(r.nextBoolean());
            case 3 -> NODES.nullNode();
            case 4 -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = 0, n = r.nextInt(3); i < n; i++) {
                    a.add(anyValue(r, depth - 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                for (int i = 0, n = r.nextInt(3); i < n; i++) {
                    o.set(key(r), anyValue(r, depth - 1));
                }
                yield o;
            }
        };
    }

    /**
     * A body for {@code path}: a valid one, or (most of the time) one damaged at the tree level,
     * the byte level, or both.
     */
    public static byte[] next(Random r, String path) {
        ObjectNode body = valid(r, path);
        int damage = r.nextInt(10);
        if (damage >= 3 && damage < 6) {
            replaceRandomNode(r, body);
        }
        if (damage == 6) {
            nest(r, body);
        }
        byte[] bytes = bytes(body);
        if (damage >= 5) {
            bytes = Mutations.mutate(r, bytes, 1 + r.nextInt(4));
        }
        return bytes;
    }

    /** Replaces one node anywhere in the tree by a value of a random type. */
    private static void replaceRandomNode(Random r, ObjectNode body) {
        List<JsonNode> containers = new ArrayList<>();
        collect(body, containers);
        JsonNode c = containers.get(r.nextInt(containers.size()));
        if (c instanceof ObjectNode o && o.size() > 0) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            o.set(names.get(r.nextInt(names.size())), anyValue(r, 2));
        } else if (c instanceof ArrayNode a && a.size() > 0) {
            a.set(r.nextInt(a.size()), anyValue(r, 2));
        }
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            n.elements().forEachRemaining(c -> collect(c, out));
        }
    }

    /** Buries a field's value under 1 to 200 levels of arrays and objects (the limit is 128). */
    private static void nest(Random r, ObjectNode body) {
        JsonNode v = text(r);
        for (int i = 0, depth = 1 + r.nextInt(200); i < depth; i++) {
            v = r.nextBoolean() ? NODES.arrayNode().add(v) : NODES.objectNode().set(key(r), v);
        }
        body.set("deep", v);
    }

    public static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Byte-level damage. */
    public static final class Mutations {

        /** Sequences that are not UTF-8, or are JSON escapes of lone surrogates. */
        private static final byte[][] NASTY = {
            {(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82},
            "\\ud800".getBytes(StandardCharsets.US_ASCII), "\\udc00x".getBytes(StandardCharsets.US_ASCII),
            "\\uD83D\\uDE00".getBytes(StandardCharsets.US_ASCII), "\\u0000".getBytes(StandardCharsets.US_ASCII),
            "\\".getBytes(StandardCharsets.US_ASCII), "\"".getBytes(StandardCharsets.US_ASCII),
            "}".getBytes(StandardCharsets.US_ASCII), "]".getBytes(StandardCharsets.US_ASCII),
            ",".getBytes(StandardCharsets.US_ASCII), "1e999999".getBytes(StandardCharsets.US_ASCII),
            "-".getBytes(StandardCharsets.US_ASCII), "NaN".getBytes(StandardCharsets.US_ASCII),
            "9".repeat(2000).getBytes(StandardCharsets.US_ASCII), {0},
        };

        private Mutations() {
        }

        public static byte[] mutate(Random r, byte[] in, int times) {
            byte[] b = in;
            for (int t = 0; t < times; t++) {
                b = once(r, b);
            }
            return b;
        }

        private static byte[] once(Random r, byte[] b) {
            if (b.length == 0) {
                return NASTY[r.nextInt(NASTY.length)].clone();
            }
            int at = r.nextInt(b.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 16);
            switch (r.nextInt(7)) {
                case 0 -> { // flip one bit
                    byte[] c = b.clone();
                    c[at] ^= (byte) (1 << r.nextInt(8));
                    return c;
                }
                case 1 -> { // truncate
                    return java.util.Arrays.copyOf(b, at);
                }
                case 2 -> { // delete a range
                    int len = 1 + r.nextInt(Math.min(16, b.length - at));
                    out.write(b, 0, at);
                    out.write(b, at + len, b.length - at - len);
                }
                case 3 -> { // duplicate a range
                    int len = 1 + r.nextInt(Math.min(32, b.length - at));
                    out.write(b, 0, at + len);
                    out.write(b, at, b.length - at);
                }
                case 4 -> { // a random byte
                    byte[] c = b.clone();
                    c[at] = (byte) r.nextInt(256);
                    return c;
                }
                default -> { // insert something nasty
                    out.write(b, 0, at);
                    out.writeBytes(NASTY[r.nextInt(NASTY.length)]);
                    out.write(b, at, b.length - at);
                }
            }
            return out.toByteArray();
        }
    }
}
