package dev.veil.proxy.openai;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Every error Veil itself returns, with its HTTP status and the {@code type} and {@code code}
 * fields of OpenAI's error shape.
 */
public enum ErrorKind {
    INVALID_JSON(HttpResponseStatus.BAD_REQUEST, "invalid_request_error", "invalid_json"),
    INVALID_REQUEST(HttpResponseStatus.BAD_REQUEST, "invalid_request_error", "invalid_request"),
    UNAUTHENTICATED(HttpResponseStatus.UNAUTHORIZED, "authentication_error", "invalid_api_key"),
    BLOCKED(HttpResponseStatus.FORBIDDEN, "policy_violation", "blocked_by_policy"),
    NOT_FOUND(HttpResponseStatus.NOT_FOUND, "invalid_request_error", "unknown_url"),
    METHOD_NOT_ALLOWED(HttpResponseStatus.METHOD_NOT_ALLOWED, "invalid_request_error", "method_not_allowed"),
    TOO_LARGE(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "invalid_request_error", "request_too_large"),
    HEADERS_TOO_LARGE(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "invalid_request_error", "headers_too_large"),
    UPSTREAM_UNREACHABLE(HttpResponseStatus.BAD_GATEWAY, "upstream_error", "upstream_unreachable"),
    UPSTREAM_FAILED(HttpResponseStatus.BAD_GATEWAY, "upstream_error", "upstream_failed"),
    UPSTREAM_TIMEOUT(HttpResponseStatus.GATEWAY_TIMEOUT, "upstream_error", "upstream_timeout"),
    UPSTREAM_CIRCUIT_OPEN(HttpResponseStatus.SERVICE_UNAVAILABLE, "upstream_error", "upstream_circuit_open"),
    INTERNAL_UPSTREAM_UNAVAILABLE(HttpResponseStatus.SERVICE_UNAVAILABLE, "upstream_error", "internal_upstream_unavailable"),
    AUDIT_UNAVAILABLE(HttpResponseStatus.SERVICE_UNAVAILABLE, "server_error", "audit_unavailable"),
    OVERLOADED(HttpResponseStatus.SERVICE_UNAVAILABLE, "server_error", "overloaded"),
    INTERNAL(HttpResponseStatus.INTERNAL_SERVER_ERROR, "server_error", "internal_error");

    private final HttpResponseStatus status;
    private final String type;
    private final String code;

    ErrorKind(HttpResponseStatus status, String type, String code) {
        this.status = status;
        this.type = type;
        this.code = code;
    }

    public HttpResponseStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }
}
