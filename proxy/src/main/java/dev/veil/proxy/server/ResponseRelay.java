package dev.veil.proxy.server;

import dev.veil.policy.Trust;
import dev.veil.proxy.config.UpstreamConfig;
import dev.veil.proxy.openai.ApiError;
import dev.veil.proxy.metrics.VeilMetrics;
import dev.veil.proxy.openai.ErrorKind;
import dev.veil.proxy.redact.ResponseRewriter;
import dev.veil.proxy.redact.SseRewriter;
import dev.veil.proxy.upstream.CircuitOpenException;
import dev.veil.proxy.upstream.EventStreamCheck;
import dev.veil.proxy.upstream.MalformedStreamException;
import dev.veil.proxy.upstream.UpstreamCall;
import dev.veil.proxy.upstream.UpstreamClient;
import dev.veil.proxy.upstream.UpstreamFailure;
import dev.veil.proxy.upstream.UpstreamListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays one upstream response to the client as it arrives: headers at once, then each body part
 * as soon as it comes, pulling the next part from the upstream only when the client has taken the
 * previous one. Server-sent events are therefore never buffered whole. A failure before the
 * response started becomes an OpenAI-shaped error, unless the request never reached the upstream
 * and a fallback upstream may take it; a failure mid-stream ends an event stream with an error
 * event. Event streams are checked as they pass ({@link EventStreamCheck}): a malformed one is
 * ended with an error event instead of relaying what the client could not parse.
 *
 * <p>Confined to the client connection's event loop.
 */
final class ResponseRelay implements UpstreamListener, UpstreamClient.CallAware {

    private static final Logger log = LoggerFactory.getLogger(ResponseRelay.class);
    /** Largest non-streamed body that is held whole to be re-hydrated. */
    private static final int MAX_REWRITTEN_BODY = 32 * 1024 * 1024;

    /** Upstream headers a client may rely on; everything else (cookies, server details) stays behind. */
    private static final List<String> PASSED_HEADERS = List.of("content-type", "openai-processing-ms",
            "openai-version", "retry-after", "x-ratelimit-limit-requests", "x-ratelimit-limit-tokens",
            "x-ratelimit-remaining-requests", "x-ratelimit-remaining-tokens", "x-ratelimit-reset-requests",
            "x-ratelimit-reset-tokens");

    private final ChannelHandlerContext ctx;
    private final Exchange exchange;
    private final UpstreamConfig upstream;
    private final Completion completion;
    private final ResponseRewriter rewriter;
    private final VeilMetrics metrics;
    private final long forwardedNanos;
    private final Consumer<UpstreamFailure> fallback;
    private EventStreamCheck check;
    private boolean streaming;
    private SseRewriter sse;
    private ByteArrayOutputStream whole;
    private UpstreamCall call;
    private boolean eventStream;
    private int status;
    private boolean ended;
    /** The response headers were written but not flushed yet. */
    private boolean headersUnflushed;

    /**
     * @param rewriter re-hydrates pseudonyms and restores the client's model name; null to relay the
     *     bytes untouched
     * @param fallback sends the request to the fallback upstream with a new relay, when the
     *     request never reached this upstream; null if there is none
     */
    ResponseRelay(ChannelHandlerContext ctx, Exchange exchange, UpstreamConfig upstream, boolean streamRequested,
            ResponseRewriter rewriter, VeilMetrics metrics, Completion completion,
            Consumer<UpstreamFailure> fallback) {
        this.fallback = fallback;
        this.ctx = ctx;
        this.metrics = metrics;
        this.forwardedNanos = System.nanoTime();
        this.rewriter = rewriter;
        this.exchange = exchange;
        this.upstream = upstream;
        this.completion = completion;
        this.eventStream = streamRequested;
    }

    @Override
    public void attach(UpstreamCall call) {
        this.call = call;
        if (ended) {
            call.cancel();
        }
    }

    @Override
    public boolean abandoned() {
        return ended;
    }

    @Override
    public void onResponse(HttpResponse upstreamResponse) {
        metrics.stage(VeilMetrics.Stage.UPSTREAM_FIRST_BYTE, System.nanoTime() - forwardedNanos);
        status = upstreamResponse.status().code();
        if (status >= 500) {
            metrics.upstreamError(upstream.name(), "status_5xx");
        } else if (status == 429) {
            metrics.upstreamError(upstream.name(), "status_429");
        }
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, upstreamResponse.status());
        HttpHeaders in = upstreamResponse.headers();
        for (String name : PASSED_HEADERS) {
            String v = in.get(name);
            if (v != null) {
                r.headers().set(name, v);
            }
        }
        String contentType = in.get(HttpHeaderNames.CONTENT_TYPE, "");
        eventStream = contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
        exchange.describeTo(r.headers());
        if (eventStream) {
            r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
            check = new EventStreamCheck();
            streaming = true;
            metrics.streamStarted();
        }
        if (rewriter != null) {
            if (eventStream) {
                sse = new SseRewriter(rewriter);
            } else {
                whole = new ByteArrayOutputStream();
            }
            HttpUtil.setTransferEncodingChunked(r, true);
        } else if (!eventStream && HttpUtil.isContentLengthSet(upstreamResponse)) {
            HttpUtil.setContentLength(r, HttpUtil.getContentLength(upstreamResponse));
        } else {
            HttpUtil.setTransferEncodingChunked(r, true);
        }
        if (!exchange.keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, "close");
        }
        // Flushed with the first body part if it came in the same read, else when the read is done.
        ctx.write(r);
        headersUnflushed = true;
    }

    @Override
    public void onReadComplete() {
        if (headersUnflushed && !ended) {
            headersUnflushed = false;
            ctx.flush();
        }
    }

    @Override
    public void onContent(HttpContent content, boolean last) {
        if (ended) {
            content.release();
            return;
        }
        exchange.responseBytes += content.content().readableBytes();
        ByteBuf body = content.content();
        if (check != null) {
            ByteBuf events = null;
            try {
                // The events are passed on as a slice of the buffer read, not copied.
                events = check.feed(body);
                if (last) {
                    check.finish();
                }
                body = events;
            } catch (MalformedStreamException e) {
                if (events != null) {
                    events.release();
                }
                call.reject();
                onFailure(UpstreamFailure.MALFORMED_STREAM, true, e);
                return;
            }
        }
        if (rewriter != null) {
            rewrite(body, last);
            return;
        }
        if (last) {
            ended = true;
            // Trailers of the upstream are not relayed.
            send(new DefaultLastHttpContent(body)).addListener(f ->
                    finish(status, exchange.keepAlive && f.isSuccess()));
            return;
        }
        if (!body.isReadable()) {
            body.release();
            call.readMore();
            return;
        }
        send(new DefaultHttpContent(body)).addListener(f -> {
            if (f.isSuccess()) {
                call.readMore();
            }
        });
    }

    /** The rewriting path: SSE events as they complete, other bodies whole at the end. */
    private void rewrite(ByteBuf content, boolean last) {
        byte[] in = ByteBufUtil.getBytes(content);
        content.release();
        byte[] out;
        try {
            if (sse != null) {
                out = last ? concat(sse.feed(in), sse.finish()) : sse.feed(in);
            } else {
                if (whole.size() + in.length > MAX_REWRITTEN_BODY) {
                    throw new IllegalStateException("response body too large to rewrite");
                }
                whole.write(in, 0, in.length);
                out = last ? rewriter.rewriteBody(whole.toString(StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8) : new byte[0];
            }
        } catch (RuntimeException e) {
            // Never relay what could not be re-hydrated: end the response as an upstream failure.
            call.cancel();
            onFailure(UpstreamFailure.BROKEN, true, e);
            return;
        }
        if (last) {
            ended = true;
            send(new DefaultLastHttpContent(Unpooled.wrappedBuffer(out))).addListener(f ->
                    finish(status, exchange.keepAlive && f.isSuccess()));
        } else if (out.length == 0) {
            call.readMore();
        } else {
            send(new DefaultHttpContent(Unpooled.wrappedBuffer(out))).addListener(f -> {
                if (f.isSuccess()) {
                    call.readMore();
                }
            });
        }
    }

    /** Writes a body part and flushes it, and with it the headers if they were still waiting. */
    private ChannelFuture send(HttpContent part) {
        headersUnflushed = false;
        return ctx.writeAndFlush(part);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public void onFailure(UpstreamFailure failure, boolean responseStarted, Throwable cause) {
        if (ended) {
            return;
        }
        ended = true;
        log.warn("request {}: upstream '{}' failed ({}{})", exchange.requestId, upstream.name(), failure,
                cause == null ? "" : ": " + cause.getClass().getSimpleName());
        metrics.upstreamError(upstream.name(), failure);
        if (!responseStarted && failure.requestNotSent() && fallback != null) {
            // Nothing reached the upstream and nothing reached the client: another upstream may answer.
            fallback.accept(failure);
            return;
        }
        if (!responseStarted) {
            ApiError error = errorFor(failure);
            FullHttpResponse r = error.toResponse(ctx.alloc());
            exchange.describeTo(r.headers());
            if (cause instanceof CircuitOpenException open) {
                long seconds = Math.max(1, (open.retryAfter().toMillis() + 999) / 1000);
                r.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString(seconds));
            }
            ctx.writeAndFlush(r);
            finish(error.kind().status().code(), exchange.keepAlive);
            return;
        }
        if (eventStream) {
            ApiError error = failure == UpstreamFailure.MALFORMED_STREAM
                    ? ApiError.of(ErrorKind.UPSTREAM_FAILED, "Upstream '" + upstream.name() + "' sent a malformed "
                            + "event stream (" + cause.getMessage() + "); the stream was ended.")
                    : ApiError.of(failure == UpstreamFailure.IDLE_TIMEOUT ? ErrorKind.UPSTREAM_TIMEOUT
                            : ErrorKind.UPSTREAM_FAILED, "The upstream stopped in the middle of the response.");
            ctx.write(new DefaultHttpContent(error.toSseEvent(ctx.alloc())));
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
        finish(502, false);
    }

    private void finish(int statusCode, boolean reuseConnection) {
        if (streaming) {
            streaming = false;
            metrics.streamEnded();
        }
        completion.finished(ctx, exchange, statusCode, reuseConnection);
    }

    /** The client went away: stop the upstream call and record it. */
    void clientGone() {
        if (!ended) {
            ended = true;
            if (call != null) {
                call.cancel();
            }
            finish(499, false);
        }
    }

    private ApiError errorFor(UpstreamFailure failure) {
        boolean internal = upstream.trust() == Trust.INTERNAL;
        return switch (failure) {
            case CONNECT -> internal
                    ? ApiError.of(ErrorKind.INTERNAL_UPSTREAM_UNAVAILABLE, "This request must stay on the "
                            + "self-hosted model '" + upstream.name() + "', which is unavailable. It was not sent "
                            + "anywhere else. Retry later or contact your administrator.")
                    : ApiError.of(ErrorKind.UPSTREAM_UNREACHABLE, "Veil could not connect to upstream '"
                            + upstream.name() + "'.");
            case TLS_HANDSHAKE -> internal
                    ? ApiError.of(ErrorKind.INTERNAL_UPSTREAM_UNAVAILABLE, "This request must stay on the "
                            + "self-hosted model '" + upstream.name() + "', whose TLS handshake failed. It was not "
                            + "sent anywhere else. Retry later or contact your administrator.")
                    : ApiError.of(ErrorKind.UPSTREAM_UNREACHABLE, "Veil could not make a TLS connection to "
                            + "upstream '" + upstream.name() + "' (the handshake failed); the request was not sent.");
            case CIRCUIT_OPEN -> internal
                    ? ApiError.of(ErrorKind.INTERNAL_UPSTREAM_UNAVAILABLE, "This request must stay on the "
                            + "self-hosted model '" + upstream.name() + "', which is failing and is given a pause "
                            + "(circuit open). It was not sent anywhere else. Retry later or contact your administrator.")
                    : ApiError.of(ErrorKind.UPSTREAM_CIRCUIT_OPEN, "Upstream '" + upstream.name() + "' is failing "
                            + "and Veil is giving it a pause (circuit open); the request was not sent. Retry after "
                            + "the time in the Retry-After header.");
            case CONNECT_TIMEOUT, TIMEOUT, IDLE_TIMEOUT -> ApiError.of(ErrorKind.UPSTREAM_TIMEOUT, "Upstream '"
                    + upstream.name() + "' did not answer in time."
                    + (internal ? " The request was not sent anywhere else." : ""));
            case BROKEN, MALFORMED_STREAM -> ApiError.of(ErrorKind.UPSTREAM_FAILED, "Upstream '" + upstream.name()
                    + "' closed the connection or sent an invalid response.");
        };
    }
}
