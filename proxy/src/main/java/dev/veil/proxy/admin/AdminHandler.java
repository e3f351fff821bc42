package dev.veil.proxy.admin;

import static java.util.Objects.requireNonNull;

import dev.veil.proxy.metrics.MetricRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the admin endpoints: {@code /healthz} (the process is alive and its event loop turns),
 * {@code /readyz} (200 when ready, else 503 listing the reasons) and {@code /metrics}.
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);
    private static final String TEXT = "text/plain; charset=utf-8";

    private final MetricRegistry metrics;
    private final Readiness readiness;

    AdminHandler(MetricRegistry metrics, Readiness readiness) {
        this.metrics = requireNonNull(metrics, "metrics");
        this.readiness = requireNonNull(readiness, "readiness");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            respond(ctx, request, HttpResponseStatus.BAD_REQUEST, TEXT, "bad request\n");
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        boolean known = path.equals("/healthz") || path.equals("/readyz") || path.equals("/metrics");
        if (!known) {
            respond(ctx, request, HttpResponseStatus.NOT_FOUND, TEXT, "not found; try /healthz, /readyz or /metrics\n");
            return;
        }
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            FullHttpResponse r = response(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, TEXT, "use GET\n");
            r.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            send(ctx, request, r);
            return;
        }
        switch (path) {
            case "/healthz" -> respond(ctx, request, HttpResponseStatus.OK, TEXT, "ok\n");
            case "/readyz" -> readyz(ctx, request);
            default -> respond(ctx, request, HttpResponseStatus.OK, MetricRegistry.CONTENT_TYPE, metrics.scrape());
        }
    }

    private void readyz(ChannelHandlerContext ctx, FullHttpRequest request) {
        List<String> reasons;
        try {
            reasons = readiness.notReadyReasons();
        } catch (RuntimeException e) {
            log.warn("the readiness check failed: {}", e.toString());
            reasons = List.of("readiness check failed");
        }
        if (reasons.isEmpty()) {
            respond(ctx, request, HttpResponseStatus.OK, TEXT, "ready\n");
        } else {
            respond(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, TEXT,
                    "not ready: " + String.join("; ", reasons) + "\n");
        }
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
            String contentType, String body) {
        send(ctx, request, response(ctx, status, contentType, body));
    }

    private static FullHttpResponse response(ChannelHandlerContext ctx, HttpResponseStatus status, String contentType,
            String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = ctx.alloc().buffer(bytes.length).writeBytes(bytes);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, buf);
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        HttpUtil.setContentLength(r, bytes.length);
        return r;
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
        if (request.method().equals(HttpMethod.HEAD)) {
            // Same headers as GET, including Content-Length, but no body.
            response.content().clear();
        }
        HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
        ctx.writeAndFlush(response);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("admin connection closed after an error: {}", cause.toString());
        ctx.close();
    }
}
