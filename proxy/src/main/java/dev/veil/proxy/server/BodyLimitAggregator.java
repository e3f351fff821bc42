package dev.veil.proxy.server;

import dev.veil.proxy.openai.ApiError;
import dev.veil.proxy.openai.ErrorKind;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

/**
 * Gathers a request body up to the configured limit. A larger body gets 413 in OpenAI's error
 * shape and the connection is closed, since the rest of the body would still be on the wire.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {

    private final long limit;

    BodyLimitAggregator(int limit) {
        super(limit, true);
        this.limit = limit;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        FullHttpResponse r = ApiError.of(ErrorKind.TOO_LARGE, "The request body is larger than this Veil accepts ("
                + limit + " bytes). Send a smaller request.").toResponse(ctx.alloc());
        r.headers().set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }
}
