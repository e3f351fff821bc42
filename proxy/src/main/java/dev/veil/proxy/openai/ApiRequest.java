package dev.veil.proxy.openai;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;

/**
 * A parsed and validated OpenAI request body. The body is held as a tree; what is forwarded
 * upstream is this tree serialized again, never the client's bytes, so the upstream reads exactly
 * what Veil scanned.
 *
 * <p>Not thread-safe: one instance belongs to one request.
 */
public final class ApiRequest {

    /** Nesting deeper than this is refused: no real request needs it, and it costs stack. */
    static final int MAX_NESTING_DEPTH = 128;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(Integer.MAX_VALUE)
                .build());
    }

    private final Endpoint endpoint;
    private final ObjectNode body;
    private final String model;
    private final boolean stream;

    private ApiRequest(Endpoint endpoint, ObjectNode body, String model, boolean stream) {
        this.endpoint = endpoint;
        this.body = body;
        this.model = model;
        this.stream = stream;
    }

    /**
     * Parses a request body: UTF-8 JSON, an object, with the endpoint's required fields of the
     * right types.
     *
     * @throws ApiException with a 400 error naming the problem (never echoing the body)
     */
    public static ApiRequest parse(Endpoint endpoint, byte[] bytes) throws ApiException {
        requireNonNull(endpoint, "endpoint");
        requireValidUtf8(bytes);
        JsonNode root;
        try (JsonParser p = JSON.getFactory().createParser(bytes)) {
            root = JSON.readTree(p);
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorKind.INVALID_JSON,
                    "We could not parse the JSON body of your request: " + describe(e)
                            + ". Send a valid JSON object.");
        } catch (IOException e) {
            throw new ApiException(ErrorKind.INVALID_JSON, "We could not read the JSON body of your request.");
        }
        if (root == null || root.isMissingNode()) {
            throw new ApiException(ErrorKind.INVALID_JSON, "The request body is empty; send a JSON object.");
        }
        if (!root.isObject()) {
            throw new ApiException(ErrorKind.INVALID_REQUEST, "The request body must be a JSON object.");
        }
        ObjectNode body = (ObjectNode) root;
        for (String field : endpoint.requiredFields()) {
            if (!body.hasNonNull(field)) {
                throw new ApiException(ErrorKind.INVALID_REQUEST, "Missing required parameter: '" + field + "'.", field);
            }
        }
        JsonNode model = body.get("model");
        if (model != null && !model.isTextual()) {
            throw new ApiException(ErrorKind.INVALID_REQUEST, "'model' must be a string.", "model");
        }
        JsonNode messages = body.get("messages");
        if (endpoint == Endpoint.CHAT_COMPLETIONS) {
            if (!messages.isArray() || messages.isEmpty()) {
                throw new ApiException(ErrorKind.INVALID_REQUEST, "'messages' must be a non-empty array.", "messages");
            }
            for (int i = 0; i < messages.size(); i++) {
                if (!messages.get(i).isObject()) {
                    throw new ApiException(ErrorKind.INVALID_REQUEST,
                            "'messages[" + i + "]' must be an object.", "messages[" + i + "]");
                }
            }
        }
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw new ApiException(ErrorKind.INVALID_REQUEST, "'stream' must be a boolean.", "stream");
        }
        return new ApiRequest(endpoint, body, model == null ? "" : model.textValue(),
                stream != null && stream.asBoolean(false));
    }

    private static void requireValidUtf8(byte[] bytes) throws ApiException {
        if (!Utf8.isValid(bytes)) {
            throw new ApiException(ErrorKind.INVALID_JSON, "The request body is not valid UTF-8.");
        }
    }

    /** Parser messages may quote the input; keep only the location. */
    private static String describe(JsonProcessingException e) {
        var loc = e.getLocation();
        String what = e.getOriginalMessage();
        String reason = what != null && what.startsWith("Document nesting depth")
                ? "nesting deeper than " + MAX_NESTING_DEPTH + " levels"
                : what != null && what.startsWith("Duplicate field") ? "a field appears twice in one object"
                : "syntax error";
        return loc == null ? reason : reason + " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The body tree; redaction and model mapping change it before it is serialized for the upstream. */
    public ObjectNode body() {
        return body;
    }

    /** The model the client asked for. */
    public String model() {
        return model;
    }

    public boolean stream() {
        return stream;
    }

    /** Sets the model sent upstream; the client's requested model stays {@link #model()}. */
    public void mapModel(String upstreamModel) {
        if (!upstreamModel.equals(model) && body.has("model")) {
            body.set("model", TextNode.valueOf(upstreamModel));
        }
    }

    /** The body as it will be sent upstream. */
    public byte[] toBytes() {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: serializing a parsed tree", e);
        }
    }
}
