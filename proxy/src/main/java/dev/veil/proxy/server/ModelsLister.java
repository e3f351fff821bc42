package dev.veil.proxy.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.proxy.config.UpstreamConfig;
import dev.veil.proxy.openai.ApiError;
import dev.veil.proxy.openai.ErrorKind;
import dev.veil.proxy.upstream.UpstreamCall;
import dev.veil.proxy.upstream.UpstreamClient;
import dev.veil.proxy.upstream.UpstreamFailure;
import dev.veil.proxy.upstream.UpstreamListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Serves {@code GET /v1/models}: asks every upstream for its models and returns one list, each
 * model marked with the upstream that serves it and that upstream's trust. Upstreams that fail
 * are left out; if all fail, the client gets 502.
 *
 * <p>Confined to the client connection's event loop.
 */
final class ModelsLister {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LIST_BYTES = 4 * 1024 * 1024;

    private final ProxyServices services;
    private final ChannelHandlerContext ctx;
    private final Exchange exchange;
    private final Completion completion;
    private final Map<String, JsonNode> answers = new LinkedHashMap<>();
    private int pending;

    ModelsLister(ProxyServices services, ChannelHandlerContext ctx, Exchange exchange, Completion completion) {
        this.services = services;
        this.ctx = ctx;
        this.exchange = exchange;
        this.completion = completion;
    }

    void list() {
        List<UpstreamConfig> upstreams = new ArrayList<>(services.config().upstreams().values());
        pending = upstreams.size();
        for (UpstreamConfig u : upstreams) {
            answers.put(u.name(), null);
            services.upstreams().send(ctx.channel().eventLoop(), u, HttpMethod.GET, "/models", null,
                    new Collector(u));
        }
    }

    private void answered(UpstreamConfig upstream, JsonNode body) {
        answers.put(upstream.name(), body);
        if (--pending > 0) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        int answering = 0;
        for (Map.Entry<String, JsonNode> e : answers.entrySet()) {
            JsonNode list = e.getValue();
            if (list == null || !list.path("data").isArray()) {
                continue;
            }
            answering++;
            UpstreamConfig u = services.config().upstreams().get(e.getKey());
            for (JsonNode model : list.get("data")) {
                if (model.isObject()) {
                    ObjectNode m = ((ObjectNode) model).deepCopy();
                    m.put("veil_upstream", u.name());
                    m.put("veil_trust", u.trust().name().toLowerCase(Locale.ROOT));
                    data.add(m);
                }
            }
        }
        if (answering == 0) {
            ApiError error = ApiError.of(ErrorKind.UPSTREAM_UNREACHABLE, "No upstream answered the model list.");
            FullHttpResponse r = error.toResponse(ctx.alloc());
            exchange.describeTo(r.headers());
            ctx.writeAndFlush(r);
            completion.finished(ctx, exchange, r.status().code(), exchange.keepAlive);
            return;
        }
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen: serializing a tree", e);
        }
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        exchange.describeTo(r.headers());
        ctx.writeAndFlush(r);
        completion.finished(ctx, exchange, 200, exchange.keepAlive);
    }

    /** Gathers one upstream's model list. */
    private final class Collector implements UpstreamListener, UpstreamClient.CallAware {
        private final UpstreamConfig upstream;
        private final ByteBuf body = Unpooled.buffer();
        private UpstreamCall call;
        private boolean ok;

        Collector(UpstreamConfig upstream) {
            this.upstream = upstream;
        }

        @Override
        public void attach(UpstreamCall call) {
            this.call = call;
        }

        @Override
        public void onResponse(HttpResponse response) {
            ok = response.status().code() == 200;
        }

        @Override
        public void onContent(HttpContent content, boolean last) {
            try {
                if (body.readableBytes() + content.content().readableBytes() <= MAX_LIST_BYTES) {
                    body.writeBytes(content.content());
                } else {
                    ok = false;
                }
            } finally {
                content.release();
            }
            if (!last) {
                call.readMore();
                return;
            }
            JsonNode parsed = null;
            if (ok) {
                try {
                    parsed = JSON.readTree(body.toString(java.nio.charset.StandardCharsets.UTF_8));
                } catch (IOException e) {
                    parsed = null;
                }
            }
            body.release();
            answered(upstream, parsed);
        }

        @Override
        public void onFailure(UpstreamFailure failure, boolean responseStarted, Throwable cause) {
            body.release();
            answered(upstream, null);
        }
    }
}
