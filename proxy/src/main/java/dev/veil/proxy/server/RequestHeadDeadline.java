package dev.veil.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the time a client may take to send a request head (request line and headers), counted
 * from its first byte. The idle timeout alone does not: a client sending one byte now and then
 * (slowloris) is never idle, and would hold its connection for ever. A head not complete in time
 * closes the connection. The body that follows gets the same time plus one second for every
 * {@value #MIN_BODY_BYTES_PER_SECOND} bytes received: a client may upload slowly, but not
 * slower than that on average (a body sent a byte at a time is closed like a head).
 *
 * <p>Two handlers share one deadline: {@link #start()} before the HTTP decoder sees the first byte
 * of a head, {@link #end()} after it sees the decoded head and the end of the request. A third,
 * {@link #lingeringClose()}, uses what they know: closing a connection whose request is only partly
 * received (an answer such as 413 or 431 sent before the rest of the request) would make the
 * kernel reset it while the rest arrives, and the client would lose the answer; so the output is
 * shut down first (the client reads the answer, then end of stream) and what still arrives is
 * discarded for at most {@value #LINGER_MILLIS} ms before the connection closes. One instance per
 * connection; confined to its event loop.
 */
final class RequestHeadDeadline {

    /** Longest a connection is kept half-closed to drain the rest of a refused request. */
    static final long LINGER_MILLIS = 2000;
    /** The slowest average rate at which a request body may arrive, after the client timeout. */
    static final long MIN_BODY_BYTES_PER_SECOND = 1000;

    private final long timeoutMillis;
    private ScheduledFuture<?> timer;
    /** A head was decoded and its request has not ended: bytes now are body, not head. */
    private boolean inBody;
    /** When the body of the current request started, and how much of it has arrived. */
    private long bodyStartNanos;
    private long bodyBytes;

    RequestHeadDeadline(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** Goes before the HTTP decoder: arms the deadline at the first byte of a head. */
    ChannelHandler start() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (!inBody && timer == null && msg instanceof ByteBuf b && b.isReadable()) {
                    timer = ctx.executor().schedule(() -> {
                        timer = null;
                        ctx.close();
                    }, timeoutMillis, TimeUnit.MILLISECONDS);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                disarm();
                ctx.fireChannelInactive();
            }
        };
    }

    /** Goes after the HTTP decoder: the head is complete at a decoded request, the request at its end. */
    ChannelHandler end() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest) {
                    disarm();
                    inBody = true;
                    bodyStartNanos = System.nanoTime();
                    bodyBytes = 0;
                    scheduleBodyCheck(ctx, timeoutMillis);
                }
                if (msg instanceof HttpContent content) {
                    bodyBytes += content.content().readableBytes();
                }
                if (msg instanceof LastHttpContent) {
                    inBody = false;
                    disarm();
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    /**
     * Goes first in the pipeline, next to the socket: a close while a request is partly received
     * becomes a half-close and a short drain (see the class comment).
     */
    ChannelHandler lingeringClose() {
        return new ChannelDuplexHandler() {
            private boolean lingering;

            @Override
            public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
                boolean partial = inBody || timer != null;
                if (lingering || !partial || !(ctx.channel() instanceof DuplexChannel ch) || !ch.isActive()
                        || ch.isOutputShutdown()) {
                    ctx.close(promise);
                    return;
                }
                lingering = true;
                disarm();
                ch.shutdownOutput().addListener(f -> {
                    ctx.executor().schedule(() -> ctx.close(promise), f.isSuccess() ? LINGER_MILLIS : 0,
                            TimeUnit.MILLISECONDS);
                    ch.config().setAutoRead(true);
                });
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (lingering) {
                    ReferenceCountUtil.release(msg);
                    return;
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    /** Closes the connection when the body has fallen behind the slowest rate allowed. */
    private void scheduleBodyCheck(ChannelHandlerContext ctx, long delayMillis) {
        timer = ctx.executor().schedule(() -> {
            timer = null;
            if (!inBody) {
                return;
            }
            long allowed = timeoutMillis + bodyBytes * 1000 / MIN_BODY_BYTES_PER_SECOND;
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - bodyStartNanos);
            if (elapsed >= allowed) {
                ctx.close();
            } else {
                scheduleBodyCheck(ctx, allowed - elapsed);
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
