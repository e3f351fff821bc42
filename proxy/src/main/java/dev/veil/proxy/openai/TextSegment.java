package dev.veil.proxy.openai;

import static java.util.Objects.requireNonNull;

import java.util.function.Consumer;

/**
 * One piece of text in a request body, at a field path such as
 * {@code messages[3].tool_calls[0].function.arguments}, with a way to replace it in the body
 * (for redaction).
 */
public record TextSegment(String path, String text, Consumer<String> replacer) {

    public TextSegment {
        requireNonNull(path, "path");
        requireNonNull(text, "text");
        requireNonNull(replacer, "replacer");
    }

    /** Replaces this segment's text in the request body. */
    public void replace(String newText) {
        replacer.accept(newText);
    }
}
