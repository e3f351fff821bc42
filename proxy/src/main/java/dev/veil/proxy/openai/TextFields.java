package dev.veil.proxy.openai;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects every text of a request body for scanning: every string value at any depth and every
 * object key, each with its field path. Walking the whole tree, rather than a list of known
 * fields, is what makes "every text field is scanned" hold for fields Veil does not know yet.
 *
 * <p>Content that no detector can read (images, audio, files, token-id arrays) is not scanned but
 * flagged, so that the policy can keep such requests internal.
 */
public final class TextFields {

    /** Keys whose value is media or a file, not text a detector can read. */
    private static final Set<String> MEDIA_KEYS = Set.of(
            "image_url", "input_image", "input_audio", "file", "input_file", "file_data", "image_data");

    /**
     * Field names of the OpenAI request formats. As keys they are protocol, not text a person
     * wrote, so they are not scanned (their values are); any other key is.
     */
    private static final Set<String> PROTOCOL_KEYS = Set.of(
            "model", "messages", "role", "content", "name", "tool_calls", "tool_call_id", "function",
            "arguments", "type", "text", "tools", "tool_choice", "parameters", "properties", "description",
            "required", "stream", "stream_options", "include_usage", "temperature", "top_p", "max_tokens",
            "max_completion_tokens", "stop", "user", "metadata", "response_format", "json_schema", "schema",
            "strict", "logprobs", "top_logprobs", "seed", "presence_penalty", "frequency_penalty", "logit_bias",
            "input", "instructions", "prompt", "url", "detail", "encoding_format", "dimensions",
            "reasoning_effort", "parallel_tool_calls", "service_tier", "store", "modalities", "audio",
            "prediction", "items", "enum", "format", "additionalProperties", "object", "previous_response_id",
            "reasoning", "summary", "truncation", "max_output_tokens", "include", "background", "refusal",
            "echo", "suffix", "best_of", "voice", "effort", "call_id", "output", "status");

    /** Keys written as they are in a field path; any other key is quoted. */
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    /** Keys whose value may be an array of token ids instead of text. */
    private static final Set<String> TOKEN_KEYS = Set.of("prompt", "input");

    private final List<TextSegment> segments = new ArrayList<>();
    private boolean unscannable;

    private TextFields() {
    }

    /** The text segments of {@code body} and whether it holds content that cannot be scanned. */
    public static TextFields of(JsonNode body) {
        TextFields f = new TextFields();
        f.walk(body, "", null, null, -1);
        return f;
    }

    public List<TextSegment> segments() {
        return segments;
    }

    public boolean unscannable() {
        return unscannable;
    }

    private void walk(JsonNode node, String path, JsonNode parent, String key, int index) {
        if (node.isTextual()) {
            addText(node.textValue(), path, parent, key, index);
        } else if (node.isObject()) {
            ObjectNode obj = (ObjectNode) node;
            List<String> keys = new ArrayList<>();
            obj.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                String childPath = childPath(path, k);
                addKey(obj, k, childPath);
                JsonNode child = obj.get(k);
                if (MEDIA_KEYS.contains(k) && !child.isNull()) {
                    unscannable = true;
                    continue;
                }
                if (TOKEN_KEYS.contains(k) && isTokenIds(child)) {
                    unscannable = true;
                    continue;
                }
                walk(child, childPath, obj, k, -1);
            }
        } else if (node.isArray()) {
            ArrayNode arr = (ArrayNode) node;
            for (int i = 0; i < arr.size(); i++) {
                walk(arr.get(i), path + "[" + i + "]", arr, null, i);
            }
        }
    }

    /**
     * The path of field {@code key} of the object at {@code path}: {@code a.b} for a plain key,
     * {@code a["x.y"]} (JSON-quoted) for any other, so that no two fields share a path however
     * their keys are spelt. Findings are looked up by path, so a shared path would apply one
     * field's findings to another's text.
     */
    static String childPath(String path, String key) {
        if (PLAIN_KEY.matcher(key).matches()) {
            return path.isEmpty() ? key : path + "." + key;
        }
        return path + "[\"" + new String(JsonStringEncoder.getInstance().quoteAsString(key)) + "\"]";
    }

    private void addText(String text, String path, JsonNode parent, String key, int index) {
        if (text.isEmpty()) {
            return;
        }
        if (text.regionMatches(true, 0, "data:", 0, 5) && text.indexOf(";base64,") > 0) {
            unscannable = true;
            return;
        }
        if (parent instanceof ObjectNode obj) {
            segments.add(new TextSegment(path, text, t -> obj.set(key, TextNode.valueOf(t))));
        } else if (parent instanceof ArrayNode arr) {
            segments.add(new TextSegment(path, text, t -> arr.set(index, TextNode.valueOf(t))));
        } else {
            segments.add(new TextSegment(path, text, t -> {
                throw new IllegalStateException("the body itself is a string");
            }));
        }
    }

    /**
     * Object keys are text the model reads too (JSON schema property names, metadata keys), except
     * the names of the protocol's own fields.
     */
    private void addKey(ObjectNode obj, String key, String path) {
        if (key.length() < 3 || PROTOCOL_KEYS.contains(key)) {
            return;
        }
        segments.add(new TextSegment(path + "{key}", key, renamed -> rename(obj, key, renamed)));
    }

    private static void rename(ObjectNode obj, String from, String to) {
        JsonNode value = obj.remove(from);
        if (value != null) {
            obj.set(to, value);
        }
    }

    private static boolean isTokenIds(JsonNode n) {
        if (!n.isArray() || n.isEmpty()) {
            return false;
        }
        JsonNode first = n.get(0);
        if (first.isIntegralNumber()) {
            return true;
        }
        return first.isArray() && !first.isEmpty() && first.get(0).isIntegralNumber();
    }

    /** For tests and diagnostics: the field paths in walk order. */
    List<String> paths() {
        List<String> p = new ArrayList<>();
        for (TextSegment s : segments) {
            p.add(s.path());
        }
        return p;
    }

}
