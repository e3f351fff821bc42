package dev.veil.proxy.openai;

/** A request Veil refuses, carrying the error the client gets. */
public final class ApiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ApiError error;

    public ApiException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public ApiException(ErrorKind kind, String message) {
        this(ApiError.of(kind, message));
    }

    public ApiException(ErrorKind kind, String message, String param) {
        this(new ApiError(kind, message, param));
    }

    public ApiError error() {
        return error;
    }
}
