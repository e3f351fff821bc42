package dev.veil.proxy.auth;

import java.util.List;

/** The key file cannot be used; each problem reads {@code file:line:column: message} and holds no key material. */
public final class ApiKeyFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ApiKeyFileException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
