package dev.veil.proxy.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Gathers a request body up to the configured limit. A larger body is not read: the request
 * handler is told with an {@link Oversized} event, answers 413 in OpenAI's error shape and closes
 * the connection, since the rest of the body would still be on the wire.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {

    /** A request whose body is over the limit; its body was not read. */
    record Oversized(String uri, long declaredLength) {
    }

    BodyLimitAggregator(int limit) {
        super(limit, true);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        String uri = oversized instanceof HttpRequest r ? r.uri() : "";
        ctx.fireUserEventTriggered(new Oversized(uri, HttpUtil.getContentLength(oversized, -1L)));
    }
}
