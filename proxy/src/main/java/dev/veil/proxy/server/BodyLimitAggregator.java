package dev.veil.proxy.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import dev.veil.proxy.openai.ApiError;
import dev.veil.proxy.openai.ErrorKind;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;
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

    /**
     * {@code Expect: 100-continue} with a body over the limit: the aggregator refuses before the body
     * is sent. Answer in OpenAI's error shape rather than with a bare 413.
     */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object response = super.newContinueResponse(start, maxContentLength, pipeline);
        if (response instanceof HttpResponse r && r.status().code() == 413) {
            ReferenceCountUtil.release(response);
            FullHttpResponse error = ApiError.of(ErrorKind.TOO_LARGE, "The request body is larger than this Veil "
                    + "accepts (" + maxContentLength + " bytes). Send a smaller request.")
                    .toResponse(pipeline.channel().alloc());
            error.headers().set(HttpHeaderNames.CONNECTION, "close");
            return error;
        }
        return response;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        String uri = oversized instanceof HttpRequest r ? r.uri() : "";
        ctx.fireUserEventTriggered(new Oversized(uri, HttpUtil.getContentLength(oversized, -1L)));
    }
}
