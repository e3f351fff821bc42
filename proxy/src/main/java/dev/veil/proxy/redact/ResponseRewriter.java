package dev.veil.proxy.redact;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites an upstream response for the client: pseudonym tokens become the values they stand for
 * again, and an internal model's name becomes the model the client asked for. Works on whole JSON
 * bodies and on the JSON payloads of server-sent events, chat-completion chunks and Responses API
 * events alike.
 *
 * <p>In streams, text arrives in deltas and a token may be split across two of them: each stream
 * of deltas (a choice's content, one tool call's arguments, one output item's text) keeps back only
 * the trailing characters that may begin a known token, and releases them with the next delta or
 * when that stream of deltas ends. Deltas that cannot hold part of a token pass at once.
 *
 * <p>One instance per response; not thread-safe.
 */
public final class ResponseRewriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenMap tokens;
    private final String clientModel;
    /** Open delta streams by key, in order of first appearance. */
    private final Map<String, DeltaStream> streams = new LinkedHashMap<>();

    /**
     * @param tokens the request's pseudonyms (may be empty)
     * @param clientModel the model name the client asked for, to show instead of the upstream's;
     *     null to leave {@code model} fields alone
     */
    public ResponseRewriter(TokenMap tokens, String clientModel) {
        this.tokens = requireNonNull(tokens, "tokens");
        this.clientModel = clientModel;
    }

    /** Whether a response needs rewriting at all; if not, relay it untouched. */
    public static boolean needed(TokenMap tokens, String clientModel) {
        return !tokens.isEmpty() || clientModel != null;
    }

    /** Rewrites a whole JSON body; a body that is not JSON is re-hydrated as text. */
    public String rewriteBody(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return tokens.rehydrate(body, false);
        }
        if (root == null) {
            return body;
        }
        rewriteAll(root, null, null);
        return write(root);
    }

    /**
     * Rewrites the data of one server-sent event. Returns the data payloads to send in its place:
     * usually one, more when held-back text has to be released first, none never.
     */
    public List<String> rewriteEvent(String data) {
        if (data.equals("[DONE]")) {
            List<String> out = closeAll();
            out.add(data);
            return out;
        }
        JsonNode root;
        try {
            root = JSON.readTree(data);
        } catch (JsonProcessingException e) {
            return new ArrayList<>(List.of(tokens.rehydrate(data, false)));
        }
        if (!(root instanceof ObjectNode event)) {
            return new ArrayList<>(List.of(data));
        }
        List<String> out = new ArrayList<>();
        String type = event.path("type").asText("");
        if (event.path("object").asText("").equals("chat.completion.chunk")) {
            chatChunk(event, out);
        } else if (type.endsWith(".delta") && event.get("delta") instanceof TextNode) {
            String key = type + "/" + event.path("item_id").asText(event.path("output_index").asText(""))
                    + "/" + event.path("content_index").asText("");
            event.put("delta", stream(key, event, "delta", type.contains("arguments")).push(event.get("delta").asText()));
        } else if (type.endsWith(".done") || type.equals("response.completed")) {
            out.addAll(closeMatching(type.equals("response.completed") ? ""
                    : type.substring(0, type.length() - ".done".length()) + ".delta/"
                            + event.path("item_id").asText(event.path("output_index").asText("")) + "/"));
            rewriteAll(event, null, null);
        } else {
            rewriteAll(event, null, null);
        }
        out.add(write(event));
        return out;
    }

    /** Releases whatever is still held back, as extra events; call at the end of the stream. */
    public List<String> finish() {
        return closeAll();
    }

    private void chatChunk(ObjectNode chunk, List<String> out) {
        rewriteModel(chunk);
        for (JsonNode c : chunk.path("choices")) {
            if (!(c instanceof ObjectNode choice)) {
                continue;
            }
            String idx = choice.path("index").asText("0");
            // The last chunk of a choice may carry text as well as the finish reason: its held-back
            // tail then goes into this chunk, after its text, rather than into an event before it.
            boolean finishing = !choice.path("finish_reason").isNull() && choice.has("finish_reason");
            JsonNode delta = choice.get("delta");
            if (delta instanceof ObjectNode d) {
                for (String field : List.of("content", "refusal", "reasoning_content")) {
                    if (d.get(field) instanceof TextNode t) {
                        d.put(field, push("c" + idx + "/" + field, chunk, idx, List.of(field), false, t.asText(),
                                finishing));
                    }
                }
                if (d.get("tool_calls") instanceof ArrayNode calls) {
                    for (JsonNode call : calls) {
                        JsonNode fn = call.path("function");
                        if (fn instanceof ObjectNode f && f.get("arguments") instanceof TextNode args) {
                            String tool = call.path("index").asText("0");
                            f.put("arguments", push("c" + idx + "/tool" + tool, chunk, idx,
                                    List.of("tool_calls", tool), true, args.asText(), finishing));
                        }
                    }
                }
            }
            if (finishing) {
                out.addAll(closeMatching("c" + idx + "/"));
            }
        }
    }

    /** Pushes a delta of a chat stream; when the choice is finishing, its held-back tail too. */
    private String push(String key, ObjectNode chunk, String choiceIndex, List<String> where, boolean json,
            String delta, boolean finishing) {
        DeltaStream stream = chatStream(key, chunk, choiceIndex, where, json);
        String ready = stream.push(delta);
        if (!finishing) {
            return ready;
        }
        streams.remove(key);
        return ready + stream.flush();
    }

    private DeltaStream chatStream(String key, ObjectNode chunk, String choiceIndex, List<String> where, boolean json) {
        return streams.computeIfAbsent(key, k -> new DeltaStream(chunkTemplate(chunk, choiceIndex, where), json));
    }

    private DeltaStream stream(String key, ObjectNode event, String field, boolean json) {
        return streams.computeIfAbsent(key, k -> {
            ObjectNode template = event.deepCopy();
            return new DeltaStream(new Template(template, template, field), json);
        });
    }

    /** An empty chunk for one choice, whose delta field receives released text. */
    private static Template chunkTemplate(ObjectNode chunk, String choiceIndex, List<String> where) {
        ObjectNode t = chunk.deepCopy();
        ArrayNode choices = t.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", Integer.parseInt(choiceIndex));
        ObjectNode delta = choice.putObject("delta");
        choice.putNull("finish_reason");
        if (where.get(0).equals("tool_calls")) {
            ObjectNode call = delta.putArray("tool_calls").addObject();
            call.put("index", Integer.parseInt(where.get(1)));
            return new Template(t, call.putObject("function"), "arguments");
        }
        return new Template(t, delta, where.get(0));
    }

    private List<String> closeMatching(String prefix) {
        List<String> out = new ArrayList<>();
        streams.entrySet().removeIf(e -> {
            if (!e.getKey().startsWith(prefix)) {
                return false;
            }
            String rest = e.getValue().flush();
            if (!rest.isEmpty()) {
                out.add(e.getValue().template.emit(rest));
            }
            return true;
        });
        return out;
    }

    private List<String> closeAll() {
        return closeMatching("");
    }

    /** Replaces tokens in every string of a JSON tree; {@code arguments} strings are JSON text. */
    private void rewriteAll(JsonNode node, ObjectNode parent, String key) {
        if (node instanceof ObjectNode obj) {
            rewriteModel(obj);
            List<String> names = new ArrayList<>();
            obj.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                rewriteAll(obj.get(name), obj, name);
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                JsonNode child = arr.get(i);
                if (child.isTextual()) {
                    arr.set(i, TextNode.valueOf(tokens.rehydrate(child.asText(), false)));
                } else {
                    rewriteAll(child, null, null);
                }
            }
        } else if (node.isTextual() && parent != null && !"model".equals(key)) {
            String text = node.asText();
            String out = tokens.rehydrate(text, "arguments".equals(key));
            if (!out.equals(text)) {
                parent.put(key, out);
            }
        }
    }

    private void rewriteModel(ObjectNode obj) {
        if (clientModel != null && obj.get("model") instanceof TextNode) {
            obj.put("model", clientModel);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: serializing a tree", e);
        }
    }

    /** Where released text goes: a copy of an event with one text field to fill. */
    private record Template(ObjectNode event, ObjectNode holder, String field) {
        String emit(String text) {
            holder.put(field, text);
            return write(event);
        }
    }

    /** One stream of deltas with its held-back tail. */
    private final class DeltaStream {
        final Template template;
        final boolean json;
        String pending = "";

        DeltaStream(Template template, boolean json) {
            this.template = template;
            this.json = json;
        }

        String push(String delta) {
            String text = pending.isEmpty() ? delta : pending + delta;
            int keep = tokens.holdback(text);
            if (keep == 0 && !text.isEmpty() && Character.isHighSurrogate(text.charAt(text.length() - 1))) {
                // Half of a character the next delta completes: alone, it cannot be encoded.
                keep = 1;
            }
            String ready = text.substring(0, text.length() - keep);
            pending = text.substring(text.length() - keep);
            return tokens.rehydrate(ready, json);
        }

        String flush() {
            String rest = tokens.rehydrate(pending, json);
            pending = "";
            return rest;
        }
    }
}
