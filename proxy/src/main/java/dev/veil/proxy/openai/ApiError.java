package dev.veil.proxy.openai;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * An error for the client in OpenAI's shape, {@code {"error":{"message","type","param","code"}}}.
 * The one place Veil builds error bodies. Messages name types, counts and fields, never values
 * taken from the request.
 */
public record ApiError(ErrorKind kind, String message, String param) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ApiError {
        requireNonNull(kind, "kind");
        requireNonNull(message, "message");
    }

    public static ApiError of(ErrorKind kind, String message) {
        return new ApiError(kind, message, null);
    }

    /** The JSON body, e.g. {@code {"error":{"message":"...","type":"...","param":null,"code":"..."}}}. */
    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", kind.type());
        error.put("param", param);
        error.put("code", kind.code());
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: serializing a tree of strings", e);
        }
    }

    /** A complete HTTP response carrying this error. */
    public FullHttpResponse toResponse(ByteBufAllocator alloc) {
        byte[] body = toJson();
        ByteBuf buf = alloc.buffer(body.length).writeBytes(body);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, kind.status(), buf);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return r;
    }

    /** This error as a server-sent event, the last event of a stream that failed midway. */
    public ByteBuf toSseEvent(ByteBufAllocator alloc) {
        byte[] body = toJson();
        ByteBuf buf = alloc.buffer(body.length + 16);
        buf.writeCharSequence("data: ", StandardCharsets.US_ASCII);
        buf.writeBytes(body);
        buf.writeCharSequence("\n\n", StandardCharsets.US_ASCII);
        return buf;
    }
}
