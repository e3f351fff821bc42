package dev.veil.proxy.openai;

import java.util.List;
import java.util.Optional;

/**
 * The OpenAI endpoints Veil serves, with the body fields each requires. A request to any other
 * path gets 404.
 */
public enum Endpoint {
    CHAT_COMPLETIONS("/v1/chat/completions", "POST", List.of("model", "messages")),
    COMPLETIONS("/v1/completions", "POST", List.of("model", "prompt")),
    EMBEDDINGS("/v1/embeddings", "POST", List.of("model", "input")),
    RESPONSES("/v1/responses", "POST", List.of("model")),
    MODELS("/v1/models", "GET", List.of());

    private final String path;
    private final String method;
    private final List<String> requiredFields;

    Endpoint(String path, String method, List<String> requiredFields) {
        this.path = path;
        this.method = method;
        this.requiredFields = requiredFields;
    }

    public String path() {
        return path;
    }

    public String method() {
        return method;
    }

    public List<String> requiredFields() {
        return requiredFields;
    }

    /** The path below {@code /v1}, as appended to an upstream's base URL. */
    public String upstreamPath() {
        return path.substring("/v1".length());
    }

    public static Optional<Endpoint> forPath(String path) {
        for (Endpoint e : values()) {
            if (e.path.equals(path)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
